import * as z from 'zod';

const optionalText = z.string().trim().min(1).optional();
const emailList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));
const graphMode = z.enum(['off', 'managed-identity', 'federated', 'simulated']).default('off');

/**
 * Every setting the application reads, parsed once at start-up. A missing or malformed setting fails
 * with its name, so a misconfigured Function App never starts half-working.
 */
const configSchema = z
  .object({
    IHCE_ENV: z.enum(['local', 'azure']).default('azure'),
    PUBLIC_BASE_URL: z.url(),
    /**
     * The Azure Front Door profile's GUID (its `X-Azure-FDID`). When set, the client address for limits and the
     * audit is Front Door's `X-Azure-SocketIP`, and only on requests carrying this FDID; X-Forwarded-For is
     * ignored. Unset, the rightmost X-Forwarded-For is used: development and tests only (src/http/request.ts).
     */
    FRONT_DOOR_ID: z
      .guid()
      .optional()
      .transform((value) => value?.toLowerCase()),
    /** Connection string (Azurite, local) or, in Azure, the identity-based `IHCE_STORAGE__*` settings. */
    IHCE_STORAGE: optionalText,
    IHCE_STORAGE__tableServiceUri: z.url().optional(),
    IHCE_STORAGE__queueServiceUri: z.url().optional(),
    /** The app's blob containers (audit-worm, table-exports); with IHCE_STORAGE, the connection string's. */
    IHCE_STORAGE__blobServiceUri: z.url().optional(),
    IHCE_STORAGE__clientId: optionalText,
    /** Prefix for every table and queue name: lets tests share one Azurite without colliding. */
    STORAGE_PREFIX: z
      .string()
      .regex(/^([a-z][a-z0-9]{0,11})?$/, 'letras minúsculas y números, empezando por letra, máximo 12')
      .default(''),
    MAIL_TRANSPORT: z.enum(['smtp', 'acs']),
    MAIL_FROM: z.string().min(3),
    SMTP_HOST: optionalText,
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    ACS_ENDPOINT: z.url().optional(),
    // In Azure a Key Vault reference; an unresolved one (its text arrives instead) is refused by loadConfig.
    CAPTCHA_HMAC_KEY: z.string().min(32),
    CAPTCHA_MAX_NUMBER: z.coerce.number().int().min(1000).max(10_000_000).default(100_000),
    /** scrypt's N: a power of two; from 2^13 the hasher sets p to OWASP's minimum (default 2^14, p=5: 16 MiB). Hashes made otherwise are redone at sign-in. */
    PASSWORD_HASH_COST: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1_048_576)
      .refine((value) => (value & (value - 1)) === 0, 'debe ser una potencia de 2 (1024, 2048, …, 131072); scrypt no admite otro valor')
      .default(16_384),
    /** `keyvault` in Azure; `local` (AES-256-GCM into Azurite) for development only. */
    SECRET_STORE: z.enum(['local', 'keyvault']),
    LOCAL_SECRET_KEY: optionalText,
    KEY_VAULT_URL: z.url().optional(),
    /** Pre-filled in the official's form for each environment (tenant GUID, api://…/.default, https endpoint). */
    PREPRODUCTION_TENANT_ID: optionalText,
    PREPRODUCTION_SCOPE: optionalText,
    PREPRODUCTION_ENDPOINT: z.url().optional(),
    PRODUCTION_TENANT_ID: optionalText,
    PRODUCTION_SCOPE: optionalText,
    PRODUCTION_ENDPOINT: z.url().optional(),
    /**
     * Generar en Entra ID, per environment: `off` keeps the seed's manual form; `managed-identity` calls Graph
     * as the Function App's identity (its own tenant); `federated` as the app `*_GRAPH_CLIENT_ID` of that
     * environment's tenant, which trusts the managed identity (workload identity federation, no secret);
     * `simulated` talks to the local Entra ID simulator (development and tests only).
     */
    PREPRODUCTION_GRAPH_MODE: graphMode,
    PREPRODUCTION_GRAPH_CLIENT_ID: optionalText,
    /** Optional: the IHCE API's app registration (appId) and the app role each provider's app is granted. */
    PREPRODUCTION_API_APP_ID: optionalText,
    PREPRODUCTION_API_APP_ROLE_ID: optionalText,
    PRODUCTION_GRAPH_MODE: graphMode,
    PRODUCTION_GRAPH_CLIENT_ID: optionalText,
    PRODUCTION_API_APP_ID: optionalText,
    PRODUCTION_API_APP_ROLE_ID: optionalText,
    /** Microsoft Graph root; only the simulator changes it. */
    GRAPH_BASE_URL: z
      .url()
      .default('https://graph.microsoft.com')
      .refine((value) => {
        const url = new URL(value);
        return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
      }, 'GRAPH_BASE_URL debe ser https (http solo para el simulador local en 127.0.0.1)'),
    /**
     * How officials sign in: the guide's password (with its second factor), the ministry's Entra ID, or both.
     * With Entra ID: the tenant, the app registration's client id and how the app proves itself to Entra
     * (`federated`: the managed identity's token as client assertion, no secret; `secret`: a client secret,
     * for the local provider, or a Key Vault reference). The issuer defaults to the tenant's v2.0 one.
     */
    OFFICER_SIGN_IN: z.enum(['both', 'password', 'entra']).default('both'),
    OFFICER_REQUIRE_MFA: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    ENTRA_SSO_TENANT_ID: z.guid().optional(),
    ENTRA_SSO_ISSUER: z.url().optional(),
    ENTRA_SSO_CLIENT_ID: optionalText,
    ENTRA_SSO_CLIENT_AUTH: z.enum(['federated', 'secret']).optional(),
    ENTRA_SSO_CLIENT_SECRET: optionalText,
    /** Days a replaced ClientSecret keeps working, so the provider can switch without downtime. */
    CREDENTIAL_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(7),
    /** Extra recipients of the ministry's new-request alert (comma-separated), besides every active official. */
    MSPS_ALERT_EMAILS: emailList,
    /** The ministry's security mailbox (comma-separated): told when an official's reveals are blocked. */
    MSPS_SECURITY_EMAILS: emailList,
    /** ClientSecret reveals one official may make in a rolling hour (only typed-in secrets can be revealed). */
    OFFICER_REVEALS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
    /** Revealing the secrets of more providers than this in an hour blocks the official until a colleague lifts it. */
    OFFICER_REVEAL_BURST_PROVIDERS: z.coerce.number().int().min(1).max(1000).default(5),
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const uris = value.IHCE_STORAGE__tableServiceUri && value.IHCE_STORAGE__queueServiceUri && value.IHCE_STORAGE__blobServiceUri;
    if (!value.IHCE_STORAGE && !uris) {
      issue(
        'IHCE_STORAGE',
        'falta IHCE_STORAGE (cadena de conexión) o IHCE_STORAGE__tableServiceUri, __queueServiceUri y __blobServiceUri',
      );
    }
    if (!value.FRONT_DOOR_ID && value.IHCE_ENV === 'azure') {
      issue('FRONT_DOOR_ID', 'en Azure la dirección del cliente solo se toma de Front Door: falta el id del perfil (X-Azure-FDID)');
    }
    if (value.STORAGE_PREFIX && value.IHCE_ENV === 'azure') {
      issue('STORAGE_PREFIX', 'solo para pruebas: en Azure los disparadores de cola escuchan los nombres sin prefijo');
    }
    if (value.MAIL_TRANSPORT === 'smtp' && (!value.SMTP_HOST || !value.SMTP_PORT)) {
      issue('SMTP_HOST', 'MAIL_TRANSPORT=smtp necesita SMTP_HOST y SMTP_PORT');
    }
    if (value.SECRET_STORE === 'local' && (!value.LOCAL_SECRET_KEY || Buffer.from(value.LOCAL_SECRET_KEY, 'base64').length !== 32)) {
      issue('LOCAL_SECRET_KEY', 'SECRET_STORE=local necesita LOCAL_SECRET_KEY: 32 bytes en base64');
    }
    if (value.SECRET_STORE === 'local' && value.IHCE_ENV !== 'local') {
      issue('SECRET_STORE', 'el almacén local de secretos es solo para desarrollo (IHCE_ENV=local)');
    }
    if (value.SECRET_STORE === 'keyvault' && !value.KEY_VAULT_URL) {
      issue('KEY_VAULT_URL', 'SECRET_STORE=keyvault necesita KEY_VAULT_URL');
    }
    for (const env of ['PREPRODUCTION', 'PRODUCTION'] as const) {
      const mode = value[`${env}_GRAPH_MODE`];
      if (mode === 'off') continue;
      if (!value[`${env}_TENANT_ID`]) {
        issue(`${env}_TENANT_ID`, `${env}_GRAPH_MODE=${mode} necesita ${env}_TENANT_ID (el tenant donde se crean las aplicaciones)`);
      }
      if (mode === 'federated' && !value[`${env}_GRAPH_CLIENT_ID`]) {
        issue(`${env}_GRAPH_CLIENT_ID`, `${env}_GRAPH_MODE=federated necesita ${env}_GRAPH_CLIENT_ID`);
      }
      if (mode === 'simulated' && value.IHCE_ENV !== 'local') {
        issue(`${env}_GRAPH_MODE`, 'el simulador de Entra ID es solo para desarrollo (IHCE_ENV=local)');
      }
      if (Boolean(value[`${env}_API_APP_ID`]) !== Boolean(value[`${env}_API_APP_ROLE_ID`])) {
        issue(`${env}_API_APP_ROLE_ID`, `${env}_API_APP_ID y ${env}_API_APP_ROLE_ID van juntos`);
      }
    }
    checkEntraSignIn(value, ctx);
    if (value.MAIL_TRANSPORT === 'acs' && !value.ACS_ENDPOINT) {
      issue('ACS_ENDPOINT', 'MAIL_TRANSPORT=acs necesita ACS_ENDPOINT');
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

type EntraSettings = Pick<
  AppConfig,
  | 'IHCE_ENV'
  | 'OFFICER_SIGN_IN'
  | 'ENTRA_SSO_TENANT_ID'
  | 'ENTRA_SSO_ISSUER'
  | 'ENTRA_SSO_CLIENT_ID'
  | 'ENTRA_SSO_CLIENT_AUTH'
  | 'ENTRA_SSO_CLIENT_SECRET'
>;

/** A bad combination of the officials' sign-in settings fails the start, naming the setting. */
function checkEntraSignIn(value: EntraSettings, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (value.OFFICER_SIGN_IN === 'password') return;
  const needs = `OFFICER_SIGN_IN=${value.OFFICER_SIGN_IN} necesita`;
  if (!value.ENTRA_SSO_TENANT_ID) issue('ENTRA_SSO_TENANT_ID', `${needs} ENTRA_SSO_TENANT_ID (el tenant del ministerio)`);
  if (!value.ENTRA_SSO_CLIENT_ID) issue('ENTRA_SSO_CLIENT_ID', `${needs} ENTRA_SSO_CLIENT_ID (el registro de aplicación)`);
  if (!value.ENTRA_SSO_CLIENT_AUTH) issue('ENTRA_SSO_CLIENT_AUTH', `${needs} ENTRA_SSO_CLIENT_AUTH (federated o secret)`);
  if (value.ENTRA_SSO_CLIENT_AUTH === 'secret') {
    if (!value.ENTRA_SSO_CLIENT_SECRET) issue('ENTRA_SSO_CLIENT_SECRET', 'ENTRA_SSO_CLIENT_AUTH=secret necesita ENTRA_SSO_CLIENT_SECRET');
  }
  if (value.ENTRA_SSO_ISSUER) {
    const url = new URL(value.ENTRA_SSO_ISSUER);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && value.IHCE_ENV === 'local')) {
      issue('ENTRA_SSO_ISSUER', 'ENTRA_SSO_ISSUER debe ser https (http solo para el proveedor local en 127.0.0.1, IHCE_ENV=local)');
    }
  }
}

