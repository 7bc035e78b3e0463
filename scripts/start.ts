import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { demoDirectory, demoIdentities } from '../src/directory/demo-directory';
import { startEntraSimulator } from './local-host/entra-simulator';
import { startLocalApp } from './local-host/local-app';
import { officersAtLocalIdp } from './local-host/local-idp-directory';
import { LOCAL_IDP_DEFAULT_PASSWORD, startLocalOidcProvider } from './local-host/local-oidc-provider';
import { LOCAL_IDP_CLIENT, localEnv } from './local-env';
import { startAzurite, startMailDev, type ChildService } from './local-stack';

/**
 * `npm start`: the whole system on embedded defaults. Azurite (persisted in .data/azurite), MailDev, the
 * web build, the API, the queue worker and the timers. Ctrl+C stops everything.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ports = {
  app: port('PORT', 7071),
  blob: port('AZURITE_BLOB_PORT', 10000),
  queue: port('AZURITE_QUEUE_PORT', 10001),
  table: port('AZURITE_TABLE_PORT', 10002),
  smtp: port('MAILDEV_SMTP_PORT', 1025),
  inbox: port('MAILDEV_WEB_PORT', 1080),
  entra: port('ENTRA_SIMULATOR_PORT', 7072),
  idp: port('LOCAL_IDP_PORT', 7073),
};
const verbose = process.env.VERBOSE === '1';
const log = (line: string) => verbose && console.log(line);
const children: ChildService[] = [];
let stopApp: (() => Promise<void>) | undefined;

async function main() {
  const started = performance.now();
  console.log('IHCE – Administración de Llaves de acceso: arrancando el entorno local…');

  const webBuild = build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  const azurite = await startAzurite({ ports, location: path.join(root, '.data/azurite'), onOutput: log });
  children.push(azurite);
  children.push(await startMailDev({ smtpPort: ports.smtp, webPort: ports.inbox, onOutput: log }));
  const entra = await startEntraSimulator({ port: ports.entra });
  // The ministry's Entra ID for the officials' sign-in: it reads the officers' directory at each attempt.
  const known: { directory?: Parameters<typeof officersAtLocalIdp>[0] } = {};
  const idp = await startLocalOidcProvider({
    port: ports.idp,
    client: { ...LOCAL_IDP_CLIENT, redirectUri: `http://localhost:${ports.app}/api/sso/entra/callback` },
    findPerson: (email) => (known.directory ? officersAtLocalIdp(known.directory)(email) : Promise.resolve(undefined)),
    password: process.env.LOCAL_IDP_PASSWORD,
  });
  await webBuild;

  const app = await startLocalApp({
    port: ports.app,
    webRoot: path.join(root, 'dist/web'),
    env: localEnv({
      appPort: ports.app,
      storage: azurite.connectionString,
      smtpPort: ports.smtp,
      entraSimulatorUrl: entra.url,
      officerIdp: { issuer: idp.url, tenantId: idp.tenantId, ...LOCAL_IDP_CLIENT },
    }),
    queue: { maxDequeueCount: 5, visibilityTimeoutSeconds: 10 },
    log: (line) => (verbose || /falló|poison|no responde|Error/.test(line)) && console.log(line),
  });
  known.directory = app.services.directory;
  stopApp = async () => {
    await app.stop();
    await entra.close();
    await idp.close();
  };

  let seeded = false;
  if (!(await app.services.directory.hasAnyProvider())) {
    await app.services.directoryImport.importFiles(demoDirectory);
    seeded = true;
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`
Listo en ${seconds} s.
  Aplicación (web y API):  ${app.url}/        API: ${app.url}/api/health
  Correo (MailDev):        http://localhost:${ports.inbox}/   SMTP 127.0.0.1:${ports.smtp}
  Almacenamiento (Azurite): blob ${ports.blob}, colas ${ports.queue}, tablas ${ports.table} (datos en .data/azurite)
  Entra ID (simulador de Microsoft Graph para «Generar en Entra ID» y de tokens para «Probar llaves»): ${entra.url}
  Proveedor OpenID local (como Entra ID, para «Ingresar con cuenta institucional»): ${idp.url}
    cada funcionario del directorio ingresa con su correo y la contraseña ${process.env.LOCAL_IDP_PASSWORD ? '(LOCAL_IDP_PASSWORD)' : LOCAL_IDP_DEFAULT_PASSWORD}
${seeded ? '  Se cargó el directorio de demostración (datos ficticios).' : '  Directorio existente conservado.'}

Identidades de demostración para «Registro de Usuarios» (${app.url}/registro):
${demoIdentities.map((d) => `  - ${d.role}: ${d.idType} ${d.idNumber}${'nit' in d ? ` – NIT ${d.nit} (${d.entity})` : ''}`).join('\n')}
El enlace de activación llega a MailDev. Ctrl+C detiene todo.`);
}

async function shutdown(code = 0) {
  console.log('\nDeteniendo…');
  await stopApp?.().catch(() => undefined);
  await Promise.all(children.map((child) => child.stop()));
  process.exit(code);
}

process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
