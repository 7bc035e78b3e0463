import type { AppendBlobClient, ContainerClient } from '@azure/storage-blob';
import { isStatus } from './concurrency';

/**
 * One container of append blobs (the audit's write-once copy). The writer can only add blocks at the end of a
 * blob, or create a blob that does not exist yet: it has no call that uploads, overwrites or deletes, so even
 * where the container's immutability policy is not enforced (Azurite, or before it is locked) nothing it wrote
 * can be changed through it.
 */
export interface AppendLog {
  readonly name: string;
  /**
   * Adds `text` as one block at the end of `<base>.ndjson`; once that blob holds `maxBlocks` blocks, of
   * `<base>-2.ndjson`, `<base>-3.ndjson`, … Returns the blob written.
   */
  append(base: string, text: string): Promise<string>;
}

/** An append blob accepts at most 50,000 blocks (https://learn.microsoft.com/rest/api/storageservices/append-block). */
export const APPEND_BLOB_MAX_BLOCKS = 50_000;

const partName = (base: string, part: number) => (part === 1 ? `${base}.ndjson` : `${base}-${part}.ndjson`);

function isFull(error: unknown): boolean {
  return isStatus(error, 409) && (error as { code?: string }).code === 'BlockCountExceedsLimit';
}

async function appendOnce(blob: AppendBlobClient, body: Buffer) {
  try {
    return await blob.appendBlock(body, body.length);
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
    // If-None-Match: * underneath: never replaces a blob another writer created meanwhile.
    await blob.createIfNotExists();
    return await blob.appendBlock(body, body.length);
  }
}

/**
 * `maxBlocks` (below the service's limit, so that writers roll over before they meet it) is per process: another
 * instance finds the full blob through the service's BlockCountExceedsLimit answer and moves on.
 */
export function createAppendLog(
  name: string,
  containerOf: () => Promise<ContainerClient>,
  options: { maxBlocks?: number } = {},
): AppendLog {
  const maxBlocks = Math.min(options.maxBlocks ?? APPEND_BLOB_MAX_BLOCKS - 1_000, APPEND_BLOB_MAX_BLOCKS);
  const currentPart = new Map<string, number>();
  return {
    name,
    async append(base, text) {
      const container = await containerOf();
      const body = Buffer.from(text, 'utf8');
      for (let part = currentPart.get(base) ?? 1; ; part++) {
        const blob = container.getAppendBlobClient(partName(base, part));
        try {
          const result = await appendOnce(blob, body);
          currentPart.set(base, (result.blobCommittedBlockCount ?? 0) >= maxBlocks ? part + 1 : part);
          return blob.name;
        } catch (error) {
          if (!isFull(error)) throw error;
        }
      }
    },
  };
}
