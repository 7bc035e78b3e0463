import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createPasswordHasher } from '../../src/accounts/password-hasher';
import { fileVersion } from '../../src/key-files/key-file';
import { bundleApp, startApp, type AppProcess } from './app-process';
import { freePort, startAzurite, startMailDev } from '../local-stack';
import { localEnv } from '../local-env';
import { assignRoles, BENCH_PASSWORD, refreshSessions, seedAssignedFiles, seedDelegates, seedOfficer } from './bench-fixtures';
import { regressions, type Baseline, type Figure } from './bench-stats';
import { solveCaptcha } from './captcha-solver';
import { measureColdStart } from './cold-start';
import { createFloors } from './floors';
import { importFloorSeconds, importMemorySeries } from './import-bench';
import { IMPORT_CONCURRENCY } from '../../src/directory/directory-import.service';
import { loadOperation, type LoadSize } from './load-runner';
import { createScenario } from './scenario';
import { credentialsBody, json, keyRequest } from './bench-requests';
import { reportMailDrain } from './mail-drain';
import { runSoak, soakNeeds, type SoakPlan } from './soak';
import { providersCsv, syntheticReps } from './synthetic-reps';
import { timeToSignInForm, webAssetSizes } from './web-bench';
import { kb, readManifest, splitWeight } from './web-weight';

