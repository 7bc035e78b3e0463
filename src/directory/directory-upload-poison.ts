import * as z from 'zod';
import type { Clock } from '../platform/clock';
import type { BlobStore } from '../platform/storage/blob-store';
import type { DirectoryUploadTable } from './directory-upload.repository';
import { createJobCloser } from './directory-upload-job';
import { DIRECTORY_IMPORT_SUBJECT, type ImportAuditLog } from './import-audit';

/** What the official reads (page and e-mail) about a job whose message ran out of tries. */
export const POISONED_REASON =
  'La importación falló en todos sus intentos y se detuvo. El equipo de operación recibió una alerta para revisar la causa.';

const messageSchema = z.object({ uploadId: z.uuid() });

type Deps = {
  uploads: DirectoryUploadTable;
  blobs: BlobStore;
  /** The same «import finished» event as a job's normal end: one e-mail per upload, whoever closes it. */
  recordFinished: (uploadId: string) => Promise<() => Promise<void>>;
  audit: ImportAuditLog;
  clock: Clock;
};

/**
 * The `dirimports-poison` worker: the platform put there a job's message after its last failed try, so nobody will
 * run the job again. It is closed as failed at once (not 15 minutes later, when someone looks at it): the reason is
 * kept, the one-at-a-time lock let go, the audit trail says so and the official who started it gets the job's end
 * e-mail. A redelivered message finds the job closed and only redoes what may have been cut short (e-mail, lock, files).
 */
export function createPoisonedUploads({ uploads, blobs, recordFinished, audit, clock }: Deps) {
  const { wrapUp, close, alive } = createJobCloser({ uploads, blobs, recordFinished, clock });

  return {
    async fail(message: unknown): Promise<string> {
      const parsed = messageSchema.safeParse(message);
      if (!parsed.success) return 'mensaje sin uploadId: descartado';
      const { uploadId: id } = parsed.data;
      const job = await uploads.get(id);
      if (!job) return `carga ${id}: no existe`;
      if (job.state === 'previewed') return `carga ${id}: sin aplicar, nada que cerrar`;
      if (alive(job)) {
        const written = job.written ?? 0;
        // Recorded before the close: a close cut short leaves the record (a redelivery may add a second), never none.
        await audit.record({
          subject: DIRECTORY_IMPORT_SUBJECT,
          action: 'directorio.importacion-fallida',
          actor: job.officer,
          detail: { intentos: job.attempts, filasEscritas: written, iniciadaEl: job.createdAt },
        });
        if (await close(job, { state: 'failed', interrupted: true, written, reason: POISONED_REASON }))
          return `carga ${id}: cerrada como fallida tras ${job.attempts} intento(s); ${written} fila(s) escritas`;
      }
      // Closed before: by its own last attempt, by a look at a stale job, or by an earlier delivery of this message.
      await wrapUp(id, await recordFinished(id));
      return `carga ${id}: ya estaba cerrada (${(await uploads.get(id))?.state ?? 'desconocida'})`;
    },
  };
}
export type PoisonedUploads = ReturnType<typeof createPoisonedUploads>;
