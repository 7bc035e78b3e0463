import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { administratorCredential, createApiAccessAdmin } from '../src/adapters/entra/api-access-admin';
import { SIMULATOR_RUNTIME_APP_ID } from '../src/adapters/entra/simulated-credential';
import { buildServices } from '../src/composition-root';
import { loadConfig } from '../src/config';
import { grantApiAccess } from './entra/grant-api-access';
import { localEnv } from './local-env';
import { runMain } from './run-main';

/**
 * `npm run entra:grant-api-access -- --environment preproduccion|produccion [--apply] [--yes] [--owner ID]`:
 * a tenant administrator, signed in with `az login --tenant <tenant>` (their own credential, never the app's),
 * grants the IHCE API's app role to the applications «Generar en Entra ID» created, and the key files show it.
 * Uses the app's settings (tenant, *_API_APP_ID, *_API_APP_ROLE_ID, GRAPH_BASE_URL, IHCE_STORAGE…).
 */
const USAGE =
  'Uso: npm run entra:grant-api-access -- --environment preproduccion|produccion [--apply] [--yes] [--owner <id de objeto de la entidad de servicio del sistema>] [--actor <nombre>]';
const names: Record<string, 'preproduction' | 'production'> = {
  preproduccion: 'preproduction',
  preproduction: 'preproduction',
  produccion: 'production',
  production: 'production',
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      environment: { type: 'string' },
      apply: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      owner: { type: 'string' },
      actor: { type: 'string', default: 'administrador de Entra ID' },
      help: { type: 'boolean' },
    },
  });
  const env = names[values.environment ?? ''];
  if (values.help || !env) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig(localEnv());
  const prefix = env === 'preproduction' ? 'PREPRODUCTION' : 'PRODUCTION';
  const mode = config[`${prefix}_GRAPH_MODE`];
  const apiAppId = config[`${prefix}_API_APP_ID`];
  const apiAppRoleId = config[`${prefix}_API_APP_ROLE_ID`];
  if (mode === 'off') {
    console.error(`«Generar en Entra ID» no está configurado para este ambiente (${prefix}_GRAPH_MODE=off).`);
    return 2;
  }
  if (!apiAppId || !apiAppRoleId) {
    console.log(`No hay rol de la API de IHCE configurado (${prefix}_API_APP_ID, ${prefix}_API_APP_ROLE_ID): nada que conceder.`);
    return 0;
  }
  const tenantId = config[`${prefix}_TENANT_ID`]!;
  const admin = createApiAccessAdmin({
    baseUrl: config.GRAPH_BASE_URL,
    tenantId,
    credential: administratorCredential(mode === 'simulated', tenantId),
    apiAppId,
    apiAppRoleId,
  });
  // The system's identity: named, or the simulator's, or the app registration of `federated`, or azd's output.
  const ownerId =
    values.owner ??
    (mode === 'simulated'
      ? await admin.principalByAppId(SIMULATOR_RUNTIME_APP_ID)
      : mode === 'federated'
        ? await admin.principalByAppId(config[`${prefix}_GRAPH_CLIENT_ID`]!)
        : process.env.AZURE_FUNCTION_IDENTITY_PRINCIPAL_ID);
  if (!ownerId) {
    console.error(
      'No se sabe cuál es la identidad del sistema: pase --owner <id de objeto> (azd env get-value AZURE_FUNCTION_IDENTITY_PRINCIPAL_ID).',
    );
    return 2;
  }
  const services = await buildServices(loadConfig(localEnv()));
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await grantApiAccess(
      {
        admin,
        records: services.apiAccess,
        ownerId,
        confirm: async (question) => /^s[ií]$/i.test((await terminal.question(question)).trim()),
        print: (line) => console.log(line),
      },
      { environment: env, apply: values.apply, yes: values.yes, actor: values.actor },
    );
  } finally {
    terminal.close();
  }
}

runMain(main);
