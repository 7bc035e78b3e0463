import type { createDirectoryImport } from '../directory/directory-import.service';
import { createDirectoryUploads } from '../directory/directory-upload.service';
import { createPoisonedUploads } from '../directory/directory-upload-poison';
import { createDirectoryUploadTable } from '../directory/directory-upload.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { ImportAuditLog } from '../directory/import-audit';
import { eventIdFor, type createEventPublisher } from '../notifications/event-publisher';
import type { AppConfig } from '../config';
import type { Clock } from '../platform/clock';
import { onFirstUse } from '../kernel/on-first-use';
import type { Storage } from '../platform/storage/storage';

type Deps = {
  storage: Storage;
  directory: DirectoryRepository;
  audit: ImportAuditLog;
  events: ReturnType<typeof createEventPublisher>;
  clock: Clock;
  config: Pick<AppConfig, 'DIRECTORY_ADMINS'>;
};

/** The directory's import (the command line's and the web's) and the web's uploads with their background job. */
export function buildDirectory({ storage, directory, audit, events, clock, config }: Deps) {
  // The import's checks (csv-parse) load with its first file: the start path does not carry them.
  const loaded = onFirstUse(async () => (await import('../directory/directory-import.service')).createDirectoryImport(directory, audit));
  const directoryImport: ReturnType<typeof createDirectoryImport> = {
    preview: async (...args) => (await loaded()).preview(...args),
    importFiles: async (...args) => (await loaded()).importFiles(...args),
  };
  const uploads = createDirectoryUploadTable(storage);
  const blobs = storage.blobStore('directory-uploads');
  // One event per upload (a fixed id), whatever the number of attempts or closers that reach the end: one e-mail.
  const recordFinished = async (uploadId: string) => {
    const event = await events.record({ type: 'directory.import-finished', uploadId }, eventIdFor(`directory-import:${uploadId}`));
    return () => events.dispatch(event);
  };
  const directoryUploads = createDirectoryUploads({
    uploads,
    blobs,
    queue: storage.queueOf('dirimports'),
    directoryImport,
    admins: config.DIRECTORY_ADMINS,
    recordFinished,
    clock,
  });
  // The dirimports-poison worker: a job whose message ran out of tries is closed as failed at once.
  const poisonedUploads = createPoisonedUploads({ uploads, blobs, recordFinished, audit, clock });
  return { directoryImport, directoryUploads, poisonedUploads };
}
