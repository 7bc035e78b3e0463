import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import { AppError, notFound, validationFailed } from '../kernel/app-error';
import type { RequestMeta } from '../kernel/request-meta';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { delegateNit } from '../key-files/key-file-access';
import type { Clock } from '../platform/clock';
import type { RateLimiter, RateLimitRule } from '../platform/rate-limiter';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import { keyVerificationSchemaFor, type KeyCheckView } from './key-check.schemas';
import type { KeyVerificationRecords } from './key-verification-records';
import { assertOfficer } from './officer-access';
import type { AppRegistrar } from './app-registrar.port';
import { checkCertificateKeys, type CertificateSource } from './key-check-certificate';
import type { EnvironmentCredentials } from '../key-files/key-file';
import type { SecretStore } from './secret-store.port';
import type { TokenChecker, TokenCheckRequest } from './token-check.port';
import { explainFailure, rolesMessage, successMessage, type Reader } from './token-check-messages';

type Deps = {
  keyFiles: KeyFileRepository;
  secrets: SecretStore;
  checker: TokenChecker;
  rateLimiter: Pick<RateLimiter, 'hit'>;
  audit: AuditLog;
  clock: Clock;
  /** The environment's token endpoint for a tenant (PREPRODUCTION_TOKEN_URL / PRODUCTION_TOKEN_URL; unset: Entra's). */
  tokenUrl: (env: EnvironmentName, tenantId: string) => string;
  /** KEY_CHECKS_PER_HOUR: checks per provider and hour, for each of «Probar» and «Verificar». */
  perHour: number;
  /** Where «Verificar llaves» leaves its outcome for «Guardar» (30 minutes, the secret only inside a digest). */
  verifications: Pick<KeyVerificationRecords, 'record'>;
  /** Certificate-only environments (PRODUCTION_CREDENTIAL_TYPE=certificate): «Probar llaves» checks the key credential instead. */
  certificates?: CertificateSource | undefined;
  registrar?: Pick<AppRegistrar, 'readKeyCredentials'> | undefined;
};

/**
 * «Probar llaves» (delegate, the keys on file) and «Verificar llaves» (official, what was typed): a real
 * client-credentials request to the environment's token endpoint, server-side. The answer says in Spanish
 * whether the keys work; the token is discarded by the checker. Each check is audited and limited per provider.
 */
