import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { Clock } from '../platform/clock';
import { newestFirstKey, tableKey, type Storage } from '../platform/storage/storage';

export type AuditEntry = {
  /** Whose trail it belongs to: `user:<username>` or `provider:<nit>`. */
  subject: string;
  action: string;
  actor: string;
  ip?: string;
  /** Non-secret facts about the event. Never a password, token or ClientSecret. */
  detail?: Record<string, string | number | boolean>;
};
export type AuditRecord = AuditEntry & { at: Date };

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

export type AuditLog = ReturnType<typeof createAuditLog>;

/** Append-only trail: every state change, every sign-in and every secret reveal is one row. */
export function createAuditLog(storage: Storage, clock: Clock) {
  const table = storage.table('audit');
  // Rows written in the same millisecond still list newest first within this process.
  let sequence = 0;
  return {
    async record(entry: AuditEntry): Promise<void> {
      const at = clock.now();
      await table.createEntity({
        partitionKey: tableKey(entry.subject),
        rowKey: newestFirstKey(at, `${String(999_999 - (sequence++ % 1_000_000)).padStart(6, '0')}-${randomBytes(4).toString('hex')}`),
        subject: entry.subject,
        action: entry.action,
        actor: entry.actor,
        ip: entry.ip,
        at,
        detail: entry.detail ? JSON.stringify(entry.detail) : undefined,
      });
    },
    async list(subject: string, limit = 100): Promise<AuditRecord[]> {
      const records: AuditRecord[] = [];
      const rows = table.listEntities({ queryOptions: { filter: `PartitionKey eq '${tableKey(subject).replace(/'/g, "''")}'` } });
      for await (const row of rows) {
        const parsed = auditEntitySchema.parse(row);
        records.push({ ...parsed, ip: parsed.ip, detail: parsed.detail });
        if (records.length >= limit) break;
      }
      return records;
    },
  };
}
