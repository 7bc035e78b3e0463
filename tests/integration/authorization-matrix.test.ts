import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { functionDefinitions } from '../../functions/definitions';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as sessionsGetCurrent } from '../../functions/sessions-get-current';
import { createAccountTableRepository } from '../../src/accounts/account.table-repository';
import type { Services } from '../../src/composition-root';
import type { HttpFunctionDefinition } from '../../src/http/function-definition';
import { signedInDelegate, signedInOfficer, steppedUp, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { saveProviderKeys } from '../support/officer-calls';
import { call, sessionCookieHeader, solvedCaptcha, startTestServices, type CallResult } from '../support/test-app';
import { countSafety } from '../support/totals';

/**
 * Every API route × every kind of caller, with the status each must get. Generated from the one list of
 * function definitions: a route added without its row here fails the suite. Bodies are `{}` so a caller
 * who gets past authorization meets validation (400/428), never a state change.
 */
/** `pendingOfficer`: an official who passed the password but not the second factor: no session anywhere but there. */
const roles = ['anonymous', 'delegateA', 'delegateB', 'officer', 'pendingOfficer', 'locked', 'expired'] as const;
type Role = (typeof roles)[number];
type Row = Record<Role, number>;

const same = (status: number): Row => ({
  anonymous: status,
  delegateA: status,
  delegateB: status,
  officer: status,
  pendingOfficer: status,
  locked: status,
  expired: status,
});
/**
 * `locked`: the live session of provider C's delegate, whose account was then locked by five wrong
 * passwords. The lockout guards the password, not sessions already open (otherwise anyone could throw a
 * named person out): that cookie keeps exactly C's delegate's rights, which reach nothing of A or B.
 */
const signedIn = (delegateA: number, delegateB: number, officer: number, locked = delegateB === 403 ? 403 : delegateB): Row => ({
  anonymous: 401,
  delegateA,
  delegateB,
  officer,
  pendingOfficer: 401,
  locked,
  expired: 401,
});
/** The second factor's own routes: any live session, also one still waiting for the factor. */
const factorRoute = (delegates: number, officers: number, locked = delegates): Row => ({
  ...signedIn(delegates, delegates, officers, locked),
  pendingOfficer: officers,
});

const matrix: Record<string, Row> = {
  'health-get GET': same(200),
  'captcha-get GET': same(200),
  'catalogs-get GET': same(200),
  'site-get GET': same(200),
  'registrations-create POST': same(400),
  'activations-create POST': same(400),
  'password-resets-create POST': same(400),
  'password-resets-confirm POST': same(400),
  'username-reminders-create POST': same(400),
  'sessions-create POST': same(400),
  'sessions-get-current GET': signedIn(200, 200, 200),
  // Browser navigations: always a redirect (to Entra ID, or back to the sign-in page with a message).
  'sso-entra-start GET': same(302),
  'sso-entra-callback GET': same(302),
  // The official (done or pending) already has an authenticator app: no second enrolment (409). So do delegates A
  // and B (enrolled in the set-up for the production step-up); C's delegate, not enrolled, may enrol.
  'second-factor-get GET': factorRoute(200, 200),
  'second-factor-totp-create POST': factorRoute(409, 409, 201),
  'second-factor-totp-verify POST': factorRoute(400, 400),
  'second-factor-passkey-options POST': factorRoute(409, 409, 200),
  'second-factor-passkey-verify POST': factorRoute(400, 400),
  // Recovery of a lost factor is an official's (with a reason: `{}` meets validation).
  'second-factor-resets-create POST': signedIn(403, 403, 400),
  'my-credentials-get GET': signedIn(200, 200, 403),
  'my-requests-create POST': signedIn(400, 400, 403),
  // Provider A's request: provider B's delegate is told it does not exist.
  'my-requests-get GET': signedIn(200, 404, 403),
  // B holds keys of its own: it gets them (never A's, checked on every body); C holds none. A and B passed
  // their second factor in the set-up (production needs the step-up; without it: 403, see the last test).
  'my-credentials-secret-get GET': signedIn(200, 200, 403, 404),
  'my-credentials-config-get GET': signedIn(200, 200, 403, 404),
  // «Probar llaves»: A and B test their own keys (the test token URL answers nothing: 200 with the failure explained).
  'my-key-checks-create POST': signedIn(200, 200, 403, 404),
  // Certificates: public data, no step-up. Nobody uploaded one: the files answer 404; `{}` meets validation.
  'my-certificates-get GET': signedIn(200, 200, 403),
  'my-certificates-put PUT': signedIn(400, 400, 403),
  'my-certificate-file-get GET': signedIn(404, 404, 403),
  'my-certificate-links-create POST': signedIn(400, 400, 403),
  // The vendor's one-time link needs no account: `{}` meets validation for everyone.
  'certificate-link-uploads-create POST': same(400),
  'provider-certificates-get GET': signedIn(403, 403, 200),
  'provider-certificate-file-get GET': signedIn(403, 403, 404),
  'provider-certificate-registrations-create POST': signedIn(403, 403, 404),
  'requests-list GET': signedIn(403, 403, 200),
  'requests-summary-get GET': signedIn(403, 403, 200),
  'requests-next-get GET': signedIn(403, 403, 200),
  'providers-list GET': signedIn(403, 403, 200),
  'providers-get GET': signedIn(403, 403, 200),
  'provider-credentials-put PUT': signedIn(403, 403, 428),
  'provider-key-checks-create POST': signedIn(403, 403, 400),
  'provider-rejections-create POST': signedIn(403, 403, 428),
  'provider-audit-get GET': signedIn(403, 403, 200),
  'provider-secret-get GET': signedIn(403, 403, 200),
  'officer-reveal-blocks-list GET': signedIn(403, 403, 200),
  // «Directorio»: officials only. `{}` as JSON is not a form (415); the request's id is no upload of theirs (404);
  // «Aplicar» without the upload's id meets validation (400).
  'directory-uploads-create POST': signedIn(403, 403, 415),
  'directory-uploads-get GET': signedIn(403, 403, 404),
  'directory-imports-create POST': signedIn(403, 403, 400),
  'directory-permissions-get GET': signedIn(403, 403, 200),
  // A colleague who is not blocked: the official reaches the use case, which finds no block to lift.
  'officer-reveal-block-delete DELETE': signedIn(403, 403, 404),
  // Tablero: officials only; the usual time to assign (one figure) is for anyone signed in (the delegate's «Qué sigue»).
  'dashboard-get GET': signedIn(403, 403, 200),
  'dashboard-export-get GET': signedIn(403, 403, 200),
  'assignment-time-get GET': signedIn(200, 200, 200),
  // Last: these end sessions. «Cerrar todas mis sesiones» needs a live session; Cerrar sesión is public and
  // idempotent: signing out when already out is harmless.
  'sessions-delete DELETE': signedIn(200, 200, 200),
  'sessions-delete-current DELETE': same(204),
};
const queries: Record<string, string> = {
  'requests-list': '?status=pending',
  'dashboard-export-get': '?lista=pendientes',
  'provider-secret-get': `?reason=${encodeURIComponent('Verificación de la matriz de autorización')}`,
};

const providerA = providerFixture('Matriz A');
const providerB = providerFixture('Matriz B');
const providerC = providerFixture('Matriz Bloqueada');
const officer = officerFixture();
// Another official, so that the first one's «Cerrar todas mis sesiones» does not end this one's pending session.
const pendingOfficer = officerFixture();
let now = Date.now();
let services: Services;
const cookies: Partial<Record<Role, string>> = {};
let expiredCookie: string;
const delegateUsernames: string[] = [];
let requestId: string;

const httpRoutes = functionDefinitions.filter((d): d is HttpFunctionDefinition<Services> => d.trigger === 'http');
const cases = httpRoutes.flatMap((definition) =>
  definition.methods.map((method) => ({ definition, method, key: `${definition.name} ${method}` })),
);
// The routes that end sessions run after everything else, per role, closing-all before the current one.
const endsSessions = (name: string) => ['sessions-delete', 'sessions-delete-current'].indexOf(name) + 1;
cases.sort((a, b) => endsSessions(a.definition.name) - endsSessions(b.definition.name));

function request(
  definition: HttpFunctionDefinition<Services>,
  method: string,
  cookie: string | undefined,
  headers: Record<string, string> = {},
) {
  const params: Record<string, string> = {};
  const path = definition.route.replace(/\{(\w+)\}/g, (_, name: string) => {
    params[name] = { nit: providerA.nit, environment: 'production', id: requestId, username: 'CC1000000001' }[name]!;
    return params[name]!;
  });
  return call(definition, {
    method,
    path: `${path}${queries[definition.name] ?? ''}`,
    params,
    ...(cookie && { cookie }),
    ...(method !== 'GET' && { body: {} }),
    headers,
  });
}

const SECURITY_HEADERS: Record<string, RegExp> = {
  'cache-control': /./,
  'x-content-type-options': /^nosniff$/,
  'content-security-policy': /default-src 'none'.*frame-ancestors 'none'/,
  'strict-transport-security': /max-age=\d{7,}/,
  'referrer-policy': /no-referrer/,
  'x-frame-options': /^DENY$/,
};
function expectSafeAnswer(result: CallResult, label: string, definition: HttpFunctionDefinition) {
  for (const [header, pattern] of Object.entries(SECURITY_HEADERS))
    expect(result.headers.get(header), `${label}: ${header}`).toMatch(pattern);
  // Only public reference data (the catalogs, the entity's contact) may be cached; anything about a person or a session never.
  if (definition.access !== 'public' || result.status >= 400 || !['catalogs-get', 'site-get'].includes(definition.name))
    expect(result.headers.get('cache-control'), label).toMatch(/no-store/);
  expect(result.status, label).toBeLessThan(500);
  if (result.status >= 400) {
    expect(result.headers.get('content-type'), label).toContain('application/problem+json');
    expect(JSON.stringify(result.body), label).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|Error:/);
  }
  return Object.keys(SECURITY_HEADERS).length + 1;
}

