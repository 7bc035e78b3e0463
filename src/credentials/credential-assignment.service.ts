import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { AppError, conflict, notFound, validationFailed, type FieldError } from '../kernel/app-error';
import type { EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import { fileVersion, KeyFileChangedError, type EntraRef, type KeyFile, type PreviousSecret } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { PendingQueue } from '../requests/pending-queue';
import { RegistrarError, type AppRegistrar } from './app-registrar.port';
import type { CredentialSchedule } from './credential-schedule';
import { bogotaDay, isoDay } from './expiry-calendar';
import { environmentLabels, MAX_EXPIRY_MONTHS, type AssignCredentialsInput, type EnvironmentName } from './credentials.schemas';
import type { ProviderSearchIndex } from '../search/provider-search.index';
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
  registrar: AppRegistrar;
  schedule: CredentialSchedule;
  /** Days a replaced secret keeps working (CREDENTIAL_GRACE_DAYS). */
  graceDays: number;
  /** Retires a replaced secret at once (the lifecycle's `retire`), for «Revocar de inmediato». */
  retireNow: (nit: string, env: EnvironmentName, version: string, actor: string) => Promise<void>;
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

/** Entra ID's refusal in the official's words: what failed, why, and that nothing changed. */
export function registrarFailure(error: unknown, env: EnvironmentName): AppError {
  const label = environmentLabels[env];
  if (!(error instanceof RegistrarError))
    return new AppError(
      'entra-no-disponible',
      503,
      `No fue posible generar las llaves de ${label} en Microsoft Entra ID. No se cambió nada; intente de nuevo en unos minutos.`,
      { cause: error },
    );
  switch (error.kind) {
    case 'forbidden':
      return new AppError(
        'entra-sin-permiso',
        502,
        `Microsoft Entra ID no autorizó a este sistema a crear o actualizar aplicaciones en el tenant de ${label}. Un administrador del tenant debe conceder el permiso de aplicación «Application.ReadWrite.OwnedBy» de Microsoft Graph (y «AppRoleAssignment.ReadWrite.All» si se configuró el rol de la API de IHCE), con consentimiento de administrador, a la identidad del sistema; vea «Generar en Entra ID» en el README. No se cambió nada: puede registrar las llaves manualmente.`,
        { cause: error },
      );
    case 'throttled':
      return new AppError(
        'entra-ocupado',
        503,
        `Microsoft Entra ID está limitando las solicitudes de ${label}. No se cambió nada; intente de nuevo en ${error.retryAfterSeconds ?? 30} segundos.`,
        {
          cause: error,
          headers: { 'Retry-After': String(error.retryAfterSeconds ?? 30) },
        },
      );
    case 'invalid-expiry':
      return validationFailed([
        {
          field: `${env}.expiresOn`,
          message: `Microsoft Entra ID no aceptó la fecha de expiración de ${label}: la política del tenant limita la vigencia de los secretos. Elija una fecha más cercana.`,
        },
      ]);
    case 'unavailable':
      return new AppError(
        'entra-no-disponible',
        503,
        `No fue posible generar las llaves de ${label} en Microsoft Entra ID. No se cambió nada; intente de nuevo en unos minutos.`,
        { cause: error },
      );
  }
}

/** Entra ID's endDateTime for a key shown as valid through `expiresOn`: the end of that day in Bogotá. */
export const entraEndDateTime = (expiresOn: string) => new Date(`${expiresOn}T23:59:59-05:00`).toISOString();

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
/** A generated credential not referenced by a saved file after this long is removed by the retirement timer. */
const PROVISIONAL_MS = 30 * 60 * 1000;

export function createCredentialAssignment({
  keyFiles,
  directory,
  secrets,
  searchIndex,
  pendingQueue,
  events,
  audit,
  clock,
  log,
  registrar,
  schedule,
  graceDays,
  retireNow,
}: Deps) {
  /** Undoes the outside effects of a save that failed: generated passwords leave Entra ID, written versions are disabled. */
  async function withdrawGenerated(
    generated: { env: EnvironmentName; objectId: string; keyId: string }[],
    nit: string,
    written: SecretRef[],
  ) {
    await Promise.all([
      ...generated.map(({ env, objectId, keyId }) =>
        registrar
          .removePassword(env, objectId, keyId)
          .catch((error: unknown) =>
            log(`No se pudo retirar de Entra ID el secreto ${keyId} (${env}, ${nit}) de un guardado fallido; retírelo en el portal`, error),
          ),
      ),
      ...written.map((ref) =>
        secrets
          .disable(ref)
          .catch((error: unknown) => log(`No se pudo deshabilitar la versión ${ref.version} de ${ref.name} de un guardado fallido`, error)),
      ),
    ]);
  }

  function checkExpiry(input: AssignCredentialsInput): FieldError[] {
    const today = bogotaDay(clock.now());
    const limit = new Date(`${today}T00:00:00Z`);
    limit.setUTCMonth(limit.getUTCMonth() + MAX_EXPIRY_MONTHS);
    const max = isoDay(limit);
    return environments.flatMap((env) => {
      const value = input[env].expiresOn;
      if (value <= today)
        return [{ field: `${env}.expiresOn`, message: `La fecha de expiración de ${environmentLabels[env]} debe ser posterior a hoy.` }];
      if (value > max)
        return [
          {
            field: `${env}.expiresOn`,
            message: `La fecha de expiración de ${environmentLabels[env]} no puede pasar de ${MAX_EXPIRY_MONTHS} meses (${max}).`,
          },
        ];
      return [];
    });
  }

  async function storeSecret(
    nit: string,
    env: EnvironmentName,
    kind: 'client-secret' | 'subscription-key',
    value: string | undefined,
    current: SecretRef | undefined,
    written?: SecretRef[],
  ) {
    if (value === undefined) return current;
    try {
      const ref = await secrets.put(secretName('ihce', nit, env, kind), value);
      written?.push(ref);
      return ref;
    } catch (error) {
      log(`El almacén de secretos rechazó ${kind} de ${env} para ${nit}`, error);
      throw secretStoreUnavailable(error);
    }
  }

  return {
    async assign(
      officer: SessionUser,
      nit: string,
      input: AssignCredentialsInput,
      options: { ifMatch?: string | undefined; ip?: string | undefined },
    ) {
      assertOfficer(officer);
      const provider = await directory.getProvider(nit);
      if (!provider) throw notFound(`No hay un prestador con NIT ${nit} en el directorio.`);
      const file = await keyFiles.getFile(nit);
      if (options.ifMatch !== undefined && options.ifMatch !== fileVersion(file)) throw concurrentChange();

      const problems = checkExpiry(input);
      for (const env of environments) {
        const current = file.environments[env];
        const entry = input[env];
        if (entry.mode === 'entra') {
          if (!registrar.enabled(env)) {
            problems.push({
              field: `${env}.mode`,
              message: `La generación en Entra ID no está configurada para ${environmentLabels[env]}: registre las llaves manualmente.`,
            });
          }
          continue;
        }
        if (entry.revokePrevious && !entry.clientSecret) {
          problems.push({
            field: `${env}.revokePrevious`,
            message: `Para revocar el ClientSecret anterior de ${environmentLabels[env]} genere o escriba uno nuevo.`,
          });
        }
        if (!entry.clientSecret && current?.source === 'entra' && current.expiresOn !== entry.expiresOn) {
          // Entra ID keeps the credential's end date: only a new secret can carry another one.
          problems.push({
            field: `${env}.expiresOn`,
            message: `Las llaves de ${environmentLabels[env]} se generaron en Entra ID con vencimiento ${current.expiresOn}: para cambiar la fecha pulse «Generar en Entra ID» (se crea un ClientSecret nuevo).`,
          });
        }
        if (!entry.clientSecret && !current?.clientSecretRef) {
          problems.push({ field: `${env}.clientSecret`, message: `Ingrese el ClientSecret de ${environmentLabels[env]}.` });
        } else if (
          !entry.clientSecret &&
          current &&
          (current.clientId !== entry.clientId?.toLowerCase() || current.tenantId !== entry.tenantId?.toLowerCase())
        ) {
          // A secret belongs to one app registration: a new ClientID or tenant needs its own secret.
          problems.push({
            field: `${env}.clientSecret`,
            message: `Cambió el ClientID o el tenant de ${environmentLabels[env]}: ingrese también el ClientSecret de esa aplicación.`,
          });
        }
      }
      if (problems.length > 0) throw validationFailed(problems);

      const now = clock.now();
      const validUntil = new Date(now.getTime() + graceDays * 86_400_000).toISOString();
      const generated: { env: EnvironmentName; objectId: string; keyId: string }[] = [];
      const written: SecretRef[] = [];

      /** A new secret for this environment: generated in Entra ID now, or the one the official typed. */
      async function newSecret(
        env: EnvironmentName,
      ): Promise<{ clientId: string; tenantId: string; ref: SecretRef; entra?: EntraRef } | undefined> {
        const entry = input[env];
        if (entry.mode !== 'entra') {
          if (entry.clientSecret === undefined) return undefined;
          return {
            clientId: entry.clientId!.toLowerCase(),
            tenantId: entry.tenantId!.toLowerCase(),
            ref: (await storeSecret(nit, env, 'client-secret', entry.clientSecret, undefined, written))!,
          };
        }
        let issued;
        let application;
        try {
          application = await registrar.ensureApplication(env, nit, provider!.name);
          issued = await registrar.addPassword(env, application.objectId, {
            displayName: `IHCE ${now.toISOString().slice(0, 10)} ${officer.username}`,
            endDateTime: entraEndDateTime(entry.expiresOn),
          });
        } catch (error) {
          log(`Entra ID rechazó la generación de ${env} para ${nit}`, error);
          throw registrarFailure(error, env);
        }
        generated.push({ env, objectId: application.objectId, keyId: issued.keyId });
        // On record before anything else can fail: if this process dies before the save, the timer removes it.
        await schedule.watchGenerated({
          nit,
          environment: env,
          objectId: application.objectId,
          keyId: issued.keyId,
          checkAt: new Date(now.getTime() + PROVISIONAL_MS).toISOString(),
        });
        // Straight from Graph's answer into the secret store: no one sees it, nothing else keeps it.
        const ref = (await storeSecret(nit, env, 'client-secret', issued.secretText, undefined, written))!;
        return {
          clientId: application.appId.toLowerCase(),
          tenantId: registrar.tenantOf(env).toLowerCase(),
          ref,
          entra: { applicationObjectId: application.objectId, keyId: issued.keyId },
        };
      }

      const updatedEnvironments: KeyFile['environments'] = {};
      async function buildEnvironment(env: EnvironmentName) {
        const current = file.environments[env];
        const entry = input[env];
        // One after the other: a failed subscription key must not leave a generation running unseen.
        const fresh = await newSecret(env);
        const subscriptionKeyRef = await storeSecret(
          nit,
          env,
          'subscription-key',
          entry.subscriptionKey,
          current?.subscriptionKeyRef,
          written,
        );
        const replaced: PreviousSecret | undefined =
          current && fresh
            ? {
                ref: current.clientSecretRef,
                replacedAt: now.toISOString(),
                replacedBy: officer.username,
                clientId: current.clientId,
                validUntil: entry.revokePrevious ? now.toISOString() : validUntil,
                ...(current.entra && { entra: current.entra }),
              }
            : undefined;
        // Never forget a secret that still has to be retired, however many rotations came since.
        const previousSecrets = [...(replaced ? [replaced] : []), ...(current?.previousSecrets ?? [])].filter(
          (previous, index) => index < MAX_PREVIOUS_SECRETS || (previous.validUntil !== undefined && previous.retiredAt === undefined),
        );
        const entraRef = fresh ? fresh.entra : current!.entra;
        updatedEnvironments[env] = {
          clientId: fresh?.clientId ?? entry.clientId!.toLowerCase(),
          tenantId: fresh?.tenantId ?? entry.tenantId!.toLowerCase(),
          expiresOn: entry.expiresOn,
          scope: entry.scope,
          endpoint: entry.endpoint,
          clientSecretRef: fresh?.ref ?? current!.clientSecretRef,
          ...(subscriptionKeyRef && { subscriptionKeyRef }),
          assignedAt: now.toISOString(),
          assignedBy: officer.username,
          source: fresh ? (fresh.entra ? 'entra' : 'manual') : current!.source,
          ...(entraRef && { entra: entraRef }),
          previousSecrets,
        };
      }

      const firstAssignment = !file.environments.preproduction && !file.environments.production;
      let pending: Awaited<ReturnType<KeyFileRepository['getRequest']>>;
      let updated: KeyFile;
      let event: Awaited<ReturnType<EventPublisher['record']>>;
      let replacedSecrets: EnvironmentName[];
      try {
        // Settle both environments before judging: a failure in one must not leave the other's work running unseen.
        const outcomes = await Promise.allSettled(environments.map(buildEnvironment));
        const failure = outcomes.find((outcome) => outcome.status === 'rejected');
        if (failure) throw failure.reason;
        pending = file.pendingRequestId ? await keyFiles.getRequest(nit, file.pendingRequestId) : undefined;
        updated = {
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
        replacedSecrets = environments.filter((env) => updatedEnvironments[env]!.previousSecrets[0]?.replacedAt === now.toISOString());
        event = await events.record({
          type: 'credentials.assigned',
          nit,
          change: firstAssignment ? 'assigned' : 'updated',
          assignmentId: updated.lastAssignmentId!,
          ...(pending && { requestId: pending.id }),
          replacedSecrets,
        });
        await keyFiles.saveFile(updated, pending && { ...pending, status: 'assigned', resolvedAt: now, resolvedBy: officer.username });
      } catch (error) {
        // Whatever failed, the secrets just written belong to a save that did not land: take them back out of Entra ID and the vault.
        await withdrawGenerated(generated, nit, written);
        if (error instanceof KeyFileChangedError) throw concurrentChange();
        throw error;
      }
      // A leaked secret the official revoked stops working now, not at the end of the overlap.
      for (const env of replacedSecrets) {
        if (!input[env].revokePrevious) continue;
        await retireNow(nit, env, updated.environments[env]!.previousSecrets[0]!.ref.version, officer.username).catch((error: unknown) =>
          log(`No se pudo revocar de inmediato el secreto anterior de ${env} (${nit}); el temporizador lo retirará`, error),
        );
      }
      await schedule
        .plan(updated)
        .catch((error: unknown) => log('Calendario de vencimientos pendiente (lo hará el trabajador de la cola)', error));
      if (file.pendingSince)
        await pendingQueue
          .remove({ nit, since: file.pendingSince })
          .catch((error: unknown) => log('No se pudo quitar de la cola de pendientes', error));
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
          secretoPreproduccionNuevo: replacedSecrets.includes('preproduction') || !file.environments.preproduction,
          secretoProduccionNuevo: replacedSecrets.includes('production') || !file.environments.production,
          origenPreproduccion: updatedEnvironments.preproduction!.source === 'entra' ? 'Entra ID' : 'manual',
          origenProduccion: updatedEnvironments.production!.source === 'entra' ? 'Entra ID' : 'manual',
          ...(replacedSecrets.length > 0 && { anteriorValidoHasta: validUntil }),
          ...(environments.some((env) => input[env].revokePrevious) && {
            anteriorRevocado: environments.filter((env) => input[env].revokePrevious).join(', '),
          }),
          ...(pending && { requestId: pending.id }),
        },
      });
      return { nit, firstAssignment };
    },
  };
}
export type CredentialAssignment = ReturnType<typeof createCredentialAssignment>;
