import * as z from 'zod';
import type { Clock } from '../platform/clock';
import { where, type Filter } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { Row, Table, Version } from '../platform/storage/table';
import type { KeyFile } from '../key-files/key-file';
import type { EnvironmentName } from './credentials.schemas';
import { addDays, bogotaDay, nextReminderDay, type ReminderStage } from './expiry-calendar';

const environmentSchema = z.enum(['preproduction', 'production']);
/** Which credential a row dates: the key file's ClientSecret, or the environment's certificate (its SHA-256 thumbprint). */
const credentialSchema = z.enum(['secret', 'certificate']).default('secret');
const expiryRowSchema = z.object({
  rowKey: z.string(),
  nit: z.string(),
  environment: environmentSchema,
  expiresOn: z.string(),
  credential: credentialSchema,
  thumbprintSha256: z.string().optional(),
});
const reminderRowSchema = expiryRowSchema.extend({ version: z.string() });
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
  credential: credentialSchema,
});

export type ExpiryRow = z.infer<typeof expiryRowSchema>;
export type ReminderRow = z.infer<typeof reminderRowSchema>;
export type RetirementRow = z.infer<typeof retirementRowSchema>;
export type ReminderLogEntry = z.infer<typeof reminderLogSchema>;

const P = 'all';
const environments: EnvironmentName[] = ['preproduction', 'production'];
const inSchedule = (range: Filter) => where.and(where.inPartition(P), range);
/** A certificate's rows sit beside its environment's secret rows, under their own key. */
const keyOf = (day: string, row: { nit: string; environment: string; credential?: string }) =>
  `${day}|${row.nit}|${row.environment}${row.credential === 'certificate' ? '|certificado' : ''}`;

/**
 * A retirement row as read. The replaced secret's version is the row key's last part (also stored as
 * `secretVersion`); rows written before the gateway stored it as `version`, which now names the row's own version.
 */
function retirementOf(row: Row<object>): RetirementRow {
  const parsed = retirementRowSchema.parse(row);
  return { ...parsed, version: parsed.kind === 'retire' ? row.rowKey.split('|')[3] : undefined };
}

/** Deletes a row; only as it was read when `version` is given, so a row rewritten since is kept. */
async function deleteRow(table: Table<object>, rowKey: string, version?: string) {
  await table.delete(P, rowKey, version as Version | undefined);
}

/**
 * Three date-keyed indexes derived from the key files, so timers and lists read only what is due:
 * `expiries` (the officials' «Por vencer» / «Vencidas» lists), `reminders` (the next reminder day of each
 * key) and `retirements` (the end of each replaced secret's overlap). Rows are only added here; a reader
 * checks each row against the key file and drops the stale ones, so the indexes can hold too much, never
 * too little. `plan` is idempotent and also runs in the queue worker after every assignment.
 */
