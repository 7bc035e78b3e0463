import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { AppError, conflict, notFound, validationFailed, type FieldError } from '../http/app-error';
import type { EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import { fileVersion, KeyFileChangedError, type EnvironmentCredentials, type KeyFile, type KeyFileRepository } from '../requests/key-file.repository';
import type { PendingQueue } from '../requests/pending-queue';
import { environmentLabels, MAX_EXPIRY_MONTHS, type AssignCredentialsInput, type EnvironmentName } from './credentials.schemas';
import type { ProviderSearchIndex } from './provider-search.index';
import { secretName, type SecretRef, type SecretStore } from './secret-store.port';

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
};

const environments: EnvironmentName[] = ['preproduction', 'production'];
const MAX_PREVIOUS_SECRETS = 10;

export function assertOfficer(user: SessionUser): void {
  if (user.role !== 'officer') throw new AppError('acceso-denegado', 403, 'Solo un funcionario MSPS puede hacer esto.');
}

export const secretStoreUnavailable = (cause: unknown) =>
  new AppError(
    'almacen-de-secretos-no-disponible',
    503,
    'No fue posible guardar los secretos en el almacén seguro (Key Vault). No se cambió nada: las llaves anteriores siguen vigentes. Intente guardar de nuevo en unos minutos.',
    { cause, headers: { 'Retry-After': '30' } },
  );

export const concurrentChange = () =>
  conflict(
    'expediente-modificado',
    'Otro funcionario guardó cambios en este prestador mientras usted editaba. Recargue para ver los datos actuales y vuelva a guardar.',
  );

/**
 * Asignar / Actualizar Token (6.4.2.1). Secrets go to the secret store first (new versions); only then is
 * the key file switched to them in one transaction guarded by the ETag the official loaded. A failure in
 * between leaves the file as it was: the delegate never sees half-updated keys, and saving again is safe.
 */
