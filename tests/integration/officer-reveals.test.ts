import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as mySecretGet } from '../../functions/my-credentials-secret-get';
import { definition as officerRevealBlockDelete } from '../../functions/officer-reveal-block-delete';
import { definition as officerRevealBlocksList } from '../../functions/officer-reveal-blocks-list';
import { definition as providerSecretGet } from '../../functions/provider-secret-get';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import type { Services } from '../../src/composition-root';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { where } from '../../src/platform/storage/filter';
import { passTotp, signedInDelegate, signedInOfficer, steppedUp, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { saveProviderKeys } from '../support/officer-calls';
import { call, sessionCookieHeader, solvedCaptcha, startTestServices } from '../support/test-app';
import { countSafety } from '../support/totals';

const SECURITY = 'seguridad.ihce@minsalud-pruebas.example';
const PER_HOUR = 4;
const BURST = 2;
const TENANT = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const REASON = 'Auditoría solicitada por control interno';

let now = Date.now();
let entra: EntraSimulator;
let services: Services;
/** Typed by hand: P0-P2. Production generated in Entra ID: P3. */
const providers = [providerFixture('Revela A'), providerFixture('Revela B'), providerFixture('Revela C'), providerFixture('Generada')];
const officers = [officerFixture(), officerFixture(), officerFixture()];
const team: { username: string; cookie: string; totpKey: string }[] = [];
let generatedDelegate: string;
const typedSecret = (p: ProviderFixture) => `tecleado~${p.nit}~0123456789abcdef`;

const keys = (p: ProviderFixture, production: object | undefined) => {
  const typed = {
    clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca401',
    clientSecret: typedSecret(p),
    expiresOn: addDays(bogotaDay(new Date(now)), 200),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: 'api://ihce/.default',
    endpoint: 'https://apim-ihce.example/fhir',
  };
  return { preproduction: typed, production: production ?? typed };
};
const reveal = (who: { cookie: string }, p: ProviderFixture, query = `reason=${encodeURIComponent(REASON)}`) =>
  call(providerSecretGet, {
    cookie: who.cookie,
    path: `providers/${p.nit}/credentials/production/secret?${query}`,
    params: { nit: p.nit, environment: 'production' },
  });
/** A later sign-in of an official of the team: the password, then a code of its authenticator app. */
const signIn = async (member: { username: string; totpKey: string }) =>
  passTotp(
    services,
    sessionCookieHeader(
      await call(sessionsCreate, { body: { username: member.username, password: TEST_PASSWORD, captcha: await solvedCaptcha() } }),
    ),
    member.totpKey,
  );

beforeAll(async () => {
  entra = await startEntraSimulator();
  services = await startTestServices({
    env: {
      OFFICER_REVEALS_PER_HOUR: String(PER_HOUR),
      OFFICER_REVEAL_BURST_PROVIDERS: String(BURST),
      MSPS_SECURITY_EMAILS: SECURITY,
      GRAPH_BASE_URL: entra.url,
      PRODUCTION_GRAPH_MODE: 'simulated',
      PRODUCTION_TENANT_ID: TENANT,
    },
    overrides: { clock: { now: () => new Date(now) } },
  });
  await seedDirectory(services, providers, officers);
  for (const officer of officers) team.push(await signedInOfficer(services, officer));
  for (const [index, p] of providers.entries()) {
    const delegate = await signedInDelegate(services, p);
    if (index === 3) generatedDelegate = delegate.cookie;
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
    const generate = {
      mode: 'entra',
      expiresOn: addDays(bogotaDay(new Date(now)), 300),
      scope: 'api://ihce/.default',
      endpoint: 'https://apim-ihce.example/fhir',
    };
    const saved = await saveProviderKeys(team[0]!.cookie, p.nit, keys(p, index === 3 ? generate : undefined));
    expect(saved.status).toBe(200);
  }
  await drainNotifications(services);
}, 120_000);
afterAll(() => entra.close());

describe('officials reveal only typed-in secrets, with a reason', () => {
  it('a secret generated in Entra ID is refused to every official (403, in Spanish) and still reaches its delegate', async (context) => {
    const refused = await reveal(team[0]!, providers[3]!);
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('urn:ihce:problema:secreto-generado');
    expect(refused.body.detail).toMatch(/solo lo puede ver el delegado/);
    expect(JSON.stringify(refused.body)).not.toMatch(/clientSecret/);
    // The delegate passes the second factor first (production step-up).
    const own = await call(mySecretGet, {
      cookie: (await steppedUp(services, generatedDelegate)).cookie,
      path: 'my/credentials/production/secret',
      params: { environment: 'production' },
    });
    expect(own.status).toBe(200);
    expect(own.body.clientSecret).toMatch(/\S{20,}/);
    countSafety(context, { authorizationChecks: 2, invariantsHeld: 4 });
  });

  it('the reason is required (a Spanish field error, missing or too short); the reveal is never cached and the reason is on record', async () => {
    const missing = await reveal(team[0]!, providers[0]!, '');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'reason', message: expect.stringMatching(/^Escriba el motivo/) }]);
    const short = await reveal(team[0]!, providers[0]!, 'reason=porque');
    expect(short.status).toBe(400);
    expect(short.body.errors[0]).toEqual({ field: 'reason', message: expect.stringMatching(/al menos 15 caracteres/) });

    const shown = await reveal(team[0]!, providers[0]!);
    expect(shown.status).toBe(200);
    expect(shown.body.clientSecret).toBe(typedSecret(providers[0]!));
    expect(shown.headers.get('cache-control')).toBe('no-store');
    const trail = await services.audit.list(`provider:${providers[0]!.nit}`, 50);
    expect(trail.find((record) => record.action === 'secreto.revelado')).toMatchObject({
      actor: team[0]!.username,
      detail: { motivo: REASON },
    });
  });
});

