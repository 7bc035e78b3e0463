import { createHash } from 'node:crypto';
import type { Clock } from '../platform/clock';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { EnvironmentName } from './credentials.schemas';
import type { Verification } from './key-check.schemas';

/** Minutes a «Verificar llaves» outcome stands for «Guardar». */
export const VERIFICATION_TTL_MINUTES = 30;

/** What was verified (or is being saved): `clientSecret` undefined means «the one on file». */
export type VerifiedKeys = { clientId: string; tenantId: string; scope: string; clientSecret?: string | undefined };
export type VerificationOutcome = { outcome: 'passed' } | { outcome: 'failed'; code?: string | undefined };

type Row = { outcome: 'passed' | 'failed'; code?: string; checkedAt: string };

/**
 * The row key: SHA-256 over the provider, the environment and exactly these keys. The secret itself is never
 * stored, only mixed into the digest; an empty secret (the one on file) is the literal 'stored'.
 */
export function verificationKeyOf(nit: string, env: EnvironmentName, keys: VerifiedKeys): string {
  const parts = [
    nit,
    env,
    keys.clientId.trim().toLowerCase(),
    keys.tenantId.trim().toLowerCase(),
    keys.scope.trim(),
    keys.clientSecret ? `secret:${keys.clientSecret}` : 'stored',
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * The server's memory of «Verificar llaves» (table `keyverifications`, one partition per NIT): «Guardar» reads
 * from it whether exactly what is being saved passed or failed, instead of taking the browser's word.
 */
export function createKeyVerificationRecords({ storage, clock }: { storage: Storage; clock: Clock }) {
  const table = storage.tableOf<Row>('keyverifications');
  const ttlMs = VERIFICATION_TTL_MINUTES * 60_000;

  /** Outcomes past their time no longer matter: each provider's partition stays small. */
  async function forgetExpired(nit: string, now: Date) {
    const stale: string[] = [];
    for await (const row of table.query({ filter: where.inPartition(nit), select: ['checkedAt'] }))
      if (Date.parse(row.checkedAt) + ttlMs < now.getTime()) stale.push(row.rowKey);
    await Promise.all(stale.map((rowKey) => table.delete(nit, rowKey))).catch(() => undefined);
  }

  return {
    async record(nit: string, env: EnvironmentName, keys: VerifiedKeys, result: VerificationOutcome): Promise<void> {
      const now = clock.now();
      await forgetExpired(nit, now);
      await table.upsert({
        partitionKey: nit,
        rowKey: verificationKeyOf(nit, env, keys),
        outcome: result.outcome,
        ...(result.outcome === 'failed' && result.code && { code: result.code }),
        checkedAt: now.toISOString(),
      });
    },

    /** The latest outcome for exactly these keys within the last 30 minutes, if any. */
    async find(nit: string, env: EnvironmentName, keys: VerifiedKeys): Promise<VerificationOutcome | undefined> {
      const row = await table.get(nit, verificationKeyOf(nit, env, keys));
      if (!row || Date.parse(row.checkedAt) + ttlMs < clock.now().getTime()) return undefined;
      return row.outcome === 'passed' ? { outcome: 'passed' } : { outcome: 'failed', code: row.code };
    },
  };
}
export type KeyVerificationRecords = ReturnType<typeof createKeyVerificationRecords>;

/** What the audit records for an environment at «Guardar», from the server's record and the official's confirmation. */
export const auditedVerification = (found: VerificationOutcome | undefined, confirmed: boolean): Verification | 'failed' =>
  !found ? 'not-run' : found.outcome === 'passed' ? 'passed' : confirmed ? 'failed-confirmed' : 'failed';
