import { createAccountTableRepository } from '../../src/accounts/account.table-repository';
import { CONFIDENTIALITY_AGREEMENT_VERSION } from '../../src/accounts/accounts.schemas';
import { createPasswordHasher } from '../../src/accounts/password-hasher';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { BENCH_PASSWORD, seedOfficer, type BenchUser } from '../bench/bench-fixtures';
import { solveCaptcha } from '../bench/captcha-solver';
import { providersCsv, syntheticReps, type SyntheticProvider } from '../bench/synthetic-reps';
import type { CostStack } from './cost-stack';

/** One delegate of the run: the provider, the address the e-mails go to, and once signed in, the cookie. */
export type Person = {
  provider: SyntheticProvider;
  idNumber: string;
  email: string;
  username?: string;
  cookie?: string;
  /** The request made in the run (requestKeys), for the ministry alert measured apart. */
  requestId?: string;
};

const keyRequest = {
  kind: 'first',
  techVendorName: 'Soluciones Clínicas Andinas S.A.S.',
  softwareName: 'HistoriaAndina HIS 5',
  techLead: { name: 'Camilo Ríos Pardo', email: 'camilo.rios@ips-ejemplo.example', phone: '+57 310 555 1234' },
  dataProtectionOfficer: { name: 'Diana Lucía Mora', phone: '6015551234' },
  acceptsTerms: true,
  authorizesPersonalData: true,
};

/**
 * The directory of the run (its providers, their delegates, the officials: as the ministry loads them) and the
 * officials' accounts, made directly: what is measured starts with the delegate's registration.
 */
export async function seedRun(stack: CostStack, people: number, officials: number) {
  const providers = syntheticReps(people, people * 2);
  const persons: Person[] = providers.slice(0, people).map((provider, k) => ({
    provider,
    idNumber: String(1_030_000_000 + k),
    email: `delegado${k}@costo-sintetico.example`,
  }));
  const delegates = ['nit,tipo_identificacion,numero_identificacion,nombres,apellidos,correo'].concat(
    persons.map((p, k) => `${p.provider.nit},CC,${p.idNumber},Valentina,Muñoz Peña ${k},${p.email}`),
  );
  const services = stack.services;
  // The bench's official (seedOfficer: account and session) first; the full list of officials replaces it with all.
  const hash = await createPasswordHasher(services.config.PASSWORD_HASH_COST).hash(BENCH_PASSWORD);
  const officer: BenchUser = await seedOfficer(services, hash);
  const officers = ['tipo_identificacion,numero_identificacion,nombres,apellidos,correo', BENCH_OFFICER].concat(
    Array.from(
      { length: officials - 1 },
      (_, k) => `CC,${2_900_000_000 + k},Funcionaria,Costo ${k},funcionaria${k}@minsalud-costo.example`,
    ),
  );
  await services.directoryImport.importFiles({
    providers: providersCsv(providers),
    delegates: delegates.join('\n'),
    officers: officers.join('\n'),
  });
  const accounts = createAccountTableRepository(services.storage);
  const now = services.clock.now();
  for (let k = 0; k < officials - 1; k++) {
    const idNumber = String(2_900_000_000 + k);
    await accounts.create({
      ...{ username: `CC${idNumber}`, role: 'officer', idType: 'CC', idNumber, status: 'active', passwordHash: hash, failedAttempts: 0 },
      ...{ consentVersion: CONFIDENTIALITY_AGREEMENT_VERSION, consentAcceptedAt: now, createdAt: now, activatedAt: now },
    });
  }
  return { persons, officer, providers };
}

/** The official seedOfficer (scripts/bench/bench-fixtures.ts) puts in the directory, as its CSV line. */
const BENCH_OFFICER = 'CC,2999999999,Banco,De Pruebas Rendimiento,banco@minsalud-bench.example';

const address = (k: number) => `198.18.${Math.floor(k / 250)}.${k % 250}`;

async function captcha(stack: CostStack, ip: string) {
  return solveCaptcha((await (await stack.api('/api/captcha', { ip })).json()) as Parameters<typeof solveCaptcha>[0]);
}

async function ok(response: Response, what: string) {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response;
}

type Mail = { subject: string; text: string; to: { address: string }[] };

