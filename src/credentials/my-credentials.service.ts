import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import { AppError, notFound } from '../kernel/app-error';
import type { Clock } from '../platform/clock';
import { statusOf, type EnvironmentCredentials, type KeyFile } from '../key-files/key-file';
import { delegateNit } from '../key-files/key-file-access';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { AUTO_ISSUED_STATUS, statusLabels } from '../key-files/key-file.schemas';
import type { RequestMeta } from '../kernel/request-meta';
import { requestAvailability } from '../requests/request-rules';
import { toRequestSummary } from '../requests/request-summary';
import { environmentLabels, tokenUrlFor, type EnvironmentName, type EnvironmentView } from './credentials.schemas';
import { clientAssertionGuide } from './client-assertion-guide';
import { bogotaDay, daysBetween } from './expiry-calendar';
import { autoIssuedForPending } from './auto-issue-view';
import type { SecretStore } from './secret-store.port';

/** «Certificado en lugar de secreto»: what an environment accepts and the provider's certificate (optional: absent, secrets only). */
type CertificateTerms = {
  credentialTypeOf(env: EnvironmentName): 'certificate' | 'secret' | 'either';
  thumbprintsOf(nit: string, env: EnvironmentName): Promise<{ thumbprintSha256: string; thumbprintSha1: string } | undefined>;
};
type Deps = { keyFiles: KeyFileRepository; secrets: SecretStore; audit: AuditLog; clock: Clock; certificates?: CertificateTerms };
/** When the caller's session last passed the second factor (undefined: never). */
export type FactorProof = { secondFactorAt?: Date | undefined };

/** A production secret needs a second factor passed this recently (step-up); pre-production needs none. */
export const STEP_UP_MS = 10 * 60 * 1000;
export const stepUpRequired = () =>
  new AppError(
    'segundo-factor-requerido',
    403,
    'Por seguridad, para ver o descargar las llaves de Producción confirme que es usted con su segundo factor (llave de acceso o aplicación de autenticación). La confirmación vale 10 minutos.',
  );