beforeAll(async () => {
  services = await startTestServices({ overrides: { clock: { now: () => new Date(now) } } });
  await seedDirectory(services, [providerA, providerB, providerC], [officer, pendingOfficer]);
  const delegateA = await signedInDelegate(services, providerA);
  // Both delegates pass a second factor (step-up), so production secrets answer them: the columns prove
  // that each gets only its own. The session id rotates with it.
  delegateA.cookie = (await steppedUp(services, delegateA.cookie)).cookie;
  cookies.delegateA = delegateA.cookie;
  const delegateB = await signedInDelegate(services, providerB);
  cookies.delegateB = (await steppedUp(services, delegateB.cookie)).cookie;
  delegateUsernames.push(delegateA.username, delegateB.username);
  cookies.officer = (await signedInOfficer(services, officer)).cookie;
  // An official with an authenticator app who has just passed the password: the session waits for the factor.
  await signedInOfficer(services, pendingOfficer);
  cookies.pendingOfficer = sessionCookieHeader(
    await call(sessionsCreate, {
      body: { username: `CC${pendingOfficer.idNumber}`, password: TEST_PASSWORD, captcha: await solvedCaptcha() },
    }),
  );
  const created = await call(myRequestsCreate, { cookie: delegateA.cookie, body: validRequest('first') });
  requestId = created.body.id;
  // Providers A and B hold keys of their own, so both delegates' secret routes answer 200, each with its own.
  const keys = (tag: string, n: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
    clientSecret: `matriz~${tag}${n}~0123456789abcdef`,
    expiresOn: addDays(bogotaDay(new Date(now)), 200),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: 'api://ihce/.default',
    endpoint: 'https://apim-ihce.example/fhir',
  });
  for (const [provider, tag] of [
    [providerA, 'A'],
    [providerB, 'B'],
  ] as const) {
    const assigned = await saveProviderKeys(cookies.officer!, provider.nit, {
      preproduction: keys(tag, '01'),
      production: keys(tag, '02'),
    });
    expect(assigned.status).toBe(200);
  }
  // A second session of A, left idle until it expires.
  const again = await call(sessionsCreate, {
    body: { username: delegateA.username, password: TEST_PASSWORD, captcha: await solvedCaptcha() },
  });
  expiredCookie = sessionCookieHeader(again);
  // C's delegate signs in, then the account is locked by five wrong passwords: no new session, and the
  // column sends the cookie of the session that was already open.
  const locked = await signedInDelegate(services, providerC);
  const lockedUser = locked.username;
  cookies.locked = locked.cookie;
  for (let i = 0; i < 5; i++)
    await call(sessionsCreate, {
      ip: `198.51.100.${20 + i}`,
      body: { username: lockedUser, password: `equivocada ${i}`, captcha: await solvedCaptcha() },
    });
  const refused = await call(sessionsCreate, { body: { username: lockedUser, password: TEST_PASSWORD, captcha: await solvedCaptcha() } });
  expect(refused.status).toBe(423);
  expect(refused.cookies).toEqual([]);
  // A real session of a really locked account: the column is not an anonymous call in disguise.
  expect((await createAccountTableRepository(services.storage).get(lockedUser))?.lockedUntil?.getTime()).toBeGreaterThan(now);
  const current = await call(sessionsGetCurrent, { cookie: cookies.locked });
  expect(current.status).toBe(200);
  expect(current.body.user.username).toBe(lockedUser);
});

