import type { z } from 'zod';
import type { PendingRequests } from '../../../../../src/credentials/pending-requests.service';
import type { pendingListQuerySchema } from '../../../../../src/credentials/officer.schemas';
import { apiRequest, withQuery } from '../../../lib/api-client';

export type PendingListQuery = Omit<z.input<typeof pendingListQuerySchema>, 'status'>;
export type PendingPage = Awaited<ReturnType<PendingRequests['list']>>;
export type PendingItem = PendingPage['items'][number];

/** GET /api/requests?status=pending (Asignar Token): requests waiting for keys, filtered, counted and paged. */
export function listPendingRequests(query: PendingListQuery): Promise<PendingPage> {
  const full: z.input<typeof pendingListQuerySchema> = { status: 'pending', ...query };
  return apiRequest<PendingPage>('GET', withQuery('requests', full));
}