/** Registro: captcha, the form, the activation e-mail's link and the password (the account's first step). */
export async function register(stack: CostStack, person: Person, k: number) {
  const ip = address(k);
  const body = {
    userType: 'delegate',
    entityType: 'PSS',
    nit: person.provider.nit,
    idType: 'CC',
    idNumber: person.idNumber,
    acceptsConfidentiality: true,
    captcha: await captcha(stack, ip),
  };
  const registered = (await (
    await ok(await stack.api('/api/registrations', { method: 'POST', body: JSON.stringify(body), ip }), 'Registro')
  ).json()) as {
    username: string;
  };
  person.username = registered.username;
  await stack.settle();
  const mails = (await (await fetch(`${stack.mailbox}/email`)).json()) as Mail[];
  const activation = mails.filter((m) => m.to.some((t) => t.address === person.email) && m.subject.startsWith('Active')).at(-1);
  const token = activation && /\/activar#token=([A-Za-z0-9_.-]+)/.exec(activation.text)?.[1];
  if (!token) throw new Error(`No llegó el correo de activación a ${person.email}`);
  await ok(
    await stack.api('/api/activations', { method: 'POST', body: JSON.stringify({ token, password: BENCH_PASSWORD }), ip }),
    'Activación',
  );
}

/** Ingreso: captcha and password; answers the session cookie. */
export async function signIn(stack: CostStack, person: Person, k: number) {
  const ip = address(k);
  const body = { username: person.username, password: BENCH_PASSWORD, captcha: await captcha(stack, ip) };
  const response = await ok(await stack.api('/api/sessions', { method: 'POST', body: JSON.stringify(body), ip }), 'Ingreso');
  const cookie = /ihce_sesion=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('El ingreso no devolvió la cookie de sesión');
  person.cookie = cookie;
}

export async function requestKeys(stack: CostStack, person: Person) {
  const response = await ok(
    await stack.api('/api/my/requests', { method: 'POST', body: JSON.stringify(keyRequest), headers: { cookie: person.cookie! } }),
    'Solicitud',
  );
  person.requestId = ((await response.json()) as { id: string }).id;
}

/** Asignar: the official opens the provider's file (its version) and saves both environments' keys. */
export async function assign(stack: CostStack, officer: BenchUser, person: Person, mode: 'manual' | 'entra', k: number) {
  const nit = person.provider.nit;
  const opened = await ok(await stack.api(`/api/providers/${nit}`, { headers: { cookie: officer.cookie } }), 'Abrir expediente');
  const version = opened.headers.get('etag')!;
  // 30 days: the reminders run then finds every assigned provider due (stage 30).
  const expiresOn = addDays(bogotaDay(new Date()), 30);
  const environment = (env: string, tenant: string) =>
    mode === 'entra'
      ? { mode: 'entra', expiresOn, scope: `api://ihce-${env}-demo/.default`, endpoint: `https://apim-ihce-${env}.demo.example/fhir` }
      : {
          mode: 'manual',
          clientId: `1b4e28ba-2fa1-41d2-883f-${String(k).padStart(12, '0')}`,
          clientSecret: `Secreto~${env}~${k}~${Math.random().toString(36).slice(2)}`,
          expiresOn,
          tenantId: tenant,
          scope: `api://ihce-${env}-demo/.default`,
          endpoint: `https://apim-ihce-${env}.demo.example/fhir`,
        };
  const body = {
    preproduction: environment('preproduccion', '00000000-0000-4000-8000-00000000a001'),
    production: environment('produccion', '00000000-0000-4000-8000-00000000b002'),
  };
  await ok(
    await stack.api(`/api/providers/${nit}/credentials`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { cookie: officer.cookie, 'if-match': version },
    }),
    `Asignar (${mode})`,
  );
}

/** Mostrar: the delegate reveals the pre-production ClientSecret (production asks for a second factor first). */
export async function reveal(stack: CostStack, person: Person) {
  await ok(await stack.api('/api/my/credentials/preproduction/secret', { headers: { cookie: person.cookie! } }), 'Mostrar secreto');
}

const WORDS = ['barbara', 'fatima', 'nandu', 'chiquinquira', 'angeles', 'bolivar', 'tayrona', 'esperanza'];
export async function search(stack: CostStack, officer: BenchUser, k: number) {
  const q = encodeURIComponent(WORDS[k % WORDS.length]!);
  await ok(await stack.api(`/api/providers?assigned=true&q=${q}`, { headers: { cookie: officer.cookie } }), 'Búsqueda');
}

/** Rows of about the size of an audit entry, in batches of 100 (not measured): what the second export reads more. */
export async function addAuditRows(stack: CostStack, rows: number) {
  const table = stack.services.storage.tableOf('audit');
  const detail = 'Asignación de llaves; '.repeat(20);
  for (let start = 0; start < rows; start += 100) {
    const partitionKey = `costo-${Math.floor(start / 100)}`;
    const batch = Array.from({ length: Math.min(100, rows - start) }, (_, i) => ({
      partitionKey,
      rowKey: String(i).padStart(4, '0'),
      detail,
    }));
    await table.transact(batch.map((entity) => ({ kind: 'upsert' as const, entity })));
  }
}
