import type { z } from 'zod';
import type { keyRequestSchema } from '../../../../../src/requests/requests.schemas';
import type { RequestService } from '../../../../../src/requests/request.service';
import { apiRequest } from '../../../lib/api-client';

export type KeyRequestBody = z.input<typeof keyRequestSchema>;
export type SavedRequest = Awaited<ReturnType<RequestService['submit']>>;

/** POST /api/my/requests (Generar Llaves de Acceso): an Inscripción or Resolicitud Token. */
export function createMyRequest(body: KeyRequestBody): Promise<SavedRequest> {
  return apiRequest<SavedRequest>('POST', 'my/requests', { body });
}
