import { azuriteConnectionString } from './local-stack';

/** The local OpenID provider that stands in for the ministry's Entra ID (scripts/local-host/local-oidc-provider.ts). */
export type LocalIdpSettings = { issuer: string; tenantId: string; clientId: string; clientSecret: string };
export const LOCAL_IDP_CLIENT = { clientId: 'ihce-llaves-local', clientSecret: 'solo-desarrollo-local-secreto-del-cliente' };

/**
 * The embedded defaults of the local system (`npm start` and the npm scripts that talk to it). Any
 * variable already set in the environment wins, so the same scripts also run against Azure storage.
 */
export function localEnv(
  options: { appPort?: number; storage?: string; smtpPort?: number; entraSimulatorUrl?: string; officerIdp?: LocalIdpSettings } = {},
): Record<string, string | undefined> {
  return {
    IHCE_ENV: 'local',
    PUBLIC_BASE_URL: `http://localhost:${options.appPort ?? process.env.PORT ?? 7071}`,
    // With identity-based storage settings (a cloud account, e.g. for the directory import) no Azurite default.
    IHCE_STORAGE:
      options.storage ??
      (process.env.IHCE_STORAGE__tableServiceUri
        ? undefined
        : azuriteConnectionString({
            blob: Number(process.env.AZURITE_BLOB_PORT ?? 10000),
            queue: Number(process.env.AZURITE_QUEUE_PORT ?? 10001),
            table: Number(process.env.AZURITE_TABLE_PORT ?? 10002),
          })),
    MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(options.smtpPort ?? process.env.MAILDEV_SMTP_PORT ?? 1025),
    MAIL_FROM: 'IHCE Llaves de acceso <no-responder@ihce.localhost>',
    // Development only; in Azure this comes from Key Vault and start-up fails without it.
    CAPTCHA_HMAC_KEY: 'solo-desarrollo-local-no-usar-en-azure-0123456789',
    SECRET_STORE: 'local',
    // Fictitious defaults for the official's form; in Azure, the real tenant, scopes and API Management URLs.
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PREPRODUCTION_SCOPE: 'api://ihce-preproduccion-demo/.default',
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.demo.example/fhir',
    PRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000b002',
    PRODUCTION_SCOPE: 'api://ihce-produccion-demo/.default',
    PRODUCTION_ENDPOINT: 'https://apim-ihce-produccion.demo.example/fhir',
    // The demo official may load the delegates and officials files from the web (src/config/directory.ts).
    DIRECTORY_ADMINS: 'CC2000000001',
    // «Generar en Entra ID» against the local simulator of Microsoft Graph, when npm start runs one.
    ...(options.entraSimulatorUrl && {
      PREPRODUCTION_GRAPH_MODE: 'simulated',
      PRODUCTION_GRAPH_MODE: 'simulated',
      GRAPH_BASE_URL: options.entraSimulatorUrl,
      // «Probar llaves» / «Verificar llaves» ask the simulator's token endpoint (Entra's v2.0 layout).
      PREPRODUCTION_TOKEN_URL: `${options.entraSimulatorUrl}/{tenant}/oauth2/v2.0/token`,
      PRODUCTION_TOKEN_URL: `${options.entraSimulatorUrl}/{tenant}/oauth2/v2.0/token`,
    }),
    // «Ingresar con cuenta institucional» against the local OpenID provider, when npm start runs one.
    ...(options.officerIdp
      ? {
          OFFICER_SIGN_IN: 'both',
          ENTRA_SSO_ISSUER: options.officerIdp.issuer,
          ENTRA_SSO_TENANT_ID: options.officerIdp.tenantId,
          ENTRA_SSO_CLIENT_ID: options.officerIdp.clientId,
          ENTRA_SSO_CLIENT_AUTH: 'secret',
          ENTRA_SSO_CLIENT_SECRET: options.officerIdp.clientSecret,
        }
      : { OFFICER_SIGN_IN: 'password' }),
    // Development only: encrypts the local secret store in Azurite. Azure uses Key Vault.
    LOCAL_SECRET_KEY: 'ZGVzYXJyb2xsby1sb2NhbC1paGNlLWxsYXZlcy0zMmI=',
    ...process.env,
  };
}
