import { createHash, randomBytes } from 'node:crypto';
import { createAccountTableRepository } from '../../src/accounts/account.table-repository';
import { CONFIDENTIALITY_AGREEMENT_VERSION } from '../../src/accounts/accounts.schemas';
import { usernameFor } from '../../src/accounts/account-holder';
import { createSessionTableRepository } from '../../src/accounts/session.table-repository';
import type { Services } from '../../src/composition-root';
import { forEachLimited } from '../../src/kernel/concurrency';
import type { EnvironmentCredentials, KeyFile, KeyRequest } from '../../src/key-files/key-file';
import { emptyKeyFile } from '../../src/key-files/key-file';
import { newestFirstKey, tableKey } from '../../src/platform/storage/keys';
import { PERSONAL_DATA_VERSION, TERMS_VERSION } from '../../src/requests/requests.schemas';
import type { SyntheticProvider } from './synthetic-reps';

/** A person with an active account and, unless they are there to sign in, a live session. */
export type BenchUser = {
  nit?: string;
  username: string;
  /** Account row key, delegate row key: what the floors read. */
  accountKey: string;
  personKey: string;
  idHash: string;
  cookie: string;
};

export const BENCH_PASSWORD = 'Medición de rendimiento 2026 ñandú';
const DELEGATE_NAMES = ['María José', 'Ángela', 'Sebastián', 'Nicolás', 'Valentina', 'Andrés Felipe', 'Lucía', 'Joaquín'];
const DELEGATE_SURNAMES = ['Muñoz Peña', 'Gómez Ríos', 'Martínez Ibáñez', 'Rodríguez Núñez', 'Pérez Cárdenas', 'López Sáenz'];

/** A stride coprime with any directory size used here, so the roles spread over the whole NIT range. */
const spread = (providers: SyntheticProvider[], from: number, count: number) =>
  Array.from({ length: count }, (_, k) => providers[((from + k) * 7919) % providers.length]!);

export type Roles = { readers: SyntheticProvider[]; writers: SyntheticProvider[]; signers: SyntheticProvider[] };

/**
 * Readers have keys and a history (GET /api/my/credentials); writers have nothing yet (each one sends one
 * POST /api/my/requests, then an official saves keys for some of them); signers only sign in.
 */
export function assignRoles(providers: SyntheticProvider[], sizes: { readers: number; writers: number; signers: number }): Roles {
  return {
    readers: spread(providers, 0, sizes.readers),
    writers: spread(providers, sizes.readers, sizes.writers),
    signers: spread(providers, sizes.readers + sizes.writers, sizes.signers),
  };
}

const sessionFor = () => {
  const id = randomBytes(32).toString('base64url');
  return { id, idHash: createHash('sha256').update(id).digest('hex') };
};

/**
 * Delegates in the directory (through the import, as the ministry loads them), accounts made directly in the
 * repository with one shared password hash (hashing thousands of passwords is not what is measured), and
 * sessions made directly, so no captcha is solved for users whose sign-in is not the thing measured.
 */
export async function seedDelegates(services: Services, roles: Roles, passwordHash: string) {
  const all = [...roles.readers, ...roles.writers, ...roles.signers];
  if (all.length === 0) return new Map<string, BenchUser>(); // `--solo busqueda`: only the official signs in
  const idNumber = (k: number) => String(1_020_000_000 + k);
  const lines = ['nit,tipo_identificacion,numero_identificacion,nombres,apellidos,correo'];
  all.forEach((provider, k) =>
    lines.push(
      [provider.nit, 'CC', idNumber(k), DELEGATE_NAMES[k % 8], DELEGATE_SURNAMES[k % 6], `delegado${k}@reps-sintetico.example`].join(','),
    ),
  );
  const [report] = await services.directoryImport.importFiles({ delegates: lines.join('\n') });
  if (!report?.imported) throw new Error(`No se importaron los delegados: ${JSON.stringify(report?.errors.slice(0, 3))}`);

  const accounts = createAccountTableRepository(services.storage);
  const sessions = createSessionTableRepository(services.storage);
  const now = services.clock.now();
  const users = new Map<string, BenchUser>();
  const withSession = new Set([...roles.readers, ...roles.writers].map((p) => p.nit));
  await forEachLimited(
    all.map((provider, k) => ({ provider, k })),
    16,
    async ({ provider, k }) => {
      const username = usernameFor({ role: 'delegate', idType: 'CC', idNumber: idNumber(k), nit: provider.nit });
      await accounts.create({
        username,
        role: 'delegate',
        idType: 'CC',
        idNumber: idNumber(k),
        nit: provider.nit,
        status: 'active',
        passwordHash,
        failedAttempts: 0,
        consentVersion: CONFIDENTIALITY_AGREEMENT_VERSION,
        consentAcceptedAt: now,
        createdAt: now,
        activatedAt: now,
      });
      const session = sessionFor();
      if (withSession.has(provider.nit))
        await sessions.create({ idHash: session.idHash, username, createdAt: now, lastSeenAt: now, ip: '127.0.0.1' });
      users.set(provider.nit, {
        nit: provider.nit,
        username,
        accountKey: tableKey(username),
        personKey: `CC-${idNumber(k)}`,
        idHash: session.idHash,
        cookie: `ihce_sesion=${session.id}`,
      });
    },
  );
  return users;
}

