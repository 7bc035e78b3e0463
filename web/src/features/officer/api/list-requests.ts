import type { z } from 'zod';
import type { OfficerConsole } from '../../../../../src/credentials/officer-console.service';
import type { pendingListQuerySchema } from '../../../../../src/credentials/officer.schemas';
import { apiRequest, withQuery } from '../../../lib/api-client';

export type PendingPage = Awaited<ReturnType<OfficerConsole['pending']>>;
export type PendingItem = PendingPage['items'][number];

/** GET /api/requests?status=pending (Asignar Token): requests waiting for keys, oldest first. */
export function listPendingRequests(cursor?: string): Promise<PendingPage> {
  const query: z.input<typeof pendingListQuerySchema> = { status: 'pending', cursor };
  return apiRequest<PendingPage>('GET', withQuery('requests', query));
}