describe('brakes on reveals', () => {
  it(`an official may reveal ${PER_HOUR} secrets in an hour; the next is 429 with Retry-After, and an hour later it works again`, async (context) => {
    const officer = team[0]!; // one reveal already made above
    for (let i = 1; i < PER_HOUR; i++) expect((await reveal(officer, providers[0]!)).status).toBe(200);
    const limited = await reveal(officer, providers[0]!);
    expect(limited.status).toBe(429);
    expect(limited.body.type).toBe('urn:ihce:problema:limite-de-revelaciones');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another official is not affected.
    expect((await reveal(team[2]!, providers[0]!)).status).toBe(200);
    now += 61 * 60_000;
    officer.cookie = await signIn(officer);
    expect((await reveal(officer, providers[0]!)).status).toBe(200);
    // Counts older than the hour are forgotten (the audit keeps every reveal).
    const counted = [];
    for await (const row of services.storage.tableOf('reveals').query({ filter: where.inPartition(officer.username) })) counted.push(row);
    expect(counted).toHaveLength(1);
    countSafety(context, { invariantsHeld: 5 });
  });

  it(`more than ${BURST} providers in an hour: blocked, audited, security e-mailed once without a secret; a colleague (never the official) lifts it`, async (context) => {
    now += 2 * 3_600_000;
    for (const member of team) member.cookie = await signIn(member);
    const [blockedOne, colleague] = [team[1]!, team[2]!];
    expect((await reveal(blockedOne, providers[0]!)).status).toBe(200);
    expect((await reveal(blockedOne, providers[1]!)).status).toBe(200);
    const burst = await reveal(blockedOne, providers[2]!);
    expect(burst.status).toBe(423);
    expect(burst.body.type).toBe('urn:ihce:problema:revelaciones-bloqueadas');
    expect(burst.body.detail).toMatch(/Otro funcionario debe desbloquearlas/);
    expect(burst.body.clientSecret).toBeUndefined();
    // Blocked for every provider now, even one revealed a minute ago.
    expect((await reveal(blockedOne, providers[0]!)).status).toBe(423);

    const blockedTrail = await services.audit.list(`user:${blockedOne.username}`, 50);
    expect(blockedTrail.filter((record) => record.action === 'revelaciones.bloqueadas')).toHaveLength(1);
    const { handled } = await drainNotifications(services);
    expect(handled).toEqual([expect.objectContaining({ type: 'officer.reveals-blocked', username: blockedOne.username, providers: 3 })]);
    const [mail] = await waitForEmails(SECURITY, 1);
    expect(mail!.subject).toContain(blockedOne.username);
    expect(`${mail!.text}${mail!.html}`).not.toMatch(/tecleado~|0123456789abcdef/);

    const listed = await call(officerRevealBlocksList, { cookie: colleague.cookie });
    expect(listed.body.items).toEqual([expect.objectContaining({ username: blockedOne.username, providers: 3 })]);
    const own = await call(officerRevealBlockDelete, {
      cookie: blockedOne.cookie,
      path: `officers/${blockedOne.username}/reveal-block`,
      params: { username: blockedOne.username },
    });
    expect(own.status).toBe(403);
    expect(own.body.detail).toMatch(/No puede desbloquear sus propias revelaciones/);
    expect((await reveal(blockedOne, providers[0]!)).status).toBe(423);

    const lifted = await call(officerRevealBlockDelete, {
      cookie: colleague.cookie,
      path: `officers/${blockedOne.username}/reveal-block`,
      params: { username: blockedOne.username },
    });
    expect(lifted.status).toBe(204);
    const liftTrail = await services.audit.list(`user:${blockedOne.username}`, 50);
    expect(liftTrail.find((record) => record.action === 'revelaciones.desbloqueadas')).toMatchObject({ actor: colleague.username });
    expect((await call(officerRevealBlocksList, { cookie: colleague.cookie })).body.items).toEqual([]);
    now += 1000;
    expect((await reveal(blockedOne, providers[0]!)).status).toBe(200);
    expect((await waitForEmails(SECURITY, 1)).length).toBe(1);
    countSafety(context, { authorizationChecks: 2, invariantsHeld: 14 });
  });
});
