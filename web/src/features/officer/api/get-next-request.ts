import type { z } from 'zod';
import type { PendingRequests } from '../../../../../src/credentials/pending-requests.service';
import type { nextRequestQuerySchema } from '../../../../../src/credentials/officer.schemas';
import { apiRequest, withQuery } from '../../../lib/api-client';

export type NextRequest = Awaited<ReturnType<PendingRequests['next']>>;

/** GET /api/requests/next: «Siguiente solicitud» with Asignar Token's filters, leaving out the provider just handled. */
export function getNextRequest(query: z.input<typeof nextRequestQuerySchema>): Promise<NextRequest> {
  return apiRequest<NextRequest>('GET', withQuery('requests/next', query));
}
