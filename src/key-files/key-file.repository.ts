import type { KeyFile, KeyRequest } from './key-file';

/**
 * Where key files are kept. A file and its requests are saved together or not at all; a save made from a
 * file whose `version` is no longer the stored one fails with KeyFileChangedError.
 */
export interface KeyFileRepository {
  /** The file, or an empty one (`version` undefined) for a provider that has none yet. */
  getFile(nit: string): Promise<KeyFile>;
  getRequest(nit: string, id: string): Promise<KeyRequest | undefined>;
  /** Newest first. */
  listRequests(nit: string, limit?: number): Promise<KeyRequest[]>;
  /** Every key file, for maintenance jobs (a full scan). */
  listFiles(): AsyncGenerator<KeyFile>;
  /** Saves a new request and the file's new state together, or neither. */
  saveRequest(file: KeyFile, request: KeyRequest): Promise<void>;
  /** Saves the file with the request it resolves (assignment or rejection), together. */
  saveFile(file: KeyFile, resolved?: KeyRequest): Promise<void>;
}