export function createCredentialAssignment({ keyFiles, directory, secrets, searchIndex, pendingQueue, events, audit, clock, log }: Deps) {
  function checkExpiry(input: AssignCredentialsInput): FieldError[] {
    const today = clock.now().toISOString().slice(0, 10);
    const limit = new Date(clock.now());
    limit.setUTCMonth(limit.getUTCMonth() + MAX_EXPIRY_MONTHS);
    const max = limit.toISOString().slice(0, 10);
    return environments.flatMap((env) => {
      const value = input[env].expiresOn;
      if (value <= today) return [{ field: `${env}.expiresOn`, message: `La fecha de expiración de ${environmentLabels[env]} debe ser posterior a hoy.` }];
      if (value > max) return [{ field: `${env}.expiresOn`, message: `La fecha de expiración de ${environmentLabels[env]} no puede pasar de ${MAX_EXPIRY_MONTHS} meses (${max}).` }];
      return [];
    });
  }

  async function storeSecret(nit: string, env: EnvironmentName, kind: 'client-secret' | 'subscription-key', value: string | undefined, current: SecretRef | undefined) {
    if (value === undefined) return current;
    try {
      return await secrets.put(secretName('ihce', nit, env, kind), value);
    } catch (error) {
      log(`El almacén de secretos rechazó ${kind} de ${env} para ${nit}`, error);
      throw secretStoreUnavailable(error);
    }
  }

  return {
    async assign(officer: SessionUser, nit: string, input: AssignCredentialsInput, options: { ifMatch?: string | undefined; ip?: string | undefined }) {
      assertOfficer(officer);
      const provider = await directory.getProvider(nit);
      if (!provider) throw notFound(`No hay un prestador con NIT ${nit} en el directorio.`);
      const file = await keyFiles.getFile(nit);
      if (options.ifMatch !== undefined && options.ifMatch !== fileVersion(file)) throw concurrentChange();

      const problems = checkExpiry(input);
      for (const env of environments) {
        const current = file.environments[env];
        if (!input[env].clientSecret && !current?.clientSecretRef) {
          problems.push({ field: `${env}.clientSecret`, message: `Ingrese el ClientSecret de ${environmentLabels[env]}.` });
        } else if (!input[env].clientSecret && current && (current.clientId !== input[env].clientId || current.tenantId !== input[env].tenantId)) {
          // A secret belongs to one app registration: a new ClientID or tenant needs its own secret.
          problems.push({ field: `${env}.clientSecret`, message: `Cambió el ClientID o el tenant de ${environmentLabels[env]}: ingrese también el ClientSecret de esa aplicación.` });
        }
      }
      if (problems.length > 0) throw validationFailed(problems);

      const now = clock.now();
      const updatedEnvironments: KeyFile['environments'] = {};
      await Promise.all(
        environments.map(async (env) => {
          const current = file.environments[env];
          const [clientSecretRef, subscriptionKeyRef] = await Promise.all([
            storeSecret(nit, env, 'client-secret', input[env].clientSecret, current?.clientSecretRef),
            storeSecret(nit, env, 'subscription-key', input[env].subscriptionKey, current?.subscriptionKeyRef),
          ]);
          const replaced = current && input[env].clientSecret !== undefined;
          const { clientSecret: _secret, subscriptionKey: _key, ...visible } = input[env];
          const credentials: EnvironmentCredentials = {
            ...visible,
            clientSecretRef: clientSecretRef!,
            ...(subscriptionKeyRef && { subscriptionKeyRef }),
            assignedAt: now.toISOString(),
            assignedBy: officer.username,
            previousSecrets: replaced
              ? [{ ref: current.clientSecretRef, replacedAt: now.toISOString(), replacedBy: officer.username }, ...current.previousSecrets].slice(0, MAX_PREVIOUS_SECRETS)
              : (current?.previousSecrets ?? []),
          };
          updatedEnvironments[env] = credentials;
        }),
      );

      const pending = file.pendingRequestId ? await keyFiles.getRequest(nit, file.pendingRequestId) : undefined;
      const firstAssignment = !file.environments.preproduction && !file.environments.production;
      const updated: KeyFile = {
        ...file,
        environments: updatedEnvironments,
        pendingRequestId: undefined,
        pendingKind: undefined,
        pendingSince: undefined,
        lastOutcome: 'assigned',
        rejection: undefined,
        updatedAt: now,
        lastAssignmentId: randomUUID(),
      };
      const replacedSecrets = environments.filter((env) => file.environments[env] && input[env].clientSecret !== undefined);
      const event = await events.record({
        type: 'credentials.assigned',
        nit,
        change: firstAssignment ? 'assigned' : 'updated',
        assignmentId: updated.lastAssignmentId!,
        ...(pending && { requestId: pending.id }),
        replacedSecrets,
      });
      try {
        await keyFiles.saveFile(updated, pending && { ...pending, status: 'assigned', resolvedAt: now, resolvedBy: officer.username });
      } catch (error) {
        if (error instanceof KeyFileChangedError) throw concurrentChange();
        throw error;
      }
      if (file.pendingSince) await pendingQueue.remove({ nit, since: file.pendingSince }).catch((error: unknown) => log('No se pudo quitar de la cola de pendientes', error));
      // Also done by the queue worker for the same event, so a failure here is repaired.
      await searchIndex
        .index(provider, { preproduction: input.preproduction.expiresOn, production: input.production.expiresOn })
        .catch((error: unknown) => log('Índice de búsqueda pendiente de actualizar (lo hará el trabajador de la cola)', error));
      await events.dispatch(event);
      await audit.record({
        subject: `provider:${nit}`,
        action: firstAssignment ? 'llaves.asignadas' : 'llaves.actualizadas',
        actor: officer.username,
        ip: options.ip,
        detail: {
          clientIdPreproduccion: updatedEnvironments.preproduction!.clientId,
          clientIdProduccion: updatedEnvironments.production!.clientId,
          vencePreproduccion: updatedEnvironments.preproduction!.expiresOn,
          venceProduccion: updatedEnvironments.production!.expiresOn,
          secretoPreproduccionNuevo: input.preproduction.clientSecret !== undefined,
          secretoProduccionNuevo: input.production.clientSecret !== undefined,
          ...(pending && { requestId: pending.id }),
        },
      });
      return { nit, firstAssignment };
    },
  };
}
export type CredentialAssignment = ReturnType<typeof createCredentialAssignment>;
