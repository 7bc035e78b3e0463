import { spawnSync } from 'node:child_process';
import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createPasswordHasher } from '../../src/accounts/password-hasher';
import { bundleApp, startApp, type AppProcess } from './app-process';
import { freePort, startAzurite, startMailDev } from '../local-stack';
import { localEnv } from '../local-env';
import { assignRoles, BENCH_PASSWORD, refreshSessions, seedAssignedFiles, seedDelegates, seedOfficer } from './bench-fixtures';
import { figure, finalReport, fmt, httpTable, machine, num, only, printMisses, root, settings, TARGETS, verdict } from './bench-context';
import { createFloors } from './floors';
import { credentialsBody, keyRequest } from './bench-requests';
import { reportMailDrain } from './mail-drain';
import { createScenario } from './scenario';
import { reportColdStart } from './section-cold-start';
import { runHttpScenarios } from './section-http';
import { reportImport } from './section-import';
import { reportWebWeight } from './section-web-weight';
import { drainBacklog, runSoak, soakNeeds, type SoakPlan } from './soak';
import { syntheticReps } from './synthetic-reps';
import { timeToSignInForm } from './web-bench';

/**
 * `npm run bench`: the figures of the README's «Rendimiento» section, on a stack of its own (Azurite and
 * MailDev on free ports, the app in its own process). `npm run bench:search` (`--solo busqueda`) runs only
 * the directory import and the searches. Smaller runs: BENCH_PROVIDERS, BENCH_CODES, BENCH_SECONDS…
 * Each section is its own file (section-*.ts); bench-context.ts holds the settings, targets and figures.
 */
console.log(`IHCE Llaves de acceso: banco de rendimiento (${new Date().toISOString().slice(0, 10)}; ${machine}).`);
console.log(
  `Directorio sintético: ${settings.providers} prestadores, ${settings.codes} códigos; concurrencia ${settings.connections}; lecturas ${settings.seconds} s; scrypt N=${settings.hashCost}; captcha ${settings.captchaMax}.\n`,
);

if (process.env.BENCH_SKIP_BUILD !== '1') {
  for (const script of only === 'arranque' ? ['build:api'] : only ? [] : ['build:web', 'build:api']) {
    const built = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error(`npm run ${script} falló`);
  }
}

// Bundled now, so the app measured is the code as it was when the run started.
const appBundle = await bundleApp(root);
const soakPlan: SoakPlan = { seconds: settings.soakMinutes * 60, rate: settings.soakRate, lagSeconds: 10 };
const soakOn = only === 'soak' || (!only && settings.soakMinutes > 0);
const soakSize = soakOn ? soakNeeds(soakPlan) : { writers: 0, signers: 0 };

if (!only) await reportWebWeight();

if (only === 'correo') {
  // Simulated time only: no stack needed.
  reportMailDrain({ root, total: num('BENCH_MAIL_TOTAL', 500), verdict, figure });
  process.exit(printMisses() ? 0 : 1);
}

const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
const azurite = await startAzurite({ ports });
const mail = { smtpPort: await freePort(), webPort: await freePort() };
const maildev = await startMailDev(mail);
const appPort = await freePort();
const env = {
  ...localEnv({ appPort, storage: azurite.connectionString, smtpPort: mail.smtpPort }),
  PASSWORD_HASH_COST: String(settings.hashCost),
  CAPTCHA_MAX_NUMBER: String(settings.captchaMax),
};
// Measured first on the stack (Azurite idle): main.js's first request builds its services against storage.
if (!only || only === 'arranque') await reportColdStart(env);
if (only === 'arranque') {
  finalReport();
  await maildev.stop();
  await azurite.stop();
  process.exit();
}
const services = await buildServices(loadConfig(env), { log: () => {} });
let app: AppProcess | undefined;
const rows: string[] = [];

