import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { AppError, conflict, fieldError, notFound } from '../kernel/app-error';
import type { Clock } from '../platform/clock';
import type { BlobStore } from '../platform/storage/blob-store';
import type { Queue } from '../platform/storage/queue';
import type { createDirectoryImport, ImportKind, ImportReport } from './directory-import.service';
import { delegateColumns, officerColumns, providerColumns } from './directory-columns';
import type { DirectoryUploadTable, UploadCounts, UploadFile, UploadJob } from './directory-upload.repository';
import { blobSource, createJobCloser } from './directory-upload-job';
import type { ByteSource } from './csv-source';

/** The most an official may upload at once (the three files together). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Errors kept per file for the preview and the result (the count says how many there were). */
const SHOWN_ERRORS = 50;
/** While a job runs, its worker says it is alive this often (also while it reads and plans, before any write). */
export const HEARTBEAT_MS = 60_000;
/** Progress is written at most this often (and at the end). */
const PROGRESS_EVERY_MS = 1_000;

const columnsOf = { providers: providerColumns, delegates: delegateColumns, officers: officerColumns };
const kinds = ['providers', 'delegates', 'officers'] as const;
const labels: Record<ImportKind, string> = { providers: 'prestadores', delegates: 'delegados', officers: 'funcionarios' };
const messageSchema = z.object({ uploadId: z.uuid() });

type Deps = {
  uploads: DirectoryUploadTable;
  /** DIRECTORY_ADMINS: the officials who may load the delegates and officials files from the web. */
  admins: readonly string[];
  blobs: BlobStore;
  queue: Queue;
  directoryImport: ReturnType<typeof createDirectoryImport>;
  /**
   * Records the «import finished» event under a fixed id (its e-mail goes out from the notifications worker), before
   * the job is closed; the function it returns queues it, after. Both may run again: the event is sent once.
   */
  recordFinished: (uploadId: string) => Promise<() => Promise<void>>;
  clock: Clock;
};
export type UploadedFile = { kind: ImportKind; fileName: string; bytes: Uint8Array };

const counts = (report: ImportReport): UploadCounts => ({
  kind: report.kind,
  imported: report.imported,
  rows: report.rows,
  created: report.created,
  updated: report.updated,
  unchanged: report.unchanged,
  removed: report.removed,
});
const withErrors = (report: ImportReport) => ({ ...counts(report), errors: report.errors.slice(0, SHOWN_ERRORS) });

/**
 * «Directorio» from the web: an official uploads the ministry's files, sees what they would change (nothing is
 * written), and applies them; the import then runs in the queue worker (`run`), one at a time, with the same
 * checks, writes and audit record as `npm run directory:import`, and survives a restart: a redelivered message
 * resumes the job (the writes are idempotent upserts of what still differs) and only the first to finish it
 * reports it.
 */