/** Whose secrets each caller must never see in any answer: the other providers'. */
const foreignSecrets: Record<Role, RegExp | undefined> = {
  anonymous: /matriz~[AB]/,
  delegateA: /matriz~B/,
  delegateB: /matriz~A/,
  officer: undefined,
  // Not signed in yet: its password is known, its second factor is not.
  pendingOfficer: /matriz~[AB]/,
  locked: /matriz~[AB]/,
  expired: /matriz~[AB]/,
};

describe('authorization matrix', () => {
  it('has a row for every HTTP route of the definitions list', () => {
    const missing = cases.filter(({ key }) => !matrix[key]).map(({ key }) => key);
    expect(missing, 'rutas sin fila en la matriz de autorización').toEqual([]);
    const stale = Object.keys(matrix).filter((key) => !cases.some((c) => c.key === key));
    expect(stale, 'filas de la matriz sin ruta').toEqual([]);
  });

  it('every route answers each kind of caller as the matrix says, with the security headers and a problem body on refusal', async (context) => {
    const seen: string[] = [];
    let invariants = 0;
    for (const role of ['anonymous', 'delegateA', 'delegateB', 'officer', 'pendingOfficer', 'locked'] as const) {
      for (const { definition, method, key } of cases) {
        const result = await request(definition, method, cookies[role]);
        seen.push(`${key} ${role} ${result.status}`);
        if (foreignSecrets[role]) expect(JSON.stringify(result.body ?? ''), `${key} ${role}`).not.toMatch(foreignSecrets[role]!);
        if (key === 'my-credentials-secret-get GET' && role.startsWith('delegate'))
          expect(result.body.clientSecret, `${key} ${role}`).toBe(`matriz~${role.at(-1)}02~0123456789abcdef`);
        invariants += expectSafeAnswer(result, `${key} ${role}`, definition);
      }
    }
    // Past the idle limit: the untouched session no longer opens anything.
    now += 31 * 60_000;
    for (const { definition, method, key } of cases) {
      const result = await request(definition, method, expiredCookie);
      seen.push(`${key} expired ${result.status}`);
      invariants += expectSafeAnswer(result, `${key} expired`, definition);
    }
    const expected = cases.flatMap(({ key }) => roles.map((role) => `${key} ${role} ${matrix[key]![role]}`));
    expect(seen.sort()).toEqual(expected.sort());
    countSafety(context, { authorizationChecks: seen.length, invariantsHeld: invariants + seen.length });
  });

  it('a call that changes state from a foreign origin is refused (403) before authentication or validation, for every such route', async (context) => {
    now += 60_000;
    const officerCookie = sessionCookieHeader(
      await call(sessionsCreate, { body: { username: `CC${officer.idNumber}`, password: TEST_PASSWORD, captcha: await solvedCaptcha() } }),
    );
    const unsafe = cases.filter(({ method }) => method !== 'GET');
    let checks = 0;
    for (const { definition, method, key } of unsafe) {
      const foreign: Record<string, string>[] = [
        { origin: 'https://sitio-malicioso.example' },
        { origin: 'null' },
        { origin: '', 'sec-fetch-site': 'cross-site' },
      ];
      for (const headers of foreign) {
        const result = await request(definition, method, officerCookie, headers);
        expect(result.status, `${key} ${JSON.stringify(headers)}`).toBe(403);
        expect(result.body.type).toBe('urn:ihce:problema:origen-no-permitido');
        checks++;
      }
    }
    expect(checks).toBe(unsafe.length * 3);
    countSafety(context, { authorizationChecks: checks, invariantsHeld: checks });
  });

  it("without a second factor passed in the last 10 minutes, each delegate's production secret and configuration are refused (403, nothing revealed)", async () => {
    now += 60_000;
    let checks = 0;
    for (const username of delegateUsernames) {
      const cookie = sessionCookieHeader(
        await call(sessionsCreate, { body: { username, password: TEST_PASSWORD, captcha: await solvedCaptcha() } }),
      );
      for (const name of ['my-credentials-secret-get', 'my-credentials-config-get']) {
        const definition = httpRoutes.find((d) => d.name === name)!;
        const result = await request(definition, 'GET', cookie);
        expect(result.status, `${name} ${username}`).toBe(403);
        expect(result.body.type).toBe('urn:ihce:problema:segundo-factor-requerido');
        expect(JSON.stringify(result.body)).not.toMatch(/matriz~/);
        checks++;
      }
    }
    expect(checks).toBe(4);
  });
});
