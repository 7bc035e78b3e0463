import type { AppConfig } from '../config';
import { RegistrarError, type AppRegistrar } from '../credentials/app-registrar.port';
import type { SecretStore } from '../credentials/secret-store.port';
import type { TokenChecker } from '../credentials/token-check.port';
import type { Mailer } from '../notifications/mailer.port';
import type { OpenIdSignIn } from '../officer-sso/openid-sign-in.port';
import { onFirstUse } from '../kernel/on-first-use';
import { azureCredential, lazyCredential, sharedSdks } from '../platform/storage/sdk';
import type { GraphEnvironmentOptions } from './entra/graph-client';
import { simulatedCredential } from './entra/simulated-credential';

/**
 * Generar en Entra ID per environment, from configuration: the Function App's managed identity (its own
 * tenant), or an app in the environment's tenant that trusts that identity (workload identity federation:
 * the identity's token is the client assertion, so there is no secret anywhere), or the local simulator.
 */
/** Where an adapter reports a failed call (Error level; the marker an alert rule looks for comes first). */
type FailureLog = (message: string) => void;

export function graphRegistrar(config: AppConfig, log?: FailureLog): AppRegistrar {
  const environments: Partial<Record<'preproduction' | 'production', GraphEnvironmentOptions>> = {};
  for (const [env, prefix] of [
    ['preproduction', 'PREPRODUCTION'],
    ['production', 'PRODUCTION'],
  ] as const) {
    const mode = config[`${prefix}_GRAPH_MODE`];
    if (mode === 'off') continue;
    const tenantId = config[`${prefix}_TENANT_ID`]!;
    const managedIdentity = () => azureCredential(config.IHCE_STORAGE__clientId);
    const credential =
      mode === 'simulated'
        ? simulatedCredential
        : mode === 'managed-identity'
          ? managedIdentity()
          : (() => {
              const identity = managedIdentity();
              // Built, loading @azure/identity, on the first token Graph asks for (sdk.ts).
              return lazyCredential(async () => {
                const { ClientAssertionCredential } = await sharedSdks.identity();
                return new ClientAssertionCredential(tenantId, config[`${prefix}_GRAPH_CLIENT_ID`]!, async () => {
                  const token = await identity.getToken('api://AzureADTokenExchange/.default');
                  if (!token) throw new Error('La identidad administrada no entregó el token de federación');
                  return token.token;
                });
              });
            })();
    environments[env] = {
      tenantId,
      credential,
      apiAppId: config[`${prefix}_API_APP_ID`],
      apiAppRoleId: config[`${prefix}_API_APP_ROLE_ID`],
    };
  }
  const graph = onFirstUse(async () =>
    (await import('./entra/graph-app-registrar')).createGraphAppRegistrar({ baseUrl: config.GRAPH_BASE_URL, environments, log }),
  );
  return {
    enabled: (env) => environments[env] !== undefined,
    tenantOf: (env) => {
      const settings = environments[env];
      if (!settings) throw new RegistrarError('unavailable', `La generación en Entra ID no está configurada para ${env}.`);
      return settings.tenantId;
    },
    ensureApplication: async (...args) => (await graph()).ensureApplication(...args),
    addPassword: async (...args) => (await graph()).addPassword(...args),
    removePassword: async (...args) => (await graph()).removePassword(...args),
    putKeyCredential: async (...args) => (await graph()).putKeyCredential!(...args),
    removeKeyCredential: async (...args) => (await graph()).removeKeyCredential!(...args),
    readKeyCredentials: async (...args) => (await graph()).readKeyCredentials!(...args),
  };
}

// The SDKs of Graph, Key Vault and mail are loaded on first use (onFirstUse: a chunk of the bundle each): an
// instance that only signs people in or lists requests never pays for them at cold start.

/** «Probar llaves»: a plain OAuth form POST and jose's JWKS check, loaded on first use. */
export function tokenCheckerFor(): TokenChecker {
  const checker = onFirstUse(async () => (await import('./entra/token-checker')).createTokenChecker());
  return { check: async (request) => (await checker()).check(request) };
}

export function mailerFor(config: AppConfig): Mailer {
  const mailer = onFirstUse(async () =>
    config.MAIL_TRANSPORT === 'smtp'
      ? (await import('./mail/smtp-mailer')).createSmtpMailer({
          host: config.SMTP_HOST!,
          port: config.SMTP_PORT!,
          from: config.MAIL_FROM,
        })
      : (await import('./mail/acs-mailer')).createAcsMailer({
          endpoint: config.ACS_ENDPOINT!,
          from: config.MAIL_FROM,
          credential: azureCredential(config.IHCE_STORAGE__clientId),
        }),
  );
  return { send: async (message) => (await mailer()).send(message) };
}

export function keyVaultFor(config: AppConfig, log?: FailureLog): SecretStore {
  const vault = onFirstUse(async () =>
    (await import('./secrets/key-vault-secret-store')).createKeyVaultSecretStore({
      vaultUrl: config.KEY_VAULT_URL!,
      credential: azureCredential(config.IHCE_STORAGE__clientId),
      log,
    }),
  );
  return {
    put: async (...args) => (await vault()).put(...args),
    get: async (...args) => (await vault()).get(...args),
    disable: async (...args) => (await vault()).disable(...args),
  };
}

/**
 * The officials' Entra ID sign-in, when OFFICER_SIGN_IN allows it. `federated`: the app registration trusts the
 * Function App's managed identity, whose token is the client assertion (no secret, as Graph's `federated`).
 */
export function openIdSignInFor(config: AppConfig, endpoints: { issuer: string; redirectUri: string }): OpenIdSignIn | undefined {
  if (config.OFFICER_SIGN_IN === 'password') return undefined;
  const identity = onFirstUse(async () => azureCredential(config.IHCE_STORAGE__clientId));
  const signIn = onFirstUse(async () =>
    (await import('./entra/openid-client-sign-in')).createOpenIdClientSignIn({
      ...endpoints,
      clientId: config.ENTRA_SSO_CLIENT_ID!,
      allowHttp: config.IHCE_ENV === 'local',
      auth:
        config.ENTRA_SSO_CLIENT_AUTH === 'secret'
          ? { secret: config.ENTRA_SSO_CLIENT_SECRET! }
          : {
              assertion: async () => {
                const token = await (await identity()).getToken('api://AzureADTokenExchange/.default');
                if (!token) throw new Error('La identidad administrada no entregó el token de federación');
                return token.token;
              },
            },
    }),
  );
  return {
    begin: async () => (await signIn()).begin(),
    complete: async (...args) => (await signIn()).complete(...args),
  };
}