try {
  const providers = syntheticReps(settings.providers, settings.codes);
  await reportImport({ services, connectionString: azurite.connectionString, env, providers });
  if (only === 'importacion') process.exit(printMisses() ? 0 : 1);

  const roles = assignRoles(
    providers,
    !httpTable
      ? { readers: 0, writers: soakSize.writers, signers: soakSize.signers }
      : { readers: settings.readers, writers: settings.requests + soakSize.writers, signers: settings.signIns + soakSize.signers },
  );
  // The soak's writers and signers are the last ones: the scenarios below use the first ones.
  const soakWriters = roles.writers.splice(roles.writers.length - soakSize.writers);
  const soakSigners = roles.signers.splice(roles.signers.length - soakSize.signers);
  const writers = new Set([...roles.writers, ...soakWriters].map((p) => p.nit));
  const t0 = performance.now();
  // Everyone but the writers already holds keys (the worst case for the index); the writers get theirs below.
  const holders = providers.filter((p) => !writers.has(p.nit));
  await services.searchIndex.indexMany(
    holders.map((provider) => ({
      provider,
      expiresOn: { preproduction: '2027-12-31', production: '2027-12-31' },
      flags: { pendingRenewal: false },
    })),
  );
  const passwordHash = await createPasswordHasher(settings.hashCost).hash(BENCH_PASSWORD);
  const delegates = await seedDelegates(
    services,
    { readers: roles.readers, writers: [...roles.writers, ...soakWriters], signers: [...roles.signers, ...soakSigners] },
    passwordHash,
  );
  const officer = await seedOfficer(services, passwordHash);
  await seedAssignedFiles(services, roles.readers, delegates);
  console.log(
    `Preparación (índice de búsqueda de ${holders.length} prestadores, ${delegates.size} delegados con cuenta, expedientes): ${fmt((performance.now() - t0) / 1000)} s.`,
  );

  app = only === 'soak' ? undefined : await startApp({ root, entry: appBundle, env, port: appPort });
  const floors = await createFloors(azurite.connectionString, services.config.STORAGE_PREFIX);
  const scenario = createScenario({
    url: () => app!.url,
    warmup: settings.warmup,
    connections: settings.connections,
    slices: settings.slices,
    targets: TARGETS,
    verdict,
    figure,
    rows,
  });

  if (!only) {
    const webMs = await timeToSignInForm({
      url: app!.url,
      runs: settings.webRuns,
      chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
    figure('web.primera-pantalla.ms', 'Primera pantalla usable (/ingresar)', webMs, 'ms');
    console.log(
      `Primera pantalla usable (/ingresar, campo Usuario habilitado, Chromium sin caché, mediana de ${settings.webRuns}): ${fmt(webMs)} ms.`,
    );
  }

  if (only !== 'soak') {
    console.log(
      `\nCarga por HTTP (autocannon, ${settings.connections} conexiones) y piso (las operaciones de Table/Queue Storage de la misma llamada, directas, misma concurrencia):`,
    );
    rows.push(
      '| operación | peticiones | req/s | p50 ms | p95 ms | p99 ms | errores | piso p50 ms | p50/piso | meta |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    await runHttpScenarios({ url: app!.url, services, roles, holders, delegates, officer, passwordHash, floors, scenario });
  }
  await floors.dispose();

  if (only !== 'soak') {
    console.log(rows.join('\n'));
    console.log(
      `\nMetas: lecturas ≤ ${TARGETS.readRatio}× su piso; búsquedas p95 < ${TARGETS.searchP95Ms} ms; ningún error bajo carga. Las escrituras muestran su razón sin meta.`,
    );
  }
  if (soakOn) {
    await app?.stop();
    // A fresh app process, now with the timers on and reporting its memory every 2 s on its stdout.
    app = await startApp({ root, entry: appBundle, env, port: appPort, extraEnv: { BENCH_APP_TIMERS: '1', BENCH_APP_MEMORY_MS: '2000' } });
    const backlog = await drainBacklog(services);
    console.log(
      `\nAntes de la resistencia: ${backlog.waiting} mensajes en cola de las secciones anteriores, vaciados por la app en ${fmt(backlog.seconds)} s (no se mide).`,
    );
    const users = [...soakSigners, ...soakWriters].map((p) => delegates.get(p.nit)!);
    await refreshSessions(services, [officer, ...users]);
    console.log(
      `\nResistencia (soak): ${settings.soakMinutes} min a tasa fija de llegada (lazo abierto): ingreso, solicitud, asignación y «Mostrar» ${fmt(soakPlan.rate * 0.5, 2)}/s cada una, búsquedas ${fmt(soakPlan.rate * 2, 2)}/s; cola y temporizadores activos en la app.`,
    );
    await runSoak({
      app,
      services,
      plan: soakPlan,
      signers: soakSigners.map((p) => delegates.get(p.nit)!),
      writers: soakWriters.map((p) => ({ nit: p.nit, user: delegates.get(p.nit)! })),
      officer,
      searches: [...holders.slice(0, 50).map((p) => p.nit), 'barbara', 'fatima', 'nandu', 'bolivar', 'tayrona', 'esperanza'],
      credentialsBody,
      keyRequest,
      verdict,
      figure,
    });
  }
  if (!only) reportMailDrain({ root, total: num('BENCH_MAIL_TOTAL', 500), verdict, figure });
  finalReport();
} finally {
  await app?.stop();
  await maildev.stop();
  await azurite.stop();
}
