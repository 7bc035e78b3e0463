import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { conflict, notFound, validationFailed } from '../kernel/app-error';
import { fileVersion, KeyFileChangedError, statusOf, type KeyFile } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import type { PendingQueue } from '../requests/pending-queue';
import type { ProviderSearchIndex } from '../search/provider-search.index';
import type { AppRegistrar } from './app-registrar.port';
import { createAssignmentEffects } from './assignment-effects';
import { concurrentChange, uncertainSave } from './assignment-errors';
import { overlapEnd } from './assignment-rules';
import { assignCredentialsSchemaFor, type AssignCredentialsInput, type AssignCredentialsParsed } from './assignment.schemas';
import { createAssignmentSave, UncertainSaveError, type SavedAssignment } from './assignment-save';
import { assignmentVerifications } from './assignment-verification';
import type { CredentialSchedule } from './credential-schedule';
import type { EnvironmentName } from './credentials.schemas';
import { bogotaDay } from './expiry-calendar';
import type { KeyVerificationRecords } from './key-verification-records';
import { assertOfficer } from './officer-access';
import { createSecretIssuing, type CertificateTerms } from './secret-issuing';
import type { SecretStore } from './secret-store.port';

type Deps = {
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  secrets: SecretStore;
  searchIndex: ProviderSearchIndex;
  pendingQueue: PendingQueue;
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
  registrar: AppRegistrar;
  schedule: CredentialSchedule;
  /** Days a replaced secret keeps working (CREDENTIAL_GRACE_DAYS). */
  graceDays: number;
  /** Retires a replaced secret at once (the lifecycle's `retire`), for «Revocar de inmediato». */
  retireNow: (nit: string, env: EnvironmentName, version: string, actor: string) => Promise<void>;
  /** What «Verificar llaves» found, for «Guardar» to record (and to refuse failed keys not confirmed). */
  verifications: Pick<KeyVerificationRecords, 'find'>;
  /** …_CREDENTIAL_TYPE per environment (a certificate-only one takes no typed ClientSecret). */
  credentialTypes?: Record<EnvironmentName, 'certificate' | 'secret' | 'either'>;
  /** A certificate-only environment's «Generar en Entra ID» creates the application without a password. */
  certificates?: CertificateTerms | undefined;
};

/**
 * Asignar / Actualizar Token (6.4.2.1). Secrets go to the secret store first (new versions); only then is
 * the key file switched to them in one transaction guarded by the version the official loaded. A failure in
 * between leaves the file as it was: the delegate never sees half-updated keys, and saving again is safe.
 */
export function createCredentialAssignment(deps: Deps) {
  const { keyFiles, directory, clock, registrar } = deps;
  const beginIssuance = createSecretIssuing(deps);
  const saveAssignment = createAssignmentSave(deps);
  const afterSave = createAssignmentEffects(deps);

  async function providerOf(nit: string) {
    const provider = await directory.getProvider(nit);
    if (!provider) throw notFound(`No hay un prestador con NIT ${nit} en el directorio.`);
    return provider;
  }

  /** The official saw this version of the file; if another save came since, theirs is refused. */
  function assertUnchanged(file: KeyFile, ifMatch: string | undefined) {
    if (ifMatch !== undefined && ifMatch !== fileVersion(file)) throw concurrentChange();
  }

  /** A rejected request leaves nothing to register until the provider asks again (keys on file can still be updated). */
  function assertAssignable(file: KeyFile) {
    if (statusOf(file) === 'rejected' && !file.environments.preproduction && !file.environments.production)
      throw conflict(
        'solicitud-rechazada',
        'La solicitud de este prestador fue rechazada: no hay llaves que registrar hasta que el prestador envíe una nueva solicitud («Resolicitud Token»).',
      );
  }

  /** Every problem of both environments at once: formats, dates against today, and what the keys on file allow. */
  function validInput(file: KeyFile, input: AssignCredentialsInput): AssignCredentialsParsed {
    const schema = assignCredentialsSchemaFor({
      today: bogotaDay(clock.now()),
      current: file.environments,
      generation: { preproduction: registrar.enabled('preproduction'), production: registrar.enabled('production') },
      ...(deps.credentialTypes && { credentialTypes: deps.credentialTypes }),
      updateReasonRequired:
        (file.environments.preproduction !== undefined || file.environments.production !== undefined) &&
        file.pendingRequestId === undefined,
    });
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw validationFailed(
      result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issue.message })),
    );
  }

  return {
    async assign(
      officer: SessionUser,
      nit: string,
      body: AssignCredentialsInput,
      options: { ifMatch?: string | undefined; ip?: string | undefined },
    ) {
      assertOfficer(officer);
      const provider = await providerOf(nit);
      const file = await keyFiles.getFile(nit);
      assertUnchanged(file, options.ifMatch);
      assertAssignable(file);
      const input = validInput(file, body);
      const verification = await assignmentVerifications(deps.verifications, nit, input);

      const now = clock.now();
      const validUntil = overlapEnd(now, deps.graceDays);
      const issuance = beginIssuance({ nit, providerName: provider.name, officer: officer.username, now, validUntil });
      let saved: SavedAssignment;
      try {
        const environments = await issuance.environments(file, input);
        saved = await saveAssignment(file, environments, {
          now,
          officer: officer.username,
          assignmentId: randomUUID(),
          updateReason: input.updateReason,
        });
      } catch (error) {
        // The save may be the provider's already: withdrawing would hand them a dead secret. Generated ones the
        // file does not reference are removed by the retirement timer (watched since their generation).
        if (error instanceof UncertainSaveError) throw uncertainSave(error);
        // The stored file does not carry this assignment: the secrets just written are no one's, take them back out.
        await issuance.withdraw();
        if (error instanceof KeyFileChangedError) throw concurrentChange();
        throw error;
      }

      await afterSave({ ...saved, provider, input, officer: officer.username, ip: options.ip, validUntil, verification });
      return { nit, firstAssignment: saved.firstAssignment };
    },
  };
}
export type CredentialAssignment = ReturnType<typeof createCredentialAssignment>;
