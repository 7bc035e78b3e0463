import * as z from 'zod';
import type { Clock } from '../platform/clock';
import { createLeases, type LeaseRow } from '../platform/storage/lease';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { Version } from '../platform/storage/table';
import { ConcurrencyError } from '../platform/storage/concurrency';
import type { EnvironmentName } from './credentials.schemas';

/** One provider's certificate for one environment, as stored (`certificates` table: partition NIT, row environment). */
export const certificateRecordSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  thumbprintSha256: z.string(),
  thumbprintSha1: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyDescription: z.string(),
  derBase64: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  registration: z.enum(['entra', 'pending', 'manual']),
  entra: z.object({ applicationObjectId: z.string(), appId: z.string(), keyId: z.string() }).optional(),
  registeredAt: z.string().optional(),
  registeredBy: z.string().optional(),
  previous: z.object({ thumbprintSha1: z.string(), notAfter: z.string(), replacedAt: z.string() }).optional(),
});
export type CertificateRecord = z.infer<typeof certificateRecordSchema>;

type Row = { record: string };

export type CertificateRepository = {
  get(nit: string, env: EnvironmentName): Promise<(CertificateRecord & { version: Version }) | undefined>;
  /** Writes under the version read (undefined: must not exist yet); a concurrent change throws ConcurrencyError. */
  save(nit: string, env: EnvironmentName, record: CertificateRecord, version: Version | undefined): Promise<void>;
  /** Every provider's certificates (the rebuild of the expiry calendar, the Tablero's CSV): one scan of a small table. */
  list(): AsyncIterable<{ nit: string; environment: EnvironmentName; record: CertificateRecord }>;
};

export function createCertificateTableRepository(storage: Storage): CertificateRepository {
  const table = storage.tableOf<Row>('certificates');
  return {
    async get(nit, env) {
      const row = await table.get(nit, env);
      return row ? { ...certificateRecordSchema.parse(JSON.parse(row.record)), version: row.version } : undefined;
    },
    async save(nit, env, record, version) {
      const entity = { partitionKey: nit, rowKey: env, record: JSON.stringify(certificateRecordSchema.parse(record)) };
      if (version) {
        await table.replace(entity, version);
        return;
      }
      if ((await table.insert(entity)).status === 'exists') throw new ConcurrencyError(`certificates ${nit}/${env} appeared meanwhile`);
    },
    async *list() {
      // The one-time links share the table (partition `enlace`): only the environments' rows are certificates.
      const environments = where.or(where.rowKey('eq', 'preproduction'), where.rowKey('eq', 'production'));
      for await (const row of table.query({ filter: environments })) {
        if (row.partitionKey === 'enlace') continue;
        const environment = row.rowKey as EnvironmentName;
        yield { nit: row.partitionKey, environment, record: certificateRecordSchema.parse(JSON.parse(row.record)) };
      }
    },
  };
}

/**
 * The upload lock of one NIT and environment (partition `bloqueo`, row `<nit>-<environment>`). Two minutes covers
 * the Graph calls of one upload with their retries; a crashed holder blocks no longer. A second upload waits up to
 * 20 s for the first to finish.
 */
export const CERTIFICATE_LEASE = { ttlMs: 120_000, waitMs: 20_000, pollMs: 200 };
export const createCertificateLeases = (storage: Storage, clock: Clock, times = CERTIFICATE_LEASE) =>
  createLeases(storage.tableOf<LeaseRow>('certificates'), 'bloqueo', clock, times);