/** One official, account and session made directly. */
export async function seedOfficer(services: Services, passwordHash: string): Promise<BenchUser> {
  const idNumber = '2999999999';
  await services.directoryImport.importFiles({
    officers: `tipo_identificacion,numero_identificacion,nombres,apellidos,correo\nCC,${idNumber},Banco,De Pruebas Rendimiento,banco@minsalud-bench.example`,
  });
  const now = services.clock.now();
  const username = `CC${idNumber}`;
  await createAccountTableRepository(services.storage).create({
    username,
    role: 'officer',
    idType: 'CC',
    idNumber,
    status: 'active',
    passwordHash,
    failedAttempts: 0,
    consentVersion: CONFIDENTIALITY_AGREEMENT_VERSION,
    consentAcceptedAt: now,
    createdAt: now,
    activatedAt: now,
  });
  const session = sessionFor();
  await createSessionTableRepository(services.storage).create({
    idHash: session.idHash,
    username,
    createdAt: now,
    lastSeenAt: now,
    ip: '127.0.0.1',
  });
  return {
    username,
    accountKey: tableKey(username),
    personKey: `CC-${idNumber}`,
    idHash: session.idHash,
    cookie: `ihce_sesion=${session.id}`,
  };
}

/**
 * Sessions are kept fresh before each scenario: the sliding-expiry write happens at most once a minute per
 * session, so a real user rarely pays it; a benchmark that reuses a few hundred sessions would pay it often.
 */
export async function refreshSessions(services: Services, users: Iterable<BenchUser>): Promise<void> {
  const sessions = createSessionTableRepository(services.storage);
  const now = services.clock.now();
  await forEachLimited([...users], 16, (user) => sessions.touch(user.idHash, now));
}

/** Readers' key files: both environments assigned, a first request and a renewal in the history. */
export async function seedAssignedFiles(
  services: Services,
  readers: SyntheticProvider[],
  delegates: Map<string, BenchUser>,
): Promise<void> {
  const now = services.clock.now();
  const expires = new Date(now.getTime() + 300 * 86_400_000).toISOString().slice(0, 10);
  const environment = (env: string): EnvironmentCredentials => ({
    clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    expiresOn: expires,
    tenantId: '00000000-0000-4000-8000-00000000a001',
    scope: `api://ihce-${env}-demo/.default`,
    endpoint: `https://apim-ihce-${env}.demo.example/fhir`,
    clientSecretRef: { name: `ihce-bench-${env}-client-secret`, version: randomBytes(16).toString('hex') },
    assignedAt: now.toISOString(),
    assignedBy: 'CC2999999999',
    source: 'manual',
    previousSecrets: [],
  });
  const request = (nit: string, kind: 'first' | 'renewal', at: Date): KeyRequest => ({
    id: newestFirstKey(at, randomBytes(4).toString('hex')),
    nit,
    kind,
    createdAt: at,
    createdBy: delegates.get(nit)!.username,
    techVendorName: 'Soluciones Clínicas Andinas S.A.S.',
    softwareName: 'HistoriaAndina HIS 5',
    techLead: { name: 'Camilo Ríos Pardo', email: 'camilo.rios@ips-ejemplo.example', phone: '+57 310 555 1234' },
    dataProtectionOfficer: { name: 'Diana Lucía Mora', phone: '6015551234' },
    ...(kind === 'renewal' && { reason: 'Rotación anual del ClientSecret.' }),
    termsVersion: TERMS_VERSION,
    termsAcceptedAt: at,
    personalDataVersion: PERSONAL_DATA_VERSION,
    personalDataAcceptedAt: at,
    status: 'assigned',
    resolvedAt: at,
    resolvedBy: 'CC2999999999',
  });
  await forEachLimited(readers, 16, async ({ nit }) => {
    const file: KeyFile = {
      ...emptyKeyFile(nit),
      everRequested: true,
      lastOutcome: 'assigned',
      updatedAt: now,
      environments: { preproduction: environment('preproduccion'), production: environment('produccion') },
    };
    await services.keyFiles.saveRequest(file, request(nit, 'first', new Date(now.getTime() - 400 * 86_400_000)));
    await services.keyFiles.saveRequest(
      await services.keyFiles.getFile(nit),
      request(nit, 'renewal', new Date(now.getTime() - 30 * 86_400_000)),
    );
  });
}
