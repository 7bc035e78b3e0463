import * as z from 'zod';
import { AppError } from '../kernel/app-error';
import type { Clock } from '../platform/clock';
import { isStatus, type Storage } from '../platform/storage/storage';
import type { KeyFile } from '../key-files/key-file';
import type { EnvironmentName } from './credentials.schemas';
import { addDays, bogotaDay, nextReminderDay, type ReminderStage } from './expiry-calendar';

const environmentSchema = z.enum(['preproduction', 'production']);
const expiryRowSchema = z.object({ rowKey: z.string(), nit: z.string(), environment: environmentSchema, expiresOn: z.string() });
const reminderRowSchema = expiryRowSchema.extend({ etag: z.string() });
const retirementRowSchema = z.object({
  rowKey: z.string(),
  nit: z.string(),
  environment: environmentSchema,
  validUntil: z.string(),
  /** `retire`: a replaced secret's overlap ends. `provisional`: a generated credential whose save must have landed by then. */
  kind: z.enum(['retire', 'provisional']).default('retire'),
  version: z.string().optional(),
  keyId: z.string().optional(),
  objectId: z.string().optional(),
});
const reminderLogSchema = z.object({
  nit: z.string(),
  environment: environmentSchema,
  expiresOn: z.string(),
  stage: z.string(),
  daysLeft: z.number(),
});

export type ExpiryRow = z.infer<typeof expiryRowSchema>;
export type ReminderRow = z.infer<typeof reminderRowSchema>;
export type RetirementRow = z.infer<typeof retirementRowSchema>;
export type ReminderLogEntry = z.infer<typeof reminderLogSchema>;

