import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Clock } from '../platform/clock';
import { where } from '../platform/storage/filter';
import { newestFirstKey, tableKey } from '../platform/storage/keys';
import type { Storage } from '../platform/storage/storage';
import type { AuditLog, AuditRecord } from './audit.repository';
import type { AuditWorm } from './audit-worm';

const auditEntitySchema = z.object({
  subject: z.string(),
  action: z.string(),
  actor: z.string(),
  ip: z.string().optional(),
  at: z.coerce.date(),
  detail: z
    .string()
    .optional()
    .transform((value) => (value ? (JSON.parse(value) as Record<string, string | number | boolean>) : undefined)),
});
type AuditRow = { subject: string; action: string; actor: string; ip?: string; at: Date; detail?: string };

/**
 * The trail in the `audit` table: partition = the subject, row keys newest first. With `worm`, each record is
 * then also appended to the write-once container (audit-worm.ts); the row stays the source of truth.
 */
export function createAuditTableLog(storage: Storage, clock: Clock, worm?: AuditWorm): AuditLog {
  const table = storage.tableOf<AuditRow>('audit');
  // Rows written in the same millisecond still list newest first within this process.
  let sequence = 0;
  return {
    async record(entry) {
      const at = clock.now();
      const unique = `${String(999_999 - (sequence++ % 1_000_000)).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
      const keys = { partitionKey: tableKey(entry.subject), rowKey: newestFirstKey(at, unique) };
      const result = await table.insert({
        ...keys,
        subject: entry.subject,
        action: entry.action,
        actor: entry.actor,
        ip: entry.ip,
        at,
        detail: entry.detail ? JSON.stringify(entry.detail) : undefined,
      });
      if (result.status === 'exists') throw new Error('Clave de auditoría repetida.');
      await worm?.append({ ...entry, at, ...keys });
    },
    async list(subject, limit = 100) {
      const records: AuditRecord[] = [];
      for await (const row of table.query({ filter: where.inPartition(tableKey(subject)) })) {
        const parsed = auditEntitySchema.parse(row);
        records.push({ ...parsed, ip: parsed.ip, detail: parsed.detail });
        if (records.length >= limit) break;
      }
      return records;
    },
  };
}
