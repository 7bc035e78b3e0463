import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { AppError } from '../kernel/app-error';
import type { KeyFile } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import type { AppRegistrar } from './app-registrar.port';
import { overlapEnd } from './assignment-rules';
import { UncertainSaveError } from './assignment-save';
import type { CredentialSchedule } from './credential-schedule';
import { bogotaToday, entraDefaultExpiry } from './key-entry.schemas';
import { createSecretIssuing, type CertificateTerms } from './secret-issuing';
import type { SecretStore } from './secret-store.port';

/** Who the audit and the keys' «asignadas por» name: no official took part. */
export const AUTO_ISSUE_ACTOR = 'Sistema (emisión automática de Preproducción)';
/**
 * The only environment ever issued without an official. A constant, not a setting: production carries
 * patient data, so its keys always wait for an official's review (there is no PRODUCTION_AUTO_ISSUE).
 */
const ENV = 'preproduction' as const;

type Deps = {
  /** PREPRODUCTION_AUTO_ISSUE=on. */
  enabled: boolean;
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  registrar: AppRegistrar;
  secrets: SecretStore;
  schedule: CredentialSchedule;
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
  graceDays: number;
  /** PREPRODUCTION_SCOPE and PREPRODUCTION_ENDPOINT: what the official's form would pre-fill. */
  defaults: { scope?: string | undefined; endpoint?: string | undefined };
  /** PREPRODUCTION_CREDENTIAL_TYPE=certificate: the application is issued without a password. */
  certificates?: CertificateTerms | undefined;
};

/** What officials read when the automatic step failed: the Spanish message of a known failure, never a cause's text. */
const reasonOf = (error: unknown) =>
  error instanceof AppError ? error.message : 'Error inesperado al generar las llaves de Preproducción; el sistema lo reintentará.';

/**
 * The queue worker's automatic issuance of a request's pre-production keys (event `request.auto-issue`),
 * through the very steps of an official's «Generarlas en Entra ID»: the app registration (found again by its
 * unique name on a retry), a new password, straight into the secret store, watched by the retirement timer
 * until a saved file references it. The request stays pending for production.
 *
 * Idempotent by request id: once the file says `issued` for this request nothing is done again. A failure
 * takes back what it generated, leaves the file as it was (plus the reason officials read) and is thrown,
 * so the queue retries it with its back-off.
 */
export function createPreproductionAutoIssue(deps: Deps) {
  const { keyFiles, registrar, clock, log } = deps;
  const beginIssuance = createSecretIssuing(deps);

  /** The reason on the file, so the officials' lists show why pre-production still waits; best effort. */
  async function recordFailure(nit: string, requestId: string, reason: string) {
    try {
      const file = await keyFiles.getFile(nit);
      if (file.pendingRequestId !== requestId || file.autoIssue?.state === 'issued') return;
      const attempts = (file.autoIssue?.requestId === requestId ? (file.autoIssue.attempts ?? 0) : 0) + 1;
      await keyFiles.saveFile({ ...file, autoIssue: { requestId, state: 'failed', at: clock.now().toISOString(), reason, attempts } });
    } catch (error) {
      log(`No se pudo anotar el fallo de la emisión automática de Preproducción (${nit})`, error);
    }
  }

  /** Whether the stored file carries this issuance: a lost answer is not proof that nothing landed. */
  async function save(updated: KeyFile, assignmentId: string) {
    try {
      await keyFiles.saveFile(updated);
    } catch (error) {
      const stored = await keyFiles.getFile(updated.nit).catch((readError: unknown) => {
        throw new UncertainSaveError(`No se pudo confirmar la emisión automática ${assignmentId}`, { cause: [error, readError] });
      });
      if (stored.lastAssignmentId !== assignmentId) throw error;
    }
  }

  return {
    /** true: issued now; false: nothing to do (off, not applicable, already done); undefined: the request is not saved (yet). */
    async issue(nit: string, requestId: string): Promise<boolean | undefined> {
      if (!deps.enabled || !registrar.enabled(ENV)) return false;
      const file = await keyFiles.getFile(nit);
      if (file.pendingRequestId !== requestId) return (await keyFiles.getRequest(nit, requestId)) ? false : undefined;
      if (file.autoIssue?.requestId === requestId && file.autoIssue.state === 'issued') return false;
      const { scope, endpoint } = deps.defaults;
      if (!scope || !endpoint) {
        await recordFailure(
          nit,
          requestId,
          'Faltan PREPRODUCTION_SCOPE o PREPRODUCTION_ENDPOINT en la configuración: asigne las llaves a mano.',
        );
        return false;
      }

      const provider = await deps.directory.getProvider(nit);
      const now = clock.now();
      const issuance = beginIssuance({
        nit,
        providerName: provider?.name ?? `NIT ${nit}`,
        officer: AUTO_ISSUE_ACTOR,
        now,
        validUntil: overlapEnd(now, deps.graceDays),
      });
      const assignmentId = randomUUID();
      const entry = { mode: 'entra' as const, expiresOn: entraDefaultExpiry(bogotaToday(now)), scope, endpoint };
      let updated: KeyFile;
      let event;
      try {
        const credentials = await issuance.environment(file, entry, ENV);
        updated = {
          ...file,
          environments: { ...file.environments, [ENV]: credentials },
          autoIssue: { requestId, state: 'issued', at: now.toISOString() },
          lastAssignmentId: assignmentId,
          updatedAt: now,
        };
        event = await deps.events.record({
          type: 'credentials.assigned',
          nit,
          change: file.environments[ENV] ? 'updated' : 'assigned',
          assignmentId,
          requestId,
          replacedSecrets: file.environments[ENV] ? [ENV] : [],
          automatic: true,
        });
        await save(updated, assignmentId);
      } catch (error) {
        // Nothing of this attempt is the provider's: the password leaves Entra ID (the application stays and
        // is found again by its unique name on the retry), the stored version is disabled.
        // An unconfirmed save may be the provider's already: then the retirement timer, not this, cleans up.
        if (!(error instanceof UncertainSaveError)) await issuance.withdraw();
        await recordFailure(nit, requestId, reasonOf(error));
        throw error;
      }

      await deps.events.dispatch(event);
      await deps.audit.record({
        subject: `provider:${nit}`,
        action: 'llaves.asignadas-automaticamente',
        actor: AUTO_ISSUE_ACTOR,
        detail: {
          ambiente: ENV,
          clientIdPreproduccion: updated.environments[ENV]!.clientId,
          vencePreproduccion: updated.environments[ENV]!.expiresOn,
          origenPreproduccion: 'Entra ID',
          ...(!updated.environments[ENV]!.clientSecretRef && { tipoDeLlavePreproduccion: 'certificado' }),
          requestId,
          produccion: 'pendiente de revisión de un funcionario',
        },
      });
      return true;
    },
  };
}
export type PreproductionAutoIssue = ReturnType<typeof createPreproductionAutoIssue>;
