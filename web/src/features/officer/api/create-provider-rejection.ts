import type { z } from 'zod';
import type { RequestReview, rejectionSchema } from '../../../../../src/requests/request-review.service';
import { apiRequest } from '../../../lib/api-client';

export type RejectionBody = z.input<typeof rejectionSchema>;
export type Rejected = Awaited<ReturnType<RequestReview['reject']>> & { message: string };

/** POST /api/providers/{nit}/rejections (Rechazar): the pending request, with a reason the delegate reads. */
export function createProviderRejection(nit: string, version: string, body: RejectionBody): Promise<Rejected> {
  return apiRequest<Rejected>('POST', `providers/${nit}/rejections`, { body, headers: { 'If-Match': version } });
}