/** Paso 2 (6.4.1.2): what the delegate sees of their provider's keys. Secrets only on a separate, audited call. */
export function createMyCredentials({ keyFiles, secrets, audit, clock, certificates }: Deps) {
  const freshFactor = ({ secondFactorAt }: FactorProof) =>
    secondFactorAt !== undefined && clock.now().getTime() - secondFactorAt.getTime() <= STEP_UP_MS;

  /** The replaced secret still inside its overlap (and not yet retired), if any. */
  function inOverlap(credentials: EnvironmentCredentials) {
    const now = clock.now().toISOString();
    const previous = credentials.previousSecrets[0];
    return previous?.validUntil && !previous.retiredAt && previous.validUntil > now
      ? { ...previous, validUntil: previous.validUntil }
      : undefined;
  }

  function environmentView(file: KeyFile, env: EnvironmentName): EnvironmentView | undefined {
    const credentials = file.environments[env];
    if (!credentials) return undefined;
    return {
      environment: env,
      label: environmentLabels[env],
      clientId: credentials.clientId,
      expiresOn: credentials.expiresOn,
      daysLeft: daysBetween(bogotaDay(clock.now()), credentials.expiresOn),
      tenantId: credentials.tenantId,
      scope: credentials.scope,
      endpoint: credentials.endpoint,
      tokenUrl: tokenUrlFor(credentials.tenantId),
      hasSubscriptionKey: credentials.subscriptionKeyRef !== undefined,
      assignedAt: credentials.assignedAt,
      ...(credentials.apiAccess && { apiAccess: credentials.apiAccess }),
      ...((previous) =>
        previous && {
          previous: {
            clientId: previous.clientId ?? credentials.clientId,
            replacedAt: previous.replacedAt,
            validUntil: previous.validUntil,
          },
        })(inOverlap(credentials)),
    };
  }

  async function credentialsFor(
    user: SessionUser,
    env: EnvironmentName,
    meta: RequestMeta,
    action: 'secreto.revelado' | 'configuracion.descargada',
    factor: FactorProof,
    which: 'vigente' | 'anterior' = 'vigente',
  ) {
    const nit = delegateNit(user);
    const file = await keyFiles.getFile(nit);
    const credentials = file.environments[env];
    if (!credentials) {
      await audit.record({
        subject: `provider:${nit}`,
        action: 'acceso.no-encontrado',
        actor: user.username,
        ip: meta.ip,
        detail: { recurso: `llaves ${env}` },
      });
      throw notFound(`Su entidad aún no tiene llaves asignadas para ${environmentLabels[env]}.`);
    }
    if (env === 'production' && !freshFactor(factor)) {
      await audit.record({
        subject: `provider:${nit}`,
        action: 'secreto.segundo-factor-requerido',
        actor: user.username,
        ip: meta.ip,
        detail: { ambiente: env, accion: action, ...(which === 'anterior' && { anterior: true }) },
      });
      throw stepUpRequired();
    }
    const previous = which === 'anterior' ? inOverlap(credentials) : undefined;
    if (which === 'anterior' && !previous) {
      throw notFound(
        `Su entidad no tiene un ClientSecret anterior vigente para ${environmentLabels[env]}: el periodo de transición terminó o las llaves no se han cambiado.`,
      );
    }
    const secretRef = previous?.ref ?? credentials.clientSecretRef;
    if (!secretRef) throw notFound(`Su entidad no tiene un ClientSecret para ${environmentLabels[env]}: usa certificado.`);
    const [clientSecret, subscriptionKey] = await Promise.all([
      secrets.get(secretRef),
      credentials.subscriptionKeyRef ? secrets.get(credentials.subscriptionKeyRef) : Promise.resolve(undefined),
    ]).catch((error: unknown) => {
      throw new AppError(
        'almacen-de-secretos-no-disponible',
        503,
        'No fue posible leer el secreto del almacén seguro en este momento. Intente de nuevo en unos minutos.',
        {
          cause: error,
          headers: { 'Retry-After': '30' },
        },
      );
    });
    await audit.record({
      subject: `provider:${nit}`,
      action,
      actor: user.username,
      ip: meta.ip,
      detail: { ambiente: env, versionSecreto: secretRef.version, ...(previous && { anterior: true }) },
    });
    return { nit, view: environmentView(file, env)!, clientSecret, subscriptionKey, previous };
  }

  return {
    async view(user: SessionUser) {
      const nit = delegateNit(user);
      const [file, requests] = await Promise.all([keyFiles.getFile(nit), keyFiles.listRequests(nit, 20)]);
      const status = statusOf(file);
      const latest = requests[0];
      return {
        nit,
        providerName: user.entity?.name,
        status,
        statusLabel: autoIssuedForPending(file) ? AUTO_ISSUED_STATUS : statusLabels[status],
        pendingSince: file.pendingSince?.toISOString(),
        rejection: file.rejection && { reason: file.rejection.reason, at: file.rejection.at },
        availability: requestAvailability(file),
        previousRequest: latest && {
          techVendorName: latest.techVendorName,
          softwareName: latest.softwareName,
          techLead: latest.techLead,
          dataProtectionOfficer: latest.dataProtectionOfficer,
        },
        requests: requests.map(toRequestSummary),
        /** Keys the ministry updated with a motive (6.4.2.1 «Actualizar Info»), newest first. */
        updates: (file.updates ?? []).map(({ at, reason }) => ({ at, reason })),
        environments: {
          preproduction: environmentView(file, 'preproduction'),
          production: environmentView(file, 'production'),
        },
      };
    },

    /** Production needs a second factor passed within 10 minutes (`factor`); refused and audited otherwise. */
    async revealSecret(
      user: SessionUser,
      env: EnvironmentName,
      meta: RequestMeta,
      factor: FactorProof,
      which: 'vigente' | 'anterior' = 'vigente',
    ) {
      if (certificates?.credentialTypeOf(env) === 'certificate')
        throw new AppError(
          'ambiente-solo-certificado',
          409,
          `${environmentLabels[env]} usa solo certificado (client assertion): no se entrega ClientSecret. Vea el certificado y «Descargar configuración» en el Paso 2.`,
        );
      const { clientSecret, subscriptionKey, previous } = await credentialsFor(user, env, meta, 'secreto.revelado', factor, which);
      if (previous) return { clientSecret, clientId: previous.clientId, validUntil: previous.validUntil };
      return { clientSecret, ...(subscriptionKey && { subscriptionKey }) };
    },

    /** A Postman environment the HIS vendor imports as is: every variable needed to get a token and call IHCE. */
    async exportPostman(user: SessionUser, env: EnvironmentName, meta: RequestMeta, factor: FactorProof) {
      const { nit, view, clientSecret, subscriptionKey } = await credentialsFor(user, env, meta, 'configuracion.descargada', factor);
      const variable = (key: string, value: string, secret = false) => ({ key, value, type: secret ? 'secret' : 'default', enabled: true });
      // Certificate only: no ClientSecret in the file; the client-assertion flow explained instead.
      const assertion =
        certificates?.credentialTypeOf(env) === 'certificate'
          ? clientAssertionGuide(view, await certificates.thumbprintsOf(nit, env))
          : undefined;
      return {
        fileName: `ihce-${env}-${nit}.postman_environment.json`,
        content: {
          id: randomUUID(),
          name: `IHCE ${view.label} – NIT ${nit}`,
          values: [
            variable('tenantId', view.tenantId),
            variable('tokenUrl', view.tokenUrl),
            variable('clientId', view.clientId),
            ...(assertion
              ? Object.entries(assertion).map(([key, value]) => variable(key, value))
              : [variable('clientSecret', clientSecret, true)]),
            variable('scope', view.scope),
            variable('baseUrl', view.endpoint),
            ...(subscriptionKey ? [variable('subscriptionKey', subscriptionKey, true)] : []),
            variable('expiresOn', view.expiresOn),
          ],
          _postman_variable_scope: 'environment',
          _postman_exported_at: clock.now().toISOString(),
          _postman_exported_using: 'IHCE – Administración de Llaves de acceso',
        },
      };
    },
  };
}
export type MyCredentials = ReturnType<typeof createMyCredentials>;