/** Where Entra sends the official back; registered as the app registration's redirect URI. */
export const entraRedirectUri = (config: Pick<AppConfig, 'PUBLIC_BASE_URL'>) =>
  new URL('/api/sso/entra/callback', config.PUBLIC_BASE_URL).toString();

export const entraIssuer = (config: Pick<AppConfig, 'ENTRA_SSO_ISSUER' | 'ENTRA_SSO_TENANT_ID'>) =>
  config.ENTRA_SSO_ISSUER ?? `https://login.microsoftonline.com/${config.ENTRA_SSO_TENANT_ID}/v2.0`;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** What App Service leaves in a setting when it could not resolve the setting's Key Vault reference. */
const KEY_VAULT_REFERENCE = '@Microsoft.KeyVault(';

/**
 * Parses the settings. A setting that still holds its `@Microsoft.KeyVault(…)` text is never taken as a value:
 * `log` gets the marker the alert rule looks for (with the setting's name, never its value) and, when the app
 * reads that setting, start-up fails naming it.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  log: (message: string) => void = (message) => console.error(message),
): AppConfig {
  const unresolved = Object.keys(env)
    .filter((name) => env[name]?.trimStart().startsWith(KEY_VAULT_REFERENCE))
    .sort();
  for (const name of unresolved) {
    log(`IHCE-REFERENCIA-KV-SIN-RESOLVER: ${name} (la plataforma no resolvió su referencia a Key Vault)`);
  }
  const read = unresolved.filter((name) => name in configSchema.shape);
  const result = configSchema.safeParse(env);
  const issues = (result.success ? [] : result.error.issues).filter((issue) => !read.includes(String(issue.path[0])));
  const lines = [
    ...read.map(
      (name) =>
        `- ${name}: la referencia a Key Vault no se resolvió (¿existe el secreto y tiene la identidad de la Function App su rol en Key Vault?)`,
    ),
    ...issues.map((issue) => `- ${issue.path.join('.') || '(configuración)'}: ${issue.message}`),
  ];
  if (lines.length > 0 || !result.success) throw new ConfigError(`Configuración inválida:\n${lines.join('\n')}`);
  return result.data;
}