export function createDirectoryUploads({ uploads, admins, blobs, queue, directoryImport, recordFinished, clock }: Deps) {
  const now = () => clock.now().toISOString();
  const allowed = new Set(admins.map((name) => name.toUpperCase()));
  const mayChangePeople = (officer: string) => allowed.has(officer.toUpperCase());
  const checkPeople = (officer: string, files: { kind: ImportKind }[]) => {
    if (files.some((file) => file.kind !== 'providers') && !mayChangePeople(officer)) throw peopleForbidden();
  };

  const { wrapUp, close, stale, closeStale, running } = createJobCloser({ uploads, blobs, recordFinished, clock });

  const busy = (job: UploadJob) =>
    conflict(
      'carga-en-curso',
      `Ya hay una carga del directorio en curso (iniciada por ${job.officer}; ${job.done} de ${job.total} filas escritas). ` +
        'Espere a que termine para cargar otra.',
    );

  async function ownJob(officer: string, id: string): Promise<UploadJob> {
    const job = z.uuid().safeParse(id).success ? await uploads.get(id) : undefined;
    if (!job || job.officer !== officer) throw notFound('No existe esa carga del directorio.');
    return job;
  }

  return {
    /** What the page tells the official before an upload: whether the delegates and officials files are theirs to load. */
    permissions: (officer: string) => ({ mayChangePeople: mayChangePeople(officer) }),

    async preview(officer: string, files: UploadedFile[]): Promise<UploadJob> {
      if (files.length === 0) throw fieldError('archivos', 'Seleccione al menos un archivo CSV (prestadores, delegados o funcionarios).');
      checkPeople(officer, files);
      const size = files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
      if (size > MAX_UPLOAD_BYTES)
        throw new AppError(
          'archivo-demasiado-grande',
          413,
          `Los archivos suman más de ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, el máximo que se puede cargar.`,
        );
      const current = await running();
      if (current) throw busy(current);

      const byKind = Object.fromEntries(files.map((file) => [file.kind, file.bytes])) as Partial<Record<ImportKind, Uint8Array>>;
      const reports = await directoryImport.preview(byKind);
      const { describeCsv } = await import('./csv-preview'); // csv-parse: loaded with the first upload, not at start
      const id = randomUUID();
      const described: UploadFile[] = files.map((file) => {
        const report = reports.find((r) => r.kind === file.kind)!;
        return {
          kind: file.kind,
          fileName: file.fileName,
          bytes: file.bytes.byteLength,
          ...describeCsv(file.bytes, columnsOf[file.kind]),
          counts: counts(report),
          errorCount: report.errors.length,
          errors: report.errors.slice(0, SHOWN_ERRORS),
        };
      });
      for (const file of files) await blobs.put(`${id}/${file.kind}.csv`, file.bytes, 'text/csv');
      const at = now();
      await uploads.create({
        id,
        officer,
        createdAt: at,
        updatedAt: at,
        state: 'previewed',
        files: described,
        done: 0,
        total: 0,
        attempts: 0,
      });
      return (await uploads.get(id))!;
    },

    /** The upload as the page polls it; a job that died is reported (and closed) as failed, with what it wrote. */
    async status(officer: string, id: string): Promise<UploadJob> {
      const job = await ownJob(officer, id);
      return stale(job) ? closeStale(job) : job;
    },

    /** «Aplicar»: takes the one-at-a-time lock and queues the job; 409 when another runs or this one cannot be applied. */
    async apply(officer: string, id: string): Promise<UploadJob> {
      const job = await ownJob(officer, id);
      if (job.state !== 'previewed')
        throw conflict('carga-ya-aplicada', 'Esta carga ya se aplicó; cargue los archivos de nuevo para otra importación.');
      checkPeople(officer, job.files);
      if (job.files.some((file) => file.errorCount > 0))
        throw conflict('carga-con-errores', 'Los archivos tienen errores: corríjalos y cárguelos de nuevo. No se importó nada.');
      const current = await running();
      if (current) throw busy(current);
      if (!(await uploads.lock(id))) throw busy((await running()) ?? job);
      const queued = await uploads.update(id, { state: 'queued', updatedAt: now() }, job.version);
      if (queued.status !== 'updated') {
        await uploads.unlock(id);
        throw conflict('carga-ya-aplicada', 'Esta carga ya se aplicó.');
      }
      try {
        await queue.send(Buffer.from(JSON.stringify({ uploadId: id })).toString('base64'));
      } catch (error) {
        await uploads.update(id, { state: 'previewed', updatedAt: now() });
        await uploads.unlock(id);
        throw new AppError(
          'cola-no-disponible',
          503,
          'No se pudo iniciar la importación en este momento. Intente de nuevo en unos minutos.',
          {
            cause: error,
          },
        );
      }
      return (await uploads.get(id))!;
    },

    /** The queue worker's part. Throws on a failure so the message is retried; a finished job is left alone. */
    async run(message: unknown): Promise<string> {
      const parsed = messageSchema.safeParse(message);
      if (!parsed.success) return 'mensaje sin uploadId: descartado';
      const { uploadId: id } = parsed.data;
      const job = await uploads.get(id);
      if (!job) return `carga ${id}: no existe`;
      if (job.state === 'previewed') return `carga ${id}: sin aplicar`;
      if (job.state === 'done' || job.state === 'failed') {
        // Closed by an attempt that then stopped short: its e-mail, lock and files are seen to again.
        await wrapUp(id, await recordFinished(id));
        return `carga ${id}: ya ${job.state}`;
      }
      await uploads.update(id, { state: 'running', attempts: job.attempts + 1, done: 0, updatedAt: now() });
      const heartbeat = setInterval(() => void uploads.update(id, { updatedAt: now() }).catch(() => undefined), HEARTBEAT_MS);
      const progress = { done: 0 };
      try {
        return await work(id, job, progress);
      } catch (error) {
        // Cut short: what a later look at a dead job reports is what this attempt really wrote, not its last throttled save.
        await uploads.update(id, { written: (job.written ?? 0) + progress.done }).catch(() => undefined);
        throw error;
      } finally {
        clearInterval(heartbeat);
      }
    },

    /** For the e-mail: the upload as it ended. */
    get: (id: string) => uploads.get(id),
  };

  async function work(id: string, job: UploadJob, progress: { done: number }): Promise<string> {
    const files: Partial<Record<ImportKind, ByteSource>> = {};
    for (const kind of kinds) {
      if (!job.files.some((file) => file.kind === kind)) continue;
      const missing = () => new Error(`carga ${id}: falta el archivo de ${labels[kind]}`);
      if (!(await blobs.exists(`${id}/${kind}.csv`))) throw missing();
      files[kind] = blobSource(blobs, `${id}/${kind}.csv`, missing);
    }
    let saved = 0;
    const reports = await directoryImport.importFiles(files, {
      actor: job.officer,
      onPlan: async (planned) => {
        if (!job.plan) await uploads.update(id, { plan: planned.map(withErrors) });
      },
      onProgress: async (done, total) => {
        progress.done = done;
        const at = clock.now().getTime();
        if (done !== total && at - saved < PROGRESS_EVERY_MS) return;
        saved = at;
        // Of every attempt together: what a job that dies is reported to have written.
        await uploads.update(id, { done, total, written: (job.written ?? 0) + done, updatedAt: now() });
      },
    });
    const ok = reports.every((report) => report.imported);
    // A resumed job reports what the first attempt planned: the writes it already made are no change any more.
    const result = ok && job.plan ? job.plan : reports.map(withErrors);
    const latest = (await uploads.get(id))!;
    if (latest.state === 'done' || latest.state === 'failed') return `carga ${id}: otro intento la terminó`;
    if (!(await close(latest, { state: ok ? 'done' : 'failed', result }))) return `carga ${id}: otro intento la terminó`;
    return `carga ${id}: ${ok ? 'importada' : 'con errores, no se importó'}`;
  }
}

const peopleForbidden = () =>
  new AppError(
    'directorio-personas-restringido',
    403,
    'Solo los administradores del directorio (DIRECTORY_ADMINS) pueden cargar o aplicar los archivos de delegados y de funcionarios: ' +
      'esos archivos deciden quién ve las llaves de cada prestador. Usted puede cargar el archivo de prestadores; para delegados o ' +
      'funcionarios, pida la carga a un administrador del directorio o a quien opera la importación por línea de comandos. No se guardó nada.',
  );
export type DirectoryUploads = ReturnType<typeof createDirectoryUploads>;
