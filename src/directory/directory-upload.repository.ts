import * as z from 'zod';
import type { Storage } from '../platform/storage/storage';
import type { Version } from '../platform/storage/table';
import type { ImportKind } from './directory-import.service';

export const uploadStates = ['previewed', 'queued', 'running', 'done', 'failed'] as const;
export type UploadState = (typeof uploadStates)[number];

const lineErrorSchema = z.object({ line: z.number(), message: z.string(), field: z.string().optional() });
const countsSchema = z.object({
  imported: z.boolean(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  removed: z.number(),
});
/** One uploaded file as the preview describes it: how it was read, its first rows, what it would change, its first errors. */
export const uploadFileSchema = z.object({
  kind: z.enum(['providers', 'delegates', 'officers']),
  fileName: z.string(),
  bytes: z.number(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  headers: z.array(z.string()),
  firstRows: z.array(z.array(z.string())),
  counts: countsSchema,
  errorCount: z.number(),
  errors: z.array(lineErrorSchema),
});
export type UploadFile = z.infer<typeof uploadFileSchema>;
export type UploadCounts = z.infer<typeof countsSchema> & { kind: ImportKind };

const jobSchema = z.object({
  rowKey: z.string(),
  version: z.string(),
  officer: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  state: z.enum(uploadStates),
  files: z.string().transform((text) => uploadFileSchema.array().parse(JSON.parse(text))),
  done: z.number().default(0),
  total: z.number().default(0),
  attempts: z.number().default(0),
  plan: z.string().optional(),
  result: z.string().optional(),
  finishedAt: z.string().optional(),
  interrupted: z.boolean().optional(),
  written: z.number().optional(),
  reason: z.string().optional(),
});

/** An upload and, once applied, its import job: one row, so the page reads one thing. */
export type UploadJob = {
  id: string;
  version: Version;
  officer: string;
  createdAt: string;
  updatedAt: string;
  state: UploadState;
  files: UploadFile[];
  /** Writes done and to do in the current attempt. */
  done: number;
  total: number;
  attempts: number;
  /** The counts of the first attempt, before any write: what a resumed job reports at the end. */
  plan?: (UploadCounts & { errors?: z.infer<typeof lineErrorSchema>[] })[];
  result?: (UploadCounts & { errors?: z.infer<typeof lineErrorSchema>[] })[];
  finishedAt?: string;
  /** A job that died (its retries ran out) and was closed as failed: `written` rows had already been written. */
  interrupted?: boolean;
  written?: number;
  /** Why a job was closed as failed by the platform's side (its message poisoned), in Spanish for the official. */
  reason?: string;
};

type JobRow = {
  officer: string;
  createdAt: string;
  updatedAt: string;
  state: UploadState;
  files: string;
  done: number;
  total: number;
  attempts: number;
  plan?: string;
  result?: string;
  finishedAt?: string;
  interrupted?: boolean;
  written?: number;
  reason?: string;
  uploadId?: string;
};
const JOB = 'upload';
const LOCK = { partitionKey: 'lock', rowKey: 'current' } as const;

function toJob(row: unknown): UploadJob {
  const parsed = jobSchema.parse(row);
  return {
    ...parsed,
    id: parsed.rowKey,
    version: parsed.version as Version,
    plan: parsed.plan === undefined ? undefined : JSON.parse(parsed.plan),
    result: parsed.result === undefined ? undefined : JSON.parse(parsed.result),
  } as UploadJob;
}

export type JobChanges = Partial<
  Pick<
    UploadJob,
    'state' | 'done' | 'total' | 'attempts' | 'plan' | 'result' | 'finishedAt' | 'updatedAt' | 'interrupted' | 'written' | 'reason'
  >
>;

/** Table `dirimports`: each upload (partition `upload`), and the lock row that lets one import run at a time. */
export function createDirectoryUploadTable(storage: Storage) {
  const table = storage.tableOf<Partial<JobRow>>('dirimports');
  const encode = ({ plan, result, ...rest }: JobChanges): Partial<JobRow> => ({
    ...rest,
    ...(plan && { plan: JSON.stringify(plan) }),
    ...(result && { result: JSON.stringify(result) }),
  });

  return {
    async create(job: Omit<UploadJob, 'version' | 'plan' | 'result' | 'finishedAt'>): Promise<void> {
      const { id, files, ...rest } = job;
      await table.insert({ partitionKey: JOB, rowKey: id, ...rest, files: JSON.stringify(files) });
    },
    async get(id: string): Promise<UploadJob | undefined> {
      const row = await table.get(JOB, id);
      return row && toJob(row);
    },
    /** Merges the changes; with `version`, only if nobody wrote the row since. */
    async update(id: string, changes: JobChanges, version?: Version) {
      return table.update({ partitionKey: JOB, rowKey: id, ...encode(changes) }, { mode: 'merge', ...(version && { version }) });
    },
    /** Takes the lock for this upload; `false` when another holds it. */
    async lock(uploadId: string): Promise<boolean> {
      return (await table.insert({ ...LOCK, uploadId })).status === 'inserted';
    },
    async holder(): Promise<{ uploadId: string; version: Version } | undefined> {
      const row = await table.get(LOCK.partitionKey, LOCK.rowKey);
      return row?.uploadId ? { uploadId: row.uploadId, version: row.version } : undefined;
    },
    /** Lets the lock go, only if this upload still holds it (at `version` when given). */
    async unlock(uploadId: string, version?: Version): Promise<void> {
      const held = await this.holder();
      if (held?.uploadId === uploadId) await table.delete(LOCK.partitionKey, LOCK.rowKey, version ?? held.version);
    },
  };
}
export type DirectoryUploadTable = ReturnType<typeof createDirectoryUploadTable>;