const P = 'all';
const environments: EnvironmentName[] = ['preproduction', 'production'];
const escape = (value: string) => value.replace(/'/g, "''");

/** Deletes a row unless it is gone, or (with `etag`) unless it was replaced since it was read. */
async function deleteIgnoringMissing(table: ReturnType<Storage['table']>, partitionKey: string, rowKey: string, etag?: string) {
  try {
    await table.deleteEntity(partitionKey, rowKey, etag ? { etag } : undefined);
  } catch (error) {
    if (!isStatus(error, 404) && !isStatus(error, 412)) throw error;
  }
}

/**
 * Three date-keyed indexes derived from the key files, so timers and lists read only what is due:
 * `expiries` (the officials' «Por vencer» / «Vencidas» lists), `reminders` (the next reminder day of each
 * key) and `retirements` (the end of each replaced secret's overlap). Rows are only added here; a reader
 * checks each row against the key file and drops the stale ones, so the indexes can hold too much, never
 * too little. `plan` is idempotent and also runs in the queue worker after every assignment.
 */
export function createCredentialSchedule(storage: Storage, clock: Clock) {
  const expiries = storage.table('expiries');
  const reminders = storage.table('reminders');
  const retirements = storage.table('retirements');
  const reminderLog = storage.table('reminderlog');

  async function* rowsBefore<T>(table: ReturnType<Storage['table']>, upperExclusive: string, schema: z.ZodType<T>): AsyncGenerator<T> {
    const filter = `PartitionKey eq '${P}' and RowKey lt '${escape(upperExclusive)}'`;
    for await (const row of table.listEntities({ queryOptions: { filter } })) yield schema.parse(row);
  }

  return {
    async plan(file: KeyFile): Promise<void> {
      const today = bogotaDay(clock.now());
      const writes: Promise<unknown>[] = [];
      for (const environment of environments) {
        const credentials = file.environments[environment];
        if (!credentials) continue;
        const { expiresOn } = credentials;
        const base = { partitionKey: P, nit: file.nit, environment, expiresOn };
        writes.push(expiries.upsertEntity({ ...base, rowKey: `${expiresOn}|${file.nit}|${environment}` }, 'Replace'));
        const day = nextReminderDay(expiresOn, today);
        if (day) writes.push(reminders.upsertEntity({ ...base, rowKey: `${day}|${file.nit}|${environment}` }, 'Replace'));
        for (const previous of credentials.previousSecrets) {
          if (!previous.validUntil || previous.retiredAt) continue;
          writes.push(
            retirements.upsertEntity(
              {
                partitionKey: P,
                rowKey: `${previous.validUntil}|${file.nit}|${environment}|${previous.ref.version}`,
                kind: 'retire',
                nit: file.nit,
                environment,
                version: previous.ref.version,
                validUntil: previous.validUntil,
              },
              'Replace',
            ),
          );
        }
      }
      await Promise.all(writes);
    },

    /** Reminder rows whose day is today or earlier (a missed run is caught up). */
    dueReminders: (today: string) => rowsBefore(reminders, `${addDays(today, 1)}`, reminderRowSchema),
    /** Moves a processed reminder row to the key's next reminder day, or removes it after the last. */
    async advanceReminder(row: ReminderRow, nextDay: string | undefined): Promise<void> {
      if (nextDay) {
        await reminders.upsertEntity(
          {
            partitionKey: P,
            rowKey: `${nextDay}|${row.nit}|${row.environment}`,
            nit: row.nit,
            environment: row.environment,
            expiresOn: row.expiresOn,
          },
          'Replace',
        );
      }
      // Only the row as it was read: `plan` may have rewritten it for new keys meanwhile.
      await deleteIgnoringMissing(reminders, P, row.rowKey, row.etag);
    },
    dropReminder: (row: ReminderRow) => deleteIgnoringMissing(reminders, P, row.rowKey, row.etag),

    async logReminder(day: string, entry: ReminderLogEntry & { stage: ReminderStage | string }): Promise<void> {
      await reminderLog.upsertEntity(
        { partitionKey: day, rowKey: `${entry.nit}|${entry.environment}|${entry.stage}`, ...entry, stage: String(entry.stage) },
        'Replace',
      );
    },
    async remindersOf(day: string): Promise<ReminderLogEntry[]> {
      const entries: ReminderLogEntry[] = [];
      for await (const row of reminderLog.listEntities({ queryOptions: { filter: `PartitionKey eq '${escape(day)}'` } }))
        entries.push(reminderLogSchema.parse(row));
      return entries;
    },

    /** Replaced secrets whose overlap ended at or before `now`. */
    dueRetirements: (now: Date) => rowsBefore(retirements, `${now.toISOString()}~`, retirementRowSchema),
    dropRetirement: (row: RetirementRow) => deleteIgnoringMissing(retirements, P, row.rowKey),
    /**
     * Written as soon as Entra ID issues a credential, before the save: if the process dies before the key
     * file references it (or before a failed save withdraws it), the retirement timer removes it at `checkAt`.
     */
    async watchGenerated(entry: {
      nit: string;
      environment: EnvironmentName;
      objectId: string;
      keyId: string;
      checkAt: string;
    }): Promise<void> {
      await retirements.upsertEntity(
        {
          partitionKey: P,
          rowKey: `${entry.checkAt}|${entry.nit}|${entry.environment}|provisional-${entry.keyId}`,
          kind: 'provisional',
          validUntil: entry.checkAt,
          ...entry,
        },
        'Replace',
      );
    },

    /**
     * «Vencidas»: expired before today, most recent first is not possible on an ascending key, so oldest
     * first. «Por vencer»: from today to 60 days ahead, soonest first.
     */
    async expiringPage(
      filter: 'por-vencer' | 'vencidas',
      pageSize: number,
      continuationToken?: string,
    ): Promise<{ rows: ExpiryRow[]; continuationToken?: string }> {
      const today = bogotaDay(clock.now());
      const range = filter === 'vencidas' ? `RowKey lt '${today}'` : `RowKey ge '${today}' and RowKey lt '${addDays(today, 61)}'`;
      const iterator = expiries
        .listEntities({ queryOptions: { filter: `PartitionKey eq '${P}' and ${range}` } })
        .byPage({ maxPageSize: pageSize, ...(continuationToken && { continuationToken }) });
      const page = (
        await iterator.next().catch((error: unknown) => {
          if (continuationToken && (error instanceof SyntaxError || error instanceof TypeError)) {
            throw new AppError('cursor-invalido', 400, 'El cursor de paginación no es válido. Vuelva a la primera página.');
          }
          throw error;
        })
      ).value;
      if (!page) return { rows: [] };
      return {
        rows: [...page].map((row) => expiryRowSchema.parse(row)),
        ...(page.continuationToken && { continuationToken: page.continuationToken }),
      };
    },
    dropExpiry: (row: ExpiryRow) => deleteIgnoringMissing(expiries, P, row.rowKey),
  };
}
export type CredentialSchedule = ReturnType<typeof createCredentialSchedule>;
