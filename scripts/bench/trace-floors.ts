import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { functionDefinitions } from '../../functions/definitions';
import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { fileVersion } from '../../src/key-files/key-file';
import { bindFunctions, type BoundHttpFunction } from '../../src/http/function-definition';
import { startHttpHost } from '../local-host/http-server';
import { localEnv } from '../local-env';
import { azuriteConnectionString, freePort, startAzurite } from '../local-stack';
import { assignRoles, BENCH_PASSWORD, refreshSessions, seedAssignedFiles, seedDelegates, seedOfficer } from './bench-fixtures';
import { credentialsBody, json, keyRequest } from './bench-requests';
import { solveCaptcha } from './captcha-solver';
import { createFloors } from './floors';
import { providersCsv, syntheticReps } from './synthetic-reps';
import { createPasswordHasher } from '../../src/accounts/password-hasher';

/**
 * `npx tsx scripts/bench/trace-floors.ts`: the Table and Queue calls of each bench operation, once through the
 * app (HTTP, no queue worker, no timers) and once through its floor (floors.ts), listed side by side, so a floor
 * can be checked against the code path it claims to mirror. Calls are shown with start/end (ms from the
 * operation's start): overlapping ones ran in parallel.
 */
type Call = { start: number; end: number; line: string };
let calls: Call[] = [];
let origin = 0;

async function tracingProxy(service: string, target: number) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const start = performance.now() - origin;
      const url = decodeURIComponent(req.url ?? '/').replace(/^\/devstoreaccount1/, '');
      const inner = (body.toString('latin1').match(/^(POST|PUT|PATCH|MERGE|DELETE) https?:\/\/\S+/gm) ?? []).map((l) =>
        decodeURIComponent(l.replace(/https?:\/\/[^/]+\/devstoreaccount1/, '')),
      );
      const up = httpRequest({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const out: Buffer[] = [];
        answer.on('data', (c: Buffer) => out.push(c));
        answer.on('end', () => {
          const isIdlePoll = service === 'queue' && req.method === 'GET';
          if (!isIdlePoll)
            calls.push({
              start,
              end: performance.now() - origin,
              line: `${service} ${req.method} ${url} → ${answer.statusCode} (${body.length} B)${inner.length ? ` [${inner.join(' ; ')}]` : ''}`,
            });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(out));
        });
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function begin() {
  calls = [];
  origin = performance.now();
}
function print(title: string) {
  console.log(`\n== ${title} (${calls.length} calls)`);
  for (const c of calls.sort((a, b) => a.start - b.start))
    console.log(`  ${c.start.toFixed(0).padStart(5)}–${c.end.toFixed(0).padEnd(5)} ${c.line.slice(0, 260)}`);
}

const ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
const azurite = await startAzurite({ ports });
const proxied = azuriteConnectionString({
  blob: ports.blob,
  queue: await tracingProxy('queue', ports.queue),
  table: await tracingProxy('table', ports.table),
});
const env = { ...localEnv({ appPort: 7999, storage: proxied, smtpPort: 1 }), PASSWORD_HASH_COST: '1024', CAPTCHA_MAX_NUMBER: '1000' };
const services = await buildServices(loadConfig(env), { log: () => {} });
const http = bindFunctions(functionDefinitions, services).filter((f): f is BoundHttpFunction => f.trigger === 'http');
const server = await startHttpHost({ port: await freePort(), definitions: http, trustForwardedFor: true });
const url = `http://localhost:${(server.address() as AddressInfo).port}`;
try {
  const providers = syntheticReps(300, 450);
  await services.directoryImport.importFiles({ providers: providersCsv(providers) });
  const roles = assignRoles(providers, { readers: 3, writers: 3, signers: 2 });
  const writers = new Set(roles.writers.map((p) => p.nit));
  await services.searchIndex.indexMany(
    providers
      .filter((p) => !writers.has(p.nit))
      .map((provider) => ({
        provider,
        expiresOn: { preproduction: '2027-12-31', production: '2027-12-31' },
        flags: { pendingRenewal: false },
      })),
  );
  const hash = await createPasswordHasher(1024).hash(BENCH_PASSWORD);
  const delegates = await seedDelegates(services, roles, hash);
  const officer = await seedOfficer(services, hash);
  await seedAssignedFiles(services, roles.readers, delegates);
  await refreshSessions(services, [officer, ...delegates.values()]);
  const floors = await createFloors(proxied, services.config.STORAGE_PREFIX);
  const send = async (path: string, init: RequestInit) => {
    const answer = await fetch(`${url}${path}`, init);
    if (answer.status >= 300) console.log(`!! ${path} → ${answer.status} ${await answer.text()}`);
  };
  const op = async (title: string, app: () => Promise<unknown>, floor: () => Promise<unknown>) => {
    await new Promise((r) => setTimeout(r, 300));
    begin();
    await app();
    print(`${title}: app`);
    begin();
    await floor();
    print(`${title}: floor`);
  };

  const signer = delegates.get(roles.signers[0]!.nit)!;
  const challenge = await (await fetch(`${url}/api/captcha`)).json();
  const captcha = solveCaptcha(challenge as Parameters<typeof solveCaptcha>[0]);
  await op(
    'Ingreso',
    () =>
      send('/api/sessions', {
        method: 'POST',
        headers: json(url),
        body: JSON.stringify({ username: signer.username, password: BENCH_PASSWORD, captcha }),
      }),
    () => floors.signIn(signer),
  );
  const reader = delegates.get(roles.readers[0]!.nit)!;
  await op(
    'Mis llaves',
    () => send('/api/my/credentials', { headers: { cookie: reader.cookie } }),
    () => floors.myCredentials(reader),
  );
  for (const p of roles.writers.slice(0, 2)) {
    const writer = delegates.get(p.nit)!;
    await op(
      'Solicitud',
      () =>
        send('/api/my/requests', { method: 'POST', headers: { ...json(url), cookie: writer.cookie }, body: JSON.stringify(keyRequest) }),
      () => floors.submitRequest(writer),
    );
  }
  await refreshSessions(services, [officer]);
  await op(
    'Pendientes',
    () => send('/api/requests?status=pending', { headers: { cookie: officer.cookie } }),
    () => floors.pending(officer),
  );
  for (const [i, p] of roles.writers.slice(0, 2).entries()) {
    const file = await services.keyFiles.getFile(p.nit);
    const target = {
      nit: p.nit,
      name: p.name,
      codes: p.sites.map((site) => site.habilitationCode),
      requestId: file.pendingRequestId ?? '',
      requesterKey: delegates.get(p.nit)!.personKey,
    };
    await floors.prepareSaves([target]);
    await op(
      'Guardar llaves',
      () =>
        send(`/api/providers/${p.nit}/credentials`, {
          method: 'PUT',
          headers: { ...json(url), cookie: officer.cookie, 'if-match': fileVersion(file) },
          body: JSON.stringify(credentialsBody(i)),
        }),
      () => floors.saveCredentials(officer, target),
    );
  }
  await floors.dispose();
} finally {
  server.close();
  server.closeAllConnections();
  await azurite.stop();
}
process.exit(0);
