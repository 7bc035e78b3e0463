import type { AppendLog } from '../platform/storage/append-log';
import type { Storage } from '../platform/storage/storage';
import type { AuditRecord } from './audit.repository';

/** Log marker (Error level) for an alert rule: an audit record has not reached the write-once container yet. */
export const AUDIT_WORM_MARKER = 'IHCE-AUDITORIA-WORM';

/** Colombia is UTC−5 all year: the record's calendar day there names its blob. */
const bogotaPath = (at: Date) => new Date(at.getTime() - 5 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '/');

type PendingRow = { line: string; base: string };
export type WormRecord = AuditRecord & { partitionKey: string; rowKey: string };

/** One JSON line per record, in a fixed key order; the row's keys tie it to its row in the `audit` table. */
export function wormLine(record: WormRecord): string {
  const { at, subject, action, actor, ip, detail, partitionKey, rowKey } = record;
  return `${JSON.stringify({ at: at.toISOString(), subject, action, actor, ip, detail, partitionKey, rowKey })}\n`;
}

/**
 * The audit's tamper-evident copy: each record, after its row is written (the row is the source of truth), is
 * appended to the day's blob in `audit-worm` (time-based immutability with protected append writes, see
 * infra/main.bicep). An append that fails is never dropped silently: the line is kept in `auditpending` and
 * `retryPending` (the outbox timer, every minute) appends it later; when even that write fails, the Error
 * marker carries the row's keys so an operator can append it by hand.
 */
export function createAuditWorm(storage: Storage, log: (message: string, error?: unknown) => void, worm?: AppendLog) {
  const appendLog = worm ?? storage.appendLog('audit-worm');
  const pending = storage.tableOf<PendingRow>('auditpending');

  return {
    async append(record: WormRecord): Promise<void> {
      const line = wormLine(record);
      const base = bogotaPath(record.at);
      try {
        await appendLog.append(base, line);
      } catch (error) {
        const keys = `${record.partitionKey}/${record.rowKey}`;
        try {
          await pending.upsert({ partitionKey: record.partitionKey, rowKey: record.rowKey, line, base });
          log(
            `${AUDIT_WORM_MARKER}: el registro de auditoría ${keys} no llegó al contenedor inmutable; queda pendiente de reintento.`,
            error,
          );
        } catch (pendingError) {
          log(
            `${AUDIT_WORM_MARKER}: el registro de auditoría ${keys} no llegó al contenedor inmutable ni a la tabla de pendientes.`,
            pendingError,
          );
        }
      }
    },
    /** Appends the records whose first append failed (each line carries its own time); returns how many went through. */
    async retryPending(): Promise<number> {
      let appended = 0;
      for await (const row of pending.query()) {
        try {
          await appendLog.append(row.base, row.line);
          appended++;
        } catch (error) {
          log(`${AUDIT_WORM_MARKER}: sigue sin poder escribirse ${row.partitionKey}/${row.rowKey} en el contenedor inmutable.`, error);
          continue;
        }
        // A repeat after a failed delete is a duplicate line (same keys), never a lost one.
        await pending.delete(row.partitionKey, row.rowKey, row.version);
      }
      return appended;
    },
  };
}
export type AuditWorm = ReturnType<typeof createAuditWorm>;
