import type { AuditLog } from '../audit/audit.repository';
import { eventIdFor, type EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import { KeyFileChangedError, type KeyFile } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { AppRegistrar } from './app-registrar.port';
import { createExpiryCheck, planCertificateExpiry, type CurrentCertificate } from './certificate-expiry';
import type { CertificateFollow } from './certificate-follow';
import type { CertificateRecord } from './certificate.repository';
import type { CredentialSchedule, ReminderRow } from './credential-schedule';
import type { EnvironmentName } from './credentials.schemas';
import { bogotaDay, daysBetween, nextReminderDay, stageDue, type ReminderStage } from './expiry-calendar';
import type { SecretStore } from './secret-store.port';

type Deps = {
  keyFiles: KeyFileRepository;
  secrets: SecretStore;
  registrar: AppRegistrar;
  schedule: CredentialSchedule;
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
  /** The environments' certificates as stored: their end dates have reminders of their own (certificate-expiry.ts). */
  certificates?: {
    current: CurrentCertificate;
    list(): AsyncIterable<{ nit: string; environment: EnvironmentName; record: CertificateRecord }>;
    credentialTypeOf?: (env: EnvironmentName) => 'certificate' | 'secret' | 'either';
    /** Planning that also brings a certificate-only environment's key file to the certificate's date. */
    follow?: Pick<CertificateFollow, 'plan' | 'repairAll'>;
  };
};

const SYSTEM = 'sistema';
const MAX_SAVE_ATTEMPTS = 5;

/**
 * What the timers do with keys over time. Both are safe to run twice, at once, or after a missed day:
 * every step is idempotent and every row is checked against the key file before it is acted on.
 */
export function createCredentialLifecycle(deps: Deps) {
  const { keyFiles, secrets, registrar, schedule, events, audit, clock, log } = deps;
  const currentCertificate: CurrentCertificate = deps.certificates?.current ?? (async () => undefined);
  const expiryCheck = createExpiryCheck({ keyFiles, currentCertificate, credentialTypeOf: deps.certificates?.credentialTypeOf });
  const planCertificate = deps.certificates?.follow?.plan ?? planCertificateExpiry(schedule);

  /** The e-mail of one reminder: the secret's, or the certificate's; the id names the fact, so a rerun sends nothing twice. */
  async function publishReminder(row: ReminderRow, stage: ReminderStage, daysLeft: number) {
    const { nit, environment, expiresOn } = row;
    if (row.credential === 'certificate') {
      const thumbprintSha256 = row.thumbprintSha256!;
      await events.publish(
        { type: 'certificate.expiring', nit, environment, expiresOn, thumbprintSha256, stage, daysLeft },
        eventIdFor(`recordatorio-certificado|${nit}|${environment}|${thumbprintSha256}|${expiresOn}|${stage}`),
      );
      return;
    }
    await events.publish(
      { type: 'credentials.expiring', nit, environment, expiresOn, stage, daysLeft },
      eventIdFor(`recordatorio|${nit}|${environment}|${expiresOn}|${stage}`),
    );
  }

  /** Applies `change` to the current file, re-reading it when another writer got there first. */
  async function modifyFile(nit: string, change: (file: KeyFile) => KeyFile | undefined): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const updated = change(await keyFiles.getFile(nit));
      if (!updated) return false;
      try {
        await keyFiles.saveFile(updated);
        return true;
      } catch (error) {
        if (!(error instanceof KeyFileChangedError)) throw error;
      }
    }
    throw new Error(`El expediente ${nit} cambió ${MAX_SAVE_ATTEMPTS} veces seguidas; se reintentará en la próxima ejecución.`);
  }

  async function retire(nit: string, env: EnvironmentName, version: string, actor: string): Promise<void> {
    const file = await keyFiles.getFile(nit);
    const previous = file.environments[env]?.previousSecrets.find((entry) => entry.ref.version === version);
    if (!previous || previous.retiredAt) return;
    if (previous.entra?.keyId) await registrar.removePassword(env, previous.entra.applicationObjectId, previous.entra.keyId);
    await secrets.disable(previous.ref);
    const retiredAt = clock.now().toISOString();
    const changed = await modifyFile(nit, (current) => {
      const credentials = current.environments[env];
      const entry = credentials?.previousSecrets.find((item) => item.ref.version === version);
      if (!credentials || !entry || entry.retiredAt) return undefined;
      return {
        ...current,
        environments: {
          ...current.environments,
          [env]: {
            ...credentials,
            previousSecrets: credentials.previousSecrets.map((item) => (item === entry ? { ...item, retiredAt } : item)),
          },
        },
      };
    });
    if (!changed) return;
    await audit.record({
      subject: `provider:${nit}`,
      action: 'secreto.retirado',
      actor,
      detail: {
        ambiente: env,
        versionSecreto: version,
        ...(previous.clientId && { clientId: previous.clientId }),
        retiradoDeEntraId: previous.entra?.keyId ? 'sí' : 'no (registrado a mano: retírelo en el portal de Entra ID)',
      },
    });
  }

  return {
    /**
     * Rebuilds the expiry, reminder and retirement rows of every key file (idempotent). For keys saved
     * before those indexes existed, or after restoring a backup: `npm run credentials:schedule`.
     */
    async replanAll(): Promise<{ files: number; certificates: number; failed: number }> {
      const totals = { files: 0, certificates: 0, failed: 0 };
      for await (const file of keyFiles.listFiles()) {
        if (!file.environments.preproduction && !file.environments.production) continue;
        try {
          await schedule.plan(file);
          totals.files++;
        } catch (error) {
          totals.failed++;
          log(`No se pudo programar el calendario de ${file.nit}`, error);
        }
      }
      for await (const { nit, environment, record } of deps.certificates?.list() ?? []) {
        try {
          await planCertificate(nit, environment, record);
          totals.certificates++;
        } catch (error) {
          totals.failed++;
          log(`No se pudo programar el vencimiento del certificado de ${nit} (${environment})`, error);
        }
      }
      return totals;
    },

    /**
     * Retires one replaced secret now: removed from its Entra ID application (generated ones;
     * `removePassword`), disabled in the secret store, marked retired in the file, on record. Idempotent.
     * Used by the timer at the end of the overlap, and at once when an official revokes a leaked secret.
     */
    retire,

    /**
     * End of the overlap (CREDENTIAL_GRACE_DAYS after a replacement), and generated credentials whose save
     * never landed. A failure leaves the row for the next run.
     */
    async retireDue(): Promise<{ retired: number; failed: number; stale: number }> {
      const now = clock.now();
      const totals = { retired: 0, failed: 0, stale: 0 };
      for await (const row of schedule.dueRetirements(now)) {
        try {
          if (row.kind === 'provisional') {
            const credentials = (await keyFiles.getFile(row.nit)).environments[row.environment];
            const referenced =
              credentials?.entra?.keyId === row.keyId ||
              credentials?.previousSecrets.some((previous) => previous.entra?.keyId === row.keyId);
            if (!referenced) {
              // Issued by Entra ID for a save that never landed: nobody holds its secret; take it out.
              await registrar.removePassword(row.environment, row.objectId!, row.keyId!);
              log(`Credencial ${row.keyId} de ${row.nit} (${row.environment}) sin guardado: retirada de Entra ID`);
              totals.retired++;
            } else totals.stale++;
            await schedule.dropRetirement(row);
            continue;
          }
          const file = await keyFiles.getFile(row.nit);
          const previous = file.environments[row.environment]?.previousSecrets.find((entry) => entry.ref.version === row.version);
          if (!previous || previous.retiredAt || previous.validUntil !== row.validUntil) {
            // Already retired, or its overlap changed (a newer row exists): nothing to do for this row.
            await schedule.dropRetirement(row);
            totals.stale++;
            continue;
          }
          await retire(row.nit, row.environment, row.version!, SYSTEM);
          await schedule.dropRetirement(row);
          totals.retired++;
        } catch (error) {
          totals.failed++;
          log(`No se pudo retirar el secreto anterior de ${row.nit} (${row.environment}); se reintentará`, error);
        }
      }
      return totals;
    },

    /**
     * Expiry reminders, once a day: to the delegates for each key (ClientSecret or certificate) whose reminder day
     * has come (60, 30, 15, 7 and 1 days before, and the day after it expired), and one summary to the ministry. Event ids are
     * derived from the fact (NIT, environment, expiry, stage), so reruns and retries send nothing twice.
     */
    async remindDue(): Promise<{ reminders: number; stale: number; failed: number }> {
      const today = bogotaDay(clock.now());
      const totals = { reminders: 0, stale: 0, failed: 0 };
      // A certificate whose planning failed after its save (or a key file left behind) is planned first.
      await deps.certificates?.follow
        ?.repairAll()
        .catch((error: unknown) => log('No se pudo revisar el calendario de los certificados', error));
      for await (const row of schedule.dueReminders(today)) {
        try {
          if (!(await expiryCheck.isCurrent(row)) || (await expiryCheck.coveredByCertificate(row))) {
            await schedule.dropReminder(row);
            totals.stale++;
            continue;
          }
          const stage = stageDue(row.expiresOn, today);
          if (stage !== undefined) {
            const daysLeft = daysBetween(today, row.expiresOn);
            await schedule.logReminder(today, {
              nit: row.nit,
              environment: row.environment,
              expiresOn: row.expiresOn,
              stage: String(stage),
              daysLeft,
              credential: row.credential,
            });
            await publishReminder(row, stage, daysLeft);
            totals.reminders++;
          }
          await schedule.advanceReminder(row, nextReminderDay(row.expiresOn, today, true));
        } catch (error) {
          totals.failed++;
          log(`No se pudo programar el recordatorio de ${row.nit} (${row.environment}); se reintentará`, error);
        }
      }
      if ((await schedule.remindersOf(today)).length > 0) {
        await events.publish({ type: 'credentials.expiry-digest', day: today }, eventIdFor(`resumen-vencimientos|${today}`));
      }
      return totals;
    },
  };
}
export type CredentialLifecycle = ReturnType<typeof createCredentialLifecycle>;
