import type { Services } from '../../src/composition-root';
import { createPasswordHasher } from '../../src/accounts/password-hasher';
import { fileVersion } from '../../src/key-files/key-file';
import { fmt, httpTable, settings } from './bench-context';
import { BENCH_PASSWORD, refreshSessions, type BenchUser, type Roles } from './bench-fixtures';
import { credentialsBody, json, keyRequest } from './bench-requests';
import { solveCaptcha } from './captcha-solver';
import type { createFloors, SaveTarget } from './floors';
import { loadOperation, type LoadSize } from './load-runner';
import type { createScenario } from './scenario';
import type { SyntheticProvider } from './synthetic-reps';

type HttpRun = {
  url: string;
  services: Services;
  roles: Roles;
  holders: SyntheticProvider[];
  delegates: Map<string, BenchUser>;
  officer: BenchUser;
  passwordHash: string;
  floors: Awaited<ReturnType<typeof createFloors>>;
  scenario: ReturnType<typeof createScenario>;
};

/** The table of «Rendimiento»: each operation by HTTP beside its storage floor (searches only with `--solo busqueda`). */
export async function runHttpScenarios(run: HttpRun): Promise<void> {
  const { url, services, roles, delegates, officer, floors, scenario } = run;
  const read: LoadSize = { seconds: settings.seconds };
  if (httpTable) {
    const signers = roles.signers.map((p) => delegates.get(p.nit)!);
    const captchas: string[] = [];
    // Each delegate signs in from their own hospital's network: one address each, as the rate limits see it.
    const address = (i: number) => `198.18.${Math.floor(i / 250)}.${i % 250}`;
    for (let i = 0; i < signers.length; i++) {
      const challenge = await (await fetch(`${url}/api/captcha`, { headers: { 'x-forwarded-for': address(i) } })).json();
      captchas.push(solveCaptcha(challenge as Parameters<typeof solveCaptcha>[0]));
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
        headers: { ...json(url), 'x-forwarded-for': address(i) },
        body: JSON.stringify({ username: signers[i]!.username, password: BENCH_PASSWORD, captcha: captchas[i] }),
      }),
      (i) => floors.signIn(signers[i]!),
    );
    const hasher = createPasswordHasher(settings.hashCost);
    const scrypt = await loadOperation({
      concurrency: settings.connections,
      size: amount,
      operation: () => hasher.verify(BENCH_PASSWORD, run.passwordHash),
    });
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
      (i) => ({ method: 'POST', path: '/api/my/requests', headers: { ...json(url), cookie: requesters[i]!.cookie }, body }),
      (i) => floors.submitRequest(requesters[i]!),
    );
    await drainQueue(services);

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

  await refreshSessions(services, [officer]);
  const pick = (i: number) => run.holders[(i * 7919) % run.holders.length]!;
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

  if (httpTable) {
    const targets = roles.writers.slice(0, settings.saves);
    const files = await Promise.all(targets.map((p) => services.keyFiles.getFile(p.nit)));
    const versions = files.map(fileVersion);
    const saves: SaveTarget[] = targets.map((p, i) => ({
      nit: p.nit,
      name: p.name,
      codes: p.sites.map((site) => site.habilitationCode),
      requestId: files[i]!.pendingRequestId ?? '',
      requesterKey: delegates.get(p.nit)!.personKey,
    }));
    await floors.prepareSaves(saves);
    await refreshSessions(services, [officer]);
    await scenario(
      'guardar-llaves',
      'Guardar llaves (PUT /api/providers/{nit}/credentials)',
      'write',
      { amount: targets.length },
      (i) => ({
        method: 'PUT',
        path: `/api/providers/${targets[i]!.nit}/credentials`,
        headers: { ...json(url), cookie: officer.cookie, 'if-match': versions[i]! },
        body: JSON.stringify(credentialsBody(i)),
      }),
      (i) => floors.saveCredentials(officer, saves[i]!),
    );
    await drainQueue(services);
  }
}

/** The e-mails the writes cause go through the queue worker; wait for it so the next figure is not shared with it. */
async function drainQueue(services: Services) {
  const queue = services.storage.queueOf('notifications');
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if ((await queue.count()) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 2_000));
}
