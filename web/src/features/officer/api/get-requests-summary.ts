import type { PendingRequests } from '../../../../../src/credentials/pending-requests.service';
import { apiRequest } from '../../../lib/api-client';

export type RequestsSummary = Awaited<ReturnType<PendingRequests['summary']>>;

/** GET /api/requests/summary: the pending count of the officials' menu and the departments with requests waiting. */
export const getRequestsSummary = (): Promise<RequestsSummary> => apiRequest<RequestsSummary>('GET', 'requests/summary');
