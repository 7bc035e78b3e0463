import type { Clock } from '../platform/clock';
import type { BlobStore } from '../platform/storage/blob-store';
import type { ByteSource } from './csv-source';
import type { DirectoryUploadTable, JobChanges, UploadJob } from './directory-upload.repository';

/** A job that has not moved for this long holds the lock no more: its worker died and its retries ran out. */
export const STALE_MS = 15 * 60_000;

type Deps = {
  uploads: DirectoryUploadTable;
  blobs: BlobStore;
  recordFinished: (uploadId: string) => Promise<() => Promise<void>>;
  clock: Clock;
};

/**
 * How a directory upload's job ends: closed once (at its version), with the «finished» event recorded before the
 * close and the rest (queue the event, let the lock go, delete the files) redone by whoever finds it closed.
 * A job that stopped moving (see STALE_MS) is closed as failed, with the rows it had written.
 */
export function createJobCloser({ uploads, blobs, recordFinished, clock }: Deps) {
  const now = () => clock.now().toISOString();
  /** After a job is closed, whoever closed it (or a redelivered message) does the rest: each step may run again. */
  async function wrapUp(id: string, send: () => Promise<void>) {
    await send();
    await uploads.unlock(id);
    await blobs.deleteFolder(id);
  }

  /** Closes the job once (at its version): the finished event is recorded first, so a close cut short still e-mails. */
  async function close(job: UploadJob, changes: JobChanges): Promise<boolean> {
    const send = await recordFinished(job.id);
    const closed = await uploads.update(job.id, { ...changes, finishedAt: now(), updatedAt: now() }, job.version);
    if (closed.status !== 'updated') return false;
    await wrapUp(job.id, send);
    return true;
  }

  const alive = (job: UploadJob) => job.state === 'queued' || job.state === 'running';
  const stale = (job: UploadJob) => alive(job) && clock.now().getTime() - Date.parse(job.updatedAt) >= STALE_MS;

  /** A job nobody moved for STALE_MS (its worker died, its retries ran out): failed, saying how many rows it wrote. */
  async function closeStale(job: UploadJob): Promise<UploadJob> {
    await close(job, { state: 'failed', interrupted: true, written: job.written ?? 0 });
    return (await uploads.get(job.id))!;
  }

  /** The upload holding the lock, if it is still alive; a dead one is closed as failed and its lock let go. */
  async function running(): Promise<UploadJob | undefined> {
    const held = await uploads.holder();
    if (!held) return undefined;
    const job = await uploads.get(held.uploadId);
    if (job && alive(job) && !stale(job)) return job;
    if (job && stale(job)) await closeStale(job);
    await uploads.unlock(held.uploadId, held.version).catch(() => undefined);
    return undefined;
  }

  return { wrapUp, close, alive, stale, closeStale, running };
}

/** An uploaded file read as a stream from Blob storage, downloaded again for each reading: never whole in memory. */
export const blobSource = (blobs: BlobStore, name: string, missing: () => Error): ByteSource => ({
  async *open() {
    const body = await blobs.stream(name);
    if (!body) throw missing();
    yield* body;
  },
});
