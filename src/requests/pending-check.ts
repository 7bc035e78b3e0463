import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { PendingEntry } from './pending-queue';

/**
 * Whether a queue row's request is still its provider's pending one, as «Asignar Token» checks each row it shows: the
 * queue is written before the request and cleared after it is resolved, so it may hold rows of resolved requests.
 */
export const stillPendingIn =
  (keyFiles: Pick<KeyFileRepository, 'getFile'>) =>
  async (entry: PendingEntry): Promise<boolean> => {
    const file = await keyFiles.getFile(entry.nit);
    return file.pendingRequestId === entry.requestId && file.pendingKind !== undefined;
  };