export function createCredentialSchedule(storage: Storage, clock: Clock) {
  const expiries = storage.tableOf('expiries');
  const reminders = storage.tableOf('reminders');
  const retirements = storage.tableOf('retirements');
  const reminderLog = storage.tableOf('reminderlog');

  async function* rowsBefore<T>(table: Table<object>, upperExclusive: string, read: (row: Row<object>) => T): AsyncGenerator<T> {
    for await (const row of table.query({ filter: inSchedule(where.rowKey('lt', upperExclusive)) })) yield read(row);
  }

  async function* rowsBetween<T>(table: Table<object>, from: string, to: string, read: (row: Row<object>) => T): AsyncGenerator<T> {
    for await (const row of table.query({ filter: inSchedule(where.rowKeyRange(from, to)) })) yield read(row);
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
        writes.push(expiries.upsert({ ...base, rowKey: `${expiresOn}|${file.nit}|${environment}` }));
        const day = nextReminderDay(expiresOn, today);
        if (day) writes.push(reminders.upsert({ ...base, rowKey: `${day}|${file.nit}|${environment}` }));
        for (const previous of credentials.previousSecrets) {
          if (!previous.validUntil || previous.retiredAt) continue;
          writes.push(
            retirements.upsert({
              partitionKey: P,
              rowKey: `${previous.validUntil}|${file.nit}|${environment}|${previous.ref.version}`,
              kind: 'retire',
              nit: file.nit,
              environment,
              secretVersion: previous.ref.version,
              validUntil: previous.validUntil,
            }),
          );
        }
      }
      await Promise.all(writes);
    },

    /**
     * A registered certificate's end date (`expiresOn`: its day in Bogotá): the expiry row and the next reminder,
     * as `plan` does for a secret (`current` undefined: not registered yet, nothing to date). The certificate it
     * replaced loses its rows at once, so no reminder of it is sent (readers also check the thumbprint).
     */
    async planCertificate(
      nit: string,
      environment: EnvironmentName,
      current: { expiresOn: string; thumbprintSha256: string } | undefined,
      replacedExpiresOn?: string,
    ): Promise<void> {
      const today = bogotaDay(clock.now());
      const key = { nit, environment, credential: 'certificate' };
      const day = current && nextReminderDay(current.expiresOn, today);
      const oldDay = replacedExpiresOn && nextReminderDay(replacedExpiresOn, today);
      if (replacedExpiresOn && replacedExpiresOn !== current?.expiresOn) await deleteRow(expiries, keyOf(replacedExpiresOn, key));
      if (oldDay && oldDay !== day) await deleteRow(reminders, keyOf(oldDay, key));
      if (!current) return;
      const row = { partitionKey: P, ...key, ...current };
      // The reminder first: an expiry row present means the planning finished (hasCertificateExpiry).
      if (day) await reminders.upsert({ ...row, rowKey: keyOf(day, key) });
      await expiries.upsert({ ...row, rowKey: keyOf(current.expiresOn, key) });
    },
    /** Whether the certificate's planning finished (its expiry row exists); the daily repair plans the rest. */
    async hasCertificateExpiry(nit: string, environment: EnvironmentName, expiresOn: string): Promise<boolean> {
      return (await expiries.get(P, keyOf(expiresOn, { nit, environment, credential: 'certificate' }))) !== undefined;
    },

    /** Reminder rows whose day is today or earlier (a missed run is caught up). */
    dueReminders: (today: string) => rowsBefore(reminders, `${addDays(today, 1)}`, (row) => reminderRowSchema.parse(row)),
    /** Moves a processed reminder row to the key's next reminder day, or removes it after the last. */
    async advanceReminder(row: ReminderRow, nextDay: string | undefined): Promise<void> {
      if (nextDay) {
        await reminders.upsert({
          partitionKey: P,
          rowKey: keyOf(nextDay, row),
          nit: row.nit,
          environment: row.environment,
          expiresOn: row.expiresOn,
          ...(row.credential === 'certificate' && { credential: row.credential, thumbprintSha256: row.thumbprintSha256 }),
        });
      }
      // Only the row as it was read: `plan` may have rewritten it for new keys meanwhile.
      await deleteRow(reminders, row.rowKey, row.version);
    },
    dropReminder: (row: ReminderRow) => deleteRow(reminders, row.rowKey, row.version),

    async logReminder(day: string, entry: ReminderLogEntry & { stage: ReminderStage | string }): Promise<void> {
      await reminderLog.upsert({
        partitionKey: day,
        rowKey: `${entry.nit}|${entry.environment}|${entry.stage}${entry.credential === 'certificate' ? '|certificado' : ''}`,
        ...entry,
        stage: String(entry.stage),
      });
    },
    async remindersOf(day: string): Promise<ReminderLogEntry[]> {
      const entries: ReminderLogEntry[] = [];
      for await (const row of reminderLog.query({ filter: where.inPartition(day) })) entries.push(reminderLogSchema.parse(row));
      return entries;
    },

    /** Replaced secrets whose overlap ended at or before `now`. */
    dueRetirements: (now: Date) => rowsBefore(retirements, `${now.toISOString()}~`, retirementOf),
    dropRetirement: (row: RetirementRow) => deleteRow(retirements, row.rowKey),
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
      await retirements.upsert({
        partitionKey: P,
        rowKey: `${entry.checkAt}|${entry.nit}|${entry.environment}|provisional-${entry.keyId}`,
        kind: 'provisional',
        validUntil: entry.checkAt,
        ...entry,
      });
    },

    /**
     * «Vencidas»: expired before today, most recent first is not possible on an ascending key, so oldest
     * first. «Por vencer»: from today to 60 days ahead, soonest first.
     */
    async expiringPage(
      filter: 'por-vencer' | 'vencidas',
      pageSize: number,
      cursor?: string,
    ): Promise<{ rows: ExpiryRow[]; cursor?: string }> {
      const today = bogotaDay(clock.now());
      const range = filter === 'vencidas' ? where.rowKey('lt', today) : where.rowKeyRange(today, addDays(today, 61));
      const page = await expiries.page({ filter: inSchedule(range), pageSize, ...(cursor && { cursor }) });
      return { rows: page.rows.map((row) => expiryRowSchema.parse(row)), ...(page.cursor && { cursor: page.cursor }) };
    },
    dropExpiry: (row: ExpiryRow) => deleteRow(expiries, row.rowKey),
    /** Expiry rows with `from <= expiresOn < to` (the Tablero's 30/60/90 days); stale rows included, as everywhere. */
    expiringBetween: (from: string, to: string) => rowsBetween(expiries, from, to, (row) => expiryRowSchema.parse(row)),
  };
}
export type CredentialSchedule = ReturnType<typeof createCredentialSchedule>;