export function createKeyCheck(deps: Deps) {
  const { keyFiles, secrets, checker, audit, clock } = deps;
  const rule = (name: string): RateLimitRule => ({ name, limit: deps.perHour, windowSeconds: 3600, per: 'account' });

  async function withinLimit(name: string, nit: string, who: string) {
    try {
      await deps.rateLimiter.hit(rule(name), nit);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 429) throw error;
      const minutes = Math.ceil(Number(error.headers['Retry-After'] ?? 3600) / 60);
      throw new AppError(
        'demasiadas-pruebas-de-llaves',
        429,
        `${who} ya se probaron ${deps.perHour} veces en esta hora, el máximo permitido. Podrá probarlas de nuevo en ${minutes} minuto(s).`,
        { headers: error.headers },
      );
    }
  }

  const readSecret = (ref: Parameters<SecretStore['get']>[0]) =>
    secrets.get(ref).catch((error: unknown) => {
      throw new AppError(
        'almacen-de-secretos-no-disponible',
        503,
        'No fue posible leer el secreto del almacén seguro. Intente de nuevo en unos minutos.',
        {
          cause: error,
          headers: { 'Retry-After': '30' },
        },
      );
    });

  async function run(env: EnvironmentName, request: Omit<TokenCheckRequest, 'tokenUrl'>, reader: Reader): Promise<KeyCheckView> {
    const result = await checker.check({ ...request, tokenUrl: deps.tokenUrl(env, request.tenantId) });
    const checkedAt = clock.now().toISOString();
    if (result.ok)
      return {
        environment: env,
        ok: true,
        message: successMessage(result.lifetimeMinutes, request.scope),
        lifetimeMinutes: result.lifetimeMinutes,
        scope: request.scope,
        audience: result.audience,
        roles: result.roles,
        rolesMessage: rolesMessage(result.roles),
        checkedAt,
      };
    return {
      environment: env,
      ok: false,
      code: result.code,
      ...explainFailure(result, reader),
      entraError: result.error,
      entraDescription: result.description,
      checkedAt,
    };
  }

  const outcome = (view: KeyCheckView): Record<string, string | number> =>
    !view.ok
      ? { resultado: 'fallan', codigo: view.code ?? 'sin-codigo' }
      : 'kind' in view
        ? { resultado: 'certificado-registrado', huellaSha1: view.thumbprintSha1 }
        : { resultado: 'funcionan', minutos: view.lifetimeMinutes, roles: view.roles.join(' ') };

  /** The stored secret, or — for a certificate-only environment — what the ministry can check of the certificate. */
  async function testStored(nit: string, env: EnvironmentName, credentials: EnvironmentCredentials | undefined): Promise<KeyCheckView> {
    const { certificates, registrar } = deps;
    if (certificates?.credentialTypeOf(env) === 'certificate')
      return checkCertificateKeys({ certificates, registrar: registrar ?? {}, now: clock.now() }, nit, env);
    if (!credentials) throw notFound(`Su entidad aún no tiene llaves asignadas para ${environmentLabels[env]}.`);
    if (!credentials.clientSecretRef) throw notFound(`Su entidad no tiene un ClientSecret para ${environmentLabels[env]}.`);
    const clientSecret = await readSecret(credentials.clientSecretRef);
    return run(env, { tenantId: credentials.tenantId, clientId: credentials.clientId, clientSecret, scope: credentials.scope }, 'delegate');
  }

  return {
    /** «Probar llaves»: the delegate's provider's keys of `env`, as stored (secret read server-side only). */
    async test(user: SessionUser, env: EnvironmentName, meta: RequestMeta): Promise<KeyCheckView> {
      const nit = delegateNit(user);
      const credentials = (await keyFiles.getFile(nit)).environments[env];
      if (!credentials && deps.certificates?.credentialTypeOf(env) !== 'certificate')
        throw notFound(`Su entidad aún no tiene llaves asignadas para ${environmentLabels[env]}.`);
      await withinLimit('key-test', nit, `Las llaves de ${environmentLabels[env]} de su entidad`);
      const view = await testStored(nit, env, credentials);
      await audit.record({
        subject: `provider:${nit}`,
        action: 'llaves.probadas',
        actor: user.username,
        ip: meta.ip,
        detail: { ambiente: environmentLabels[env], ...outcome(view) },
      });
      return view;
    },

    /** «Verificar llaves»: what the official typed for `env` of `nit`; an empty ClientSecret uses the one on file for the same app. */
    async verify(officer: SessionUser, nit: string, env: EnvironmentName, body: unknown, meta: RequestMeta): Promise<KeyCheckView> {
      assertOfficer(officer);
      const parsed = keyVerificationSchemaFor(env).safeParse(body);
      if (!parsed.success)
        throw validationFailed(
          parsed.error.issues.map((issue) => ({ field: `${env}.${issue.path.map(String).join('.')}`, message: issue.message })),
        );
      const typed = parsed.data;
      const stored = (await keyFiles.getFile(nit)).environments[env];
      const label = environmentLabels[env];
      if (!typed.clientSecret && (!stored?.clientSecretRef || stored.clientId !== typed.clientId || stored.tenantId !== typed.tenantId))
        throw validationFailed([
          { field: `${env}.clientSecret`, message: `Escriba el ClientSecret de ${label} para verificar las llaves.` },
        ]);
      await withinLimit('key-verify', nit, `Las llaves de ${label} de este prestador`);
      const clientSecret = typed.clientSecret ?? (await readSecret(stored!.clientSecretRef!));
      const view = await run(env, { tenantId: typed.tenantId, clientId: typed.clientId, clientSecret, scope: typed.scope }, 'officer');
      await deps.verifications.record(nit, env, typed, view.ok ? { outcome: 'passed' } : { outcome: 'failed', code: view.code });
      await audit.record({
        subject: `provider:${nit}`,
        action: 'llaves.verificadas',
        actor: officer.username,
        ip: meta.ip,
        detail: { ambiente: label, clientId: typed.clientId, tenant: typed.tenantId, ...outcome(view) },
      });
      return view;
    },
  };
}
export type KeyCheck = ReturnType<typeof createKeyCheck>;