/**
 * `npm run bench`: the figures of the README's «Rendimiento» section, on a stack of its own (Azurite and
 * MailDev on free ports, the app in its own process). `npm run bench:search` (`--solo busqueda`) runs only
 * the directory import and the searches. Smaller runs: BENCH_PROVIDERS, BENCH_CODES, BENCH_SECONDS…
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const only = arg('--solo');
if (only && !['busqueda', 'soak', 'correo', 'importacion'].includes(only))
  throw new Error(`--solo ${only}: use busqueda, soak, correo o importacion`);
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  providers: num('BENCH_PROVIDERS', 60_000),
  codes: num('BENCH_CODES', 80_000),
  seconds: num('BENCH_SECONDS', 10),
  warmup: num('BENCH_WARMUP', 2),
  slices: num('BENCH_SLICES', 5),
  connections: num('BENCH_CONNECTIONS', 10),
  signIns: num('BENCH_SIGNINS', 200),
  readers: num('BENCH_READERS', 300),
  requests: num('BENCH_REQUESTS', 1_000),
  saves: num('BENCH_SAVES', 300),
  coldRuns: num('BENCH_COLD_RUNS', 7),
  webRuns: num('BENCH_WEB_RUNS', 5),
  // The soak: `--soak <minutes>` (default 3), fixed arrival rate BENCH_SOAK_RATE (× 0.5/s per operation, 2/s searches).
  soakMinutes: Number(arg('--soak') ?? process.env.BENCH_SOAK_MINUTES ?? 3),
  soakRate: num('BENCH_SOAK_RATE', 1),
  // Production defaults unless set: scrypt N = 2^14 (p = 5, from the cost) and a 100 000 captcha (pre-solved, not timed).
  hashCost: num('PASSWORD_HASH_COST', 16_384),
  captchaMax: num('CAPTCHA_MAX_NUMBER', 100_000),
};
const TARGETS = { readRatio: 1.5, searchP95Ms: 100, importSeconds: 60, importRatio: 2, importPeakMb: 300, coldRatio: 1.3, webJsKb: 60 };
// The import's memory series (rows per file, one child process each): BENCH_IMPORT_SERIES=20000,80000,320000.
const importSeries = (process.env.BENCH_IMPORT_SERIES ?? '20000,80000,320000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const started = performance.now();
const machine = `${os.cpus().length} núcleos, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const figures: Record<string, Figure> = {};
const misses: string[] = [];
const figure = (key: string, label: string, value: number, unit: string, better: Figure['better'] = 'lower') =>
  (figures[key] = { label, value: Number(value.toFixed(2)), unit, better });
const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

console.log(`IHCE Llaves de acceso: banco de rendimiento (${new Date().toISOString().slice(0, 10)}; ${machine}).`);
console.log(
  `Directorio sintético: ${settings.providers} prestadores, ${settings.codes} códigos; concurrencia ${settings.connections}; lecturas ${settings.seconds} s; scrypt N=${settings.hashCost}; captcha ${settings.captchaMax}.\n`,
);

if (process.env.BENCH_SKIP_BUILD !== '1') {
  for (const script of only ? [] : ['build:web', 'build:api']) {
    const built = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error(`npm run ${script} falló`);
  }
}

// Bundled now, so the app measured is the code as it was when the run started.
const appBundle = await bundleApp(root);
const soakPlan: SoakPlan = { seconds: settings.soakMinutes * 60, rate: settings.soakRate, lagSeconds: 10 };
const soakOn = only === 'soak' || (!only && settings.soakMinutes > 0);
const soakSize = soakOn ? soakNeeds(soakPlan) : { writers: 0, signers: 0 };

if (!only) {
  const webRoot = path.join(root, 'dist/web');
  const weight = splitWeight(await webAssetSizes(webRoot), await readManifest(webRoot));
  const [js, lazy, css] = [kb(weight.firstJs), kb(weight.lazyJs), kb(weight.css)];
  figure('web.js.kb', 'JavaScript de la primera pantalla (gzip)', js, 'KB');
  figure('web.js-diferido.kb', 'JavaScript cargado bajo demanda (gzip)', lazy, 'KB');
  figure('web.css.kb', 'CSS de la web (gzip)', css, 'KB');
  console.log(
    `Web (dist/web, gzip -9; primera pantalla = entrada + sus importaciones estáticas según .vite/manifest.json): JavaScript ${fmt(js)} KB (meta < ${TARGETS.webJsKb} KB) ${verdict(js < TARGETS.webJsKb, 'tamaño del JavaScript')}; bajo demanda (import(), sin meta) ${fmt(lazy)} KB; CSS ${fmt(css)} KB`,
  );
  for (const [group, assets] of [
    ['primera pantalla', weight.firstJs],
    ['bajo demanda', weight.lazyJs],
    ['CSS', weight.css],
  ] as const)
    for (const asset of assets)
      console.log(`  ${group}: ${asset.file}: ${fmt(asset.bytes / 1024)} KB, ${fmt(asset.gzipped / 1024)} KB gzip`);
}

if (only === 'correo') {
  // Simulated time only: no stack needed.
  reportMailDrain({ root, total: num('BENCH_MAIL_TOTAL', 500), verdict, figure });
  console.log(`\nMetas no cumplidas: ${misses.length === 0 ? 'ninguna' : misses.join('; ')}.`);
  process.exit(misses.length === 0 ? 0 : 1);
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
// Measured first on the stack (Azurite idle): main.js builds its services against storage before registering.
if (!only) {
  const cold = measureColdStart({ root, repetitions: settings.coldRuns, env });
  const ratio = cold.bundleMs / cold.bareMs;
  figure('arranque.ms', 'Arranque en frío del paquete (mediana)', cold.bundleMs, 'ms');
  console.log(
    `Arranque en frío (node hasta las ${'funciones'} registradas, mediana de ${settings.coldRuns}): dist/api/main.js ${fmt(cold.bundleMs)} ms; solo '@azure/functions' ${fmt(cold.bareMs)} ms → ${fmt(ratio, 2)}× (meta < ${TARGETS.coldRatio}×) ${verdict(ratio < TARGETS.coldRatio, 'arranque en frío')}`,
  );
}
const services = await buildServices(loadConfig(env), { log: () => {} });
let app: AppProcess | undefined;
const rows: string[] = [];

try {
  const providers = syntheticReps(settings.providers, settings.codes);
  let t0 = performance.now();
  const [report] = await services.directoryImport.importFiles({ providers: providersCsv(providers) });
  const importSeconds = (performance.now() - t0) / 1000;
  figure('importacion.s', 'Importación del directorio', importSeconds, 's');
  console.log(
    `\nImportación del directorio: ${report!.rows} filas en ${fmt(importSeconds)} s (${Math.round(report!.rows / importSeconds)} filas/s; meta < ${TARGETS.importSeconds} s) ${verdict(importSeconds < TARGETS.importSeconds, 'importación')}`,
  );
  const floorSeconds = await importFloorSeconds(azurite.connectionString, providers);
  const importRatio = importSeconds / floorSeconds;
  figure('importacion.piso.s', 'Piso de la importación (upsert por lotes de 100 por partición)', floorSeconds, 's');
  figure('importacion.razon', 'Importación / piso', importRatio, '×');
  console.log(
    `Piso: las mismas ${providers.length} filas de prestadores con upsert en lotes de hasta 100 por partición, ${IMPORT_CONCURRENCY} en paralelo: ${fmt(floorSeconds)} s (${Math.round(report!.rows / floorSeconds)} filas/s) → importación ${fmt(importRatio, 2)}× el piso (meta ≤ ${TARGETS.importRatio}×) ${verdict(importRatio <= TARGETS.importRatio, 'importación frente a su piso')}`,
  );
  if (!only || only === 'importacion') {
    const series = importMemorySeries(root, env, importSeries);
    console.log('Memoria de la importación (pico de RSS, un proceso hijo por tamaño, archivo leído de disco):');
    for (const point of series)
      console.log(
        `  ${point.rows} filas (${fmt(point.fileMb)} MB de archivo): pico ${fmt(point.peakMb)} MB (app cargada antes de leer el archivo: ${fmt(point.baselineMb)} MB) en ${fmt(point.seconds)} s (${Math.round(point.rows / point.seconds)} filas/s)`,
      );
    const at80k = series.find((p) => p.rows === 80_000);
    if (at80k) {
      figure('importacion.rss80k.mb', 'Pico de RSS de la importación (80 000 filas)', at80k.peakMb, 'MB');
      console.log(
        `  80 000 filas: ${fmt(at80k.peakMb)} MB (meta < ${TARGETS.importPeakMb} MB) ${verdict(at80k.peakMb < TARGETS.importPeakMb, 'memoria de la importación')}`,
      );
    }
    const [first, last] = [series[0], series.at(-1)];
    if (first && last && last !== first) {
      const [memoryGrowth, fileGrowth] = [last.peakMb / first.peakMb, last.fileMb / first.fileMb];
      console.log(
        `  De ${first.rows} a ${last.rows} filas: el archivo crece ${fmt(fileGrowth)}×, el pico ${fmt(memoryGrowth)}× (meta: menos que el archivo) ${verdict(memoryGrowth < fileGrowth, 'crecimiento de la memoria de la importación')}`,
      );
    }
  }
  if (only === 'importacion') {
    console.log(`\nMetas no cumplidas: ${misses.length === 0 ? 'ninguna' : misses.join('; ')}.`);
    process.exit(misses.length === 0 ? 0 : 1);
  }

  const roles = assignRoles(
    providers,
    only
      ? { readers: 0, writers: soakSize.writers, signers: soakSize.signers }
      : { readers: settings.readers, writers: settings.requests + soakSize.writers, signers: settings.signIns + soakSize.signers },
  );
  // The soak's writers and signers are the last ones: the scenarios below use the first ones.
  const soakWriters = roles.writers.splice(roles.writers.length - soakSize.writers);
  const soakSigners = roles.signers.splice(roles.signers.length - soakSize.signers);
  const writers = new Set([...roles.writers, ...soakWriters].map((p) => p.nit));
  t0 = performance.now();
  // Everyone but the writers already holds keys (the worst case for the index); the writers get theirs below.
  const holders = providers.filter((p) => !writers.has(p.nit));
  await services.searchIndex.indexMany(
    holders.map((provider) => ({ provider, expiresOn: { preproduction: '2027-12-31', production: '2027-12-31' } })),
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
  const conn = settings.connections;
  const read: LoadSize = { seconds: settings.seconds };

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

  if (only !== 'soak')
    console.log(
      `\nCarga por HTTP (autocannon, ${conn} conexiones) y piso (las operaciones de Table/Queue Storage de la misma llamada, directas, misma concurrencia):`,
    );
  rows.push(
    '| operación | peticiones | req/s | p50 ms | p95 ms | p99 ms | errores | piso p50 ms | p50/piso | meta |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );

  if (!only) {
    const signers = roles.signers.map((p) => delegates.get(p.nit)!);
    const captchas: string[] = [];
    // Each delegate signs in from their own hospital's network: one address each, as the rate limits see it.
    const address = (i: number) => `198.18.${Math.floor(i / 250)}.${i % 250}`;
    for (let i = 0; i < signers.length; i++) {
      captchas.push(
        solveCaptcha(
          (await (await fetch(`${app!.url}/api/captcha`, { headers: { 'x-forwarded-for': address(i) } })).json()) as Parameters<
            typeof solveCaptcha
          >[0],
        ),
      );
    }
    const amount = { amount: signers.length };
    await scenario(
      'ingreso',
      'Ingreso (POST /api/sessions)',
      'write',
      amount,
      (i) => ({
        method: 'POST',
        path: '/api/sessions',
        headers: { ...json(app!.url), 'x-forwarded-for': address(i) },
        body: JSON.stringify({ username: signers[i]!.username, password: BENCH_PASSWORD, captcha: captchas[i] }),
      }),
      (i) => floors.signIn(signers[i]!),
    );
    const hasher = createPasswordHasher(settings.hashCost);
    const scrypt = await loadOperation({ concurrency: conn, size: amount, operation: () => hasher.verify(BENCH_PASSWORD, passwordHash) });
    console.log(
      `  scrypt N=${settings.hashCost} solo (la verificación de la contraseña, misma concurrencia): p50 ${fmt(scrypt.p50)} ms, ${fmt(scrypt.rps)} por segundo.`,
    );

    const readers = roles.readers.map((p) => delegates.get(p.nit)!);
    await refreshSessions(services, readers);
    await scenario(
      'mis-llaves',
      'Mis llaves (GET /api/my/credentials)',
      'read',
      read,
      (i) => ({ method: 'GET', path: '/api/my/credentials', headers: { cookie: readers[i % readers.length]!.cookie } }),
      (i) => floors.myCredentials(readers[i % readers.length]!),
    );

    const requesters = roles.writers.map((p) => delegates.get(p.nit)!);
    await refreshSessions(services, requesters);
    const body = JSON.stringify(keyRequest);
    await scenario(
      'solicitud',
      'Solicitud de llaves (POST /api/my/requests)',
      'write',
      { amount: requesters.length },
      (i) => ({ method: 'POST', path: '/api/my/requests', headers: { ...json(app!.url), cookie: requesters[i]!.cookie }, body }),
      (i) => floors.submitRequest(requesters[i]!),
    );
    await drainQueue();

    await refreshSessions(services, [officer]);
    await scenario(
      'pendientes',
      'Pendientes del funcionario (GET /api/requests)',
      'read',
      read,
      () => ({ method: 'GET', path: '/api/requests?status=pending', headers: { cookie: officer.cookie } }),
      () => floors.pending(officer),
    );
  }

  if (only !== 'soak') {
    await refreshSessions(services, [officer]);
    const pick = (i: number) => holders[(i * 7919) % holders.length]!;
    const words = ['barbara', 'fatima', 'nandu', 'chiquinquira', 'angeles', 'bolivar', 'tayrona', 'esperanza'];
    const search = (q: (i: number) => string) => (i: number) => ({
      method: 'GET',
      path: `/api/providers?assigned=true&q=${encodeURIComponent(q(i))}`,
      headers: { cookie: officer.cookie },
    });
    await scenario(
      'busqueda-nit',
      'Búsqueda por NIT',
      'search',
      read,
      search((i) => pick(i).nit),
      (i) => floors.searchNit(officer, pick(i).nit),
    );
    await scenario(
      'busqueda-palabra',
      'Búsqueda por una palabra del nombre',
      'search',
      read,
      search((i) => words[i % words.length]!),
      (i) => floors.searchWord(officer, words[i % words.length]!),
    );
    await scenario(
      'busqueda-codigo',
      'Búsqueda por código de habilitación',
      'search',
      read,
      search((i) => pick(i).sites[0]!.habilitationCode),
      (i) => floors.searchCode(officer, pick(i).sites[0]!.habilitationCode),
    );
  }

  if (!only) {
    const targets = roles.writers.slice(0, settings.saves);
    const versions = await Promise.all(targets.map(async (p) => fileVersion(await services.keyFiles.getFile(p.nit))));
    await refreshSessions(services, [officer]);
    await scenario(
      'guardar-llaves',
      'Guardar llaves (PUT /api/providers/{nit}/credentials)',
      'write',
      { amount: targets.length },
      (i) => ({
        method: 'PUT',
        path: `/api/providers/${targets[i]!.nit}/credentials`,
        headers: { ...json(app!.url), cookie: officer.cookie, 'if-match': versions[i]! },
        body: JSON.stringify(credentialsBody(i)),
      }),
      (i) =>
        floors.saveCredentials(
          officer,
          targets[i]!.nit,
          targets[i]!.name,
          targets[i]!.sites.map((site) => site.habilitationCode),
        ),
    );
    await drainQueue();
  }
  await floors.dispose();

  if (only !== 'soak') console.log(rows.join('\n'));
  if (only !== 'soak')
    console.log(
      `\nMetas: lecturas ≤ ${TARGETS.readRatio}× su piso; búsquedas p95 < ${TARGETS.searchP95Ms} ms; ningún error bajo carga. Las escrituras muestran su razón sin meta.`,
    );
  if (soakOn) {
    await app?.stop();
    // A fresh app process, now with the timers on and reporting its memory every 2 s on its stdout.
    app = await startApp({ root, entry: appBundle, env, port: appPort, extraEnv: { BENCH_APP_TIMERS: '1', BENCH_APP_MEMORY_MS: '2000' } });
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
  report_();
} finally {
  await app?.stop();
  await maildev.stop();
  await azurite.stop();
}

function report_() {
  const baselinePath = path.join(root, 'docs/bench-baseline.json');
  const baseline = existsSync(baselinePath) ? (JSON.parse(readFileSync(baselinePath, 'utf8')) as Baseline) : undefined;
  const found = regressions(figures, baseline);
  for (const r of found)
    console.log(
      `AVISO: ${r.label}: ${fmt(r.current)} ${r.unit} frente a ${fmt(r.reference)} ${r.unit} del README (${Math.round(r.worse * 100)} % peor).`,
    );
  if (baseline && found.length === 0) console.log(`Sin regresiones de más de 20 % frente a las cifras del README (${baseline.date}).`);
  const minutes = (performance.now() - started) / 60_000;
  console.log(`\nMetas no cumplidas: ${misses.length === 0 ? 'ninguna' : misses.join('; ')}.`);
  console.log(`Duración total: ${fmt(minutes)} min.`);
  const result: Baseline = {
    date: new Date().toISOString().slice(0, 10),
    machine,
    command: only ? 'npm run bench:search' : 'npm run bench',
    figures,
  };
  const out = path.join(root, 'dist/bench/last-run.json');
  void mkdir(path.dirname(out), { recursive: true }).then(() => writeFile(out, JSON.stringify(result, null, 2) + '\n'));
  console.log(`Cifras de esta corrida: dist/bench/last-run.json (copie a docs/bench-baseline.json para fijarlas como referencia).`);
  process.exitCode = misses.length === 0 ? 0 : 1;
}

function verdict(ok: boolean, what: string): string {
  if (!ok) misses.push(what);
  return ok ? 'CUMPLE' : 'NO CUMPLE';
}

/** The e-mails the writes cause go through the queue worker; wait for it so the next figure is not shared with it. */
async function drainQueue() {
  const queue = services.storage.queueOf('notifications');
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if ((await queue.count()) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));
}
