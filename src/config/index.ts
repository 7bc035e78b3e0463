import * as z from 'zod';
import { directorySettings } from './directory';
import { checkEnvironments, environmentSettings } from './environments';
import { checkEntraSignIn, officerSignInSettings } from './officer-sign-in';
import { siteIdentitySettings } from './site-identity';
import { mailSettings } from './mail';
import { officerAlertSettings } from './officer-alerts';

export { entraIssuer, entraRedirectUri } from './officer-sign-in';

import { commaList, optionalText } from './setting-types';
const emailList = commaList(z.email());

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
    ...mailSettings,
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
    ...environmentSettings,
    ...officerSignInSettings,
    ...siteIdentitySettings,
    ...directorySettings,
    /** Days a replaced ClientSecret keeps working, so the provider can switch without downtime. */
    CREDENTIAL_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(7),
    /** Extra recipients of the ministry's new-request alert (comma-separated), besides every active official. */
    MSPS_ALERT_EMAILS: emailList,
    ...officerAlertSettings,
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
    checkEnvironments(value, ctx);
    checkEntraSignIn(value, ctx);
    if (value.MAIL_TRANSPORT === 'acs' && !value.ACS_ENDPOINT) {
      issue('ACS_ENDPOINT', 'MAIL_TRANSPORT=acs necesita ACS_ENDPOINT');
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

/** The name of every setting the app reads (tests/infra/app-settings-coverage.test.ts: each is set by infra/ or local-only). */
export const settingNames = Object.keys(configSchema.shape) as readonly (keyof AppConfig & string)[];

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
