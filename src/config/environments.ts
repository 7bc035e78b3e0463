import * as z from 'zod';
import { optionalText } from './setting-types';

const graphMode = z.enum(['off', 'managed-identity', 'federated', 'simulated']).default('off');
/** What an environment's applications authenticate with: a certificate (private-key JWT), a ClientSecret, or either. */
export const credentialTypeSchema = z.enum(['certificate', 'secret', 'either']).default('either');
export type CredentialType = z.infer<typeof credentialTypeSchema>;

/** The two environments' settings: what the official's form pre-fills and how keys are generated in Entra ID. */
export const environmentSettings = {
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
  /**
   * Pre-production keys issued by the queue worker as soon as a request arrives, when that environment
   * generates in Entra ID. There is deliberately no such setting for production: an official always reviews it.
   */
  PREPRODUCTION_AUTO_ISSUE: z.enum(['on', 'off']).default('on'),
  PRODUCTION_GRAPH_MODE: graphMode,
  PRODUCTION_GRAPH_CLIENT_ID: optionalText,
  PRODUCTION_API_APP_ID: optionalText,
  PRODUCTION_API_APP_ROLE_ID: optionalText,
  /**
   * «Probar llaves» / «Verificar llaves»: each environment's token endpoint (client credentials). `{tenant}` is
   * replaced by the keys' tenant; by default Entra's `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`.
   * Locally it points at the Entra ID simulator (http only on loopback with IHCE_ENV=local).
   */
  PREPRODUCTION_TOKEN_URL: optionalText,
  PRODUCTION_TOKEN_URL: optionalText,
  /** Key checks one provider may run in an hour (delegate's «Probar llaves» and officials' «Verificar llaves» alike). */
  KEY_CHECKS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * «Certificado en lugar de secreto», per environment: `certificate` accepts only a certificate (no ClientSecret is
   * generated or accepted), `secret` only a ClientSecret (no certificate upload), `either` both (default).
   */
  PREPRODUCTION_CREDENTIAL_TYPE: credentialTypeSchema,
  PRODUCTION_CREDENTIAL_TYPE: credentialTypeSchema,
  /** Microsoft Graph root; only the simulator changes it. */
  GRAPH_BASE_URL: z
    .url()
    .default('https://graph.microsoft.com')
    .refine((value) => {
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
    }, 'GRAPH_BASE_URL debe ser https (http solo para el simulador local en 127.0.0.1)'),
};

type EnvironmentSettings = z.infer<z.ZodObject<typeof environmentSettings>> & { IHCE_ENV: 'local' | 'azure' };

/** A bad combination of an environment's settings fails the start, naming the setting. */
export function checkEnvironments(value: EnvironmentSettings, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  for (const env of ['PREPRODUCTION', 'PRODUCTION'] as const) {
    const tokenUrl = value[`${env}_TOKEN_URL`];
    const tokenUrlProblem = tokenUrl && tokenUrlCheck(tokenUrl, value.IHCE_ENV);
    if (tokenUrlProblem) issue(`${env}_TOKEN_URL`, `${env}_TOKEN_URL ${tokenUrlProblem}`);
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
}

export const ENTRA_TOKEN_URL = 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token';
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** A token URL must be https; http only for the local simulator on loopback. */
function tokenUrlCheck(value: string, ihceEnv: 'local' | 'azure'): string | undefined {
  let url: URL;
  try {
    url = new URL(value.replace('{tenant}', 'tenant'));
  } catch {
    return 'debe ser una URL (p. ej. https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token)';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.includes(url.hostname) && ihceEnv === 'local') return undefined;
  return 'debe ser https (http solo para el simulador local en 127.0.0.1 con IHCE_ENV=local)';
}

/** The token endpoint of an environment for the keys' tenant. */
export function tokenUrlOf(template: string | undefined, tenantId: string): string {
  return (template ?? ENTRA_TOKEN_URL).replace('{tenant}', encodeURIComponent(tenantId));
}
