import type { ContainerClient } from '@azure/storage-blob';

/** Files kept whole in one container, by name (`folder/file`). Transport failures are thrown as they come. */
export interface BlobStore {
  put(name: string, bytes: Uint8Array, contentType?: string): Promise<void>;
  /** `undefined` when there is no such blob. */
  get(name: string): Promise<Uint8Array | undefined>;
  /** Whether the blob is there (its properties only: nothing of it is downloaded). */
  exists(name: string): Promise<boolean>;
  /**
   * The blob downloaded as a stream, a piece at a time as it is read (never whole in memory; the SDK resumes a
   * download cut short). `undefined` when there is no such blob.
   */
  stream(name: string): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** Every blob under `folder/`; none there is not an error. */
  deleteFolder(folder: string): Promise<void>;
}

/** `containerOf` builds the SDK's client (loading the SDK) on the first operation. */
export function createBlobStore(containerOf: () => Promise<ContainerClient>): BlobStore {
  return {
    async put(name, bytes, contentType = 'application/octet-stream') {
      const container = await containerOf();
      await container.getBlockBlobClient(name).uploadData(bytes, { blobHTTPHeaders: { blobContentType: contentType } });
    },
    async get(name) {
      const container = await containerOf();
      try {
        return await container.getBlockBlobClient(name).downloadToBuffer();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw error;
      }
    },
    async exists(name) {
      const container = await containerOf();
      return container.getBlockBlobClient(name).exists();
    },
    async stream(name) {
      const container = await containerOf();
      try {
        const response = await container.getBlockBlobClient(name).download(0);
        return response.readableStreamBody as AsyncIterable<Uint8Array> | undefined;
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode === 404) return undefined;
        throw error;
      }
    },
    async deleteFolder(folder) {
      const container = await containerOf();
      for await (const blob of container.listBlobsFlat({ prefix: `${folder}/` }))
        await container.deleteBlob(blob.name, { deleteSnapshots: 'include' });
    },
  };
}
