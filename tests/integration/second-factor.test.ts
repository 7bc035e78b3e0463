import { beforeAll, describe, expect, it } from 'vitest';
import { definition as requestsList } from '../../functions/requests-list';
import { definition as secondFactorGet } from '../../functions/second-factor-get';
import { definition as passkeyOptions } from '../../functions/second-factor-passkey-options';
import { definition as passkeyVerify } from '../../functions/second-factor-passkey-verify';
import { definition as resetsCreate } from '../../functions/second-factor-resets-create';
import { definition as totpCreate } from '../../functions/second-factor-totp-create';
import { definition as totpVerify } from '../../functions/second-factor-totp-verify';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as sessionsGet } from '../../functions/sessions-get-current';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/platform/clock';
import { passwordSignedInOfficer, signedInDelegate, signedInOfficer, TEST_PASSWORD, totpCode } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { scanStorageFor } from '../support/secret-scan';
import { call, sessionCookieHeader, solvedCaptcha, testEnv, useTestServices } from '../support/test-app';

const env = testEnv();
let services: Services;
let now = new Date('2026-11-25T15:00:10Z');
const clock: Clock = { now: () => new Date(now) };
const advance = (ms: number) => (now = new Date(now.getTime() + ms));
const STEP = 30_000;
const [enrolling, returning, limited, expiring, withPasskey, rescuer, rescued, viaEntra] = Array.from({ length: 8 }, () =>
  officerFixture(),
);
const provider = providerFixture('Segundo factor');

async function passwordStep(idNumber: string) {
  const result = await call(sessionsCreate, {
    body: { username: `CC${idNumber}`, password: TEST_PASSWORD, captcha: await solvedCaptcha() },
  });
  expect(result.status).toBe(200);
  return { body: result.body, cookie: sessionCookieHeader(result) };
}
const sendCode = (cookie: string, code: string) => call(totpVerify, { cookie, body: { code } });

beforeAll(async () => {
  services = await buildServices(loadConfig(env), { clock, log: () => {} });
  useTestServices(services);
  await seedDirectory(services, [provider], [enrolling!, returning!, limited!, expiring!, withPasskey!, rescuer!, rescued!, viaEntra!]);
});

describe('an official passes a second factor at every sign-in', () => {
  it('the first sign-in enrols an authenticator app: the password opens only the factor, the key comes as a QR and as text, the first code completes the session under a new id', async () => {
    const { username, cookie: pending } = await passwordSignedInOfficer(services, enrolling!);
    expect((await call(sessionsGet, { cookie: pending })).status).toBe(401);
    expect((await call(requestsList, { cookie: pending, path: 'requests?status=pending' })).status).toBe(401);
    expect((await call(secondFactorGet, { cookie: pending })).body).toEqual({
      pending: true,
      step: 'enrol',
      methods: { totp: false, passkey: false },
    });

    const setup = await call(totpCreate, { cookie: pending });
    expect(setup.status).toBe(201);
    expect(setup.body.key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
    expect(setup.body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(setup.body.qr.split(',')[1], 'base64').toString()).toContain('<svg');

    const wrong = await sendCode(pending, totpCode(setup.body.key, now.getTime() + 5 * STEP));
    expect(wrong.status).toBe(400);
    expect(wrong.body.type).toBe('urn:ihce:problema:codigo-invalido');
    expect(wrong.body.detail).toContain('código de verificación');

    const done = await sendCode(pending, totpCode(setup.body.key, now.getTime()));
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ username, role: 'officer' });
    const cookie = sessionCookieHeader(done);
    expect(cookie).not.toBe(pending);
    expect((await call(secondFactorGet, { cookie: pending })).status).toBe(401); // the old id is gone
    expect((await call(sessionsGet, { cookie })).status).toBe(200);
    expect((await call(requestsList, { cookie, path: 'requests?status=pending' })).status).toBe(200);
    const session = await services.sessions.resolve(cookie.split('=')[1]);
    expect(session?.session.secondFactorAt).toEqual(now);

    const actions = (await services.audit.list(`user:${username}`)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['ingreso.contrasena-verificada', 'segundo-factor.fallido', 'segundo-factor.inscrito']));
    // The seed is in the secret store (encrypted), never in a table, in clear or base64.
    const scan = await scanStorageFor(env, [setup.body.key.replace(/ /g, '')]);
    expect(scan.hits).toEqual([]);
    expect(scan.scanned.rows).toBeGreaterThan(0);
  });

  it('every later sign-in needs a code: no second enrolment, a code already used or too old is refused, the current one admits', async () => {
    const { totpKey } = await signedInOfficer(services, returning!);
    const enrolledAt = now.getTime();
    advance(10_000); // same 30-second step as the enrolment code
    const { cookie: pending, body } = await passwordStep(returning!.idNumber);
    expect(body).toEqual({ secondFactor: 'required' });
    expect((await call(secondFactorGet, { cookie: pending })).body).toMatchObject({ step: 'verify', methods: { totp: true } });
    expect((await call(totpCreate, { cookie: pending })).status).toBe(409); // nobody with the password adds their own app

    const replayed = await sendCode(pending, totpCode(totpKey, enrolledAt));
    expect(replayed.status).toBe(400);
    advance(3 * STEP);
    expect((await sendCode(pending, totpCode(totpKey, now.getTime() - 2 * STEP))).status).toBe(400); // two steps old
    const admitted = await sendCode(pending, totpCode(totpKey, now.getTime()));
    expect(admitted.status).toBe(200);
    // The same code again, from another sign-in within its window: refused.
    const { cookie: again } = await passwordStep(returning!.idNumber);
    expect((await sendCode(again, totpCode(totpKey, now.getTime()))).status).toBe(400);
    advance(STEP);
    expect((await sendCode(again, totpCode(totpKey, now.getTime()))).status).toBe(200);
  });

  it('attempts are limited per account: after 10 in 15 minutes, 429 with Retry-After and an audit row, even with the right code', async () => {
    const { totpKey, username } = await signedInOfficer(services, limited!);
    now = new Date(Math.ceil(now.getTime() / 900_000) * 900_000 + 1_000); // a fresh 15-minute window
    const { cookie: pending } = await passwordStep(limited!.idNumber);
    for (let i = 0; i < 10; i++) expect((await sendCode(pending, '000000')).status).toBe(400);
    const blocked = await sendCode(pending, totpCode(totpKey, now.getTime()));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const actions = (await services.audit.list(`user:${username}`)).map((entry) => entry.action);
    expect(actions).toContain('segundo-factor.limitado');
  });

  it('the second-factor stage lasts 10 minutes: a pending session older than that is gone', async () => {
    const { cookie: pending } = await passwordSignedInOfficer(services, expiring!);
    advance(10 * 60_000 + 1_000);
    expect((await call(secondFactorGet, { cookie: pending })).status).toBe(401);
    expect((await call(totpCreate, { cookie: pending })).status).toBe(401);
  });

  it('passkeys: the first options are a registration bound to this origin; an answer without a live challenge is refused', async () => {
    const { cookie } = await passwordSignedInOfficer(services, withPasskey!);
    const options = await call(passkeyOptions, { cookie });
    expect(options.status).toBe(200);
    expect(options.body.mode).toBe('registration');
    expect(options.body.options).toMatchObject({ rp: { id: 'localhost' }, attestation: 'none' });
    const forged = {
      response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA' }, clientExtensionResults: {} },
    };
    const first = await call(passkeyVerify, { cookie, body: forged });
    expect(first.status).toBe(400);
    expect(first.body.type).toBe('urn:ihce:problema:llave-de-acceso-rechazada');
    // The challenge was used up by that answer: another one finds none.
    const second = await call(passkeyVerify, { cookie, body: forged });
    expect(second.body.type).toBe('urn:ihce:problema:desafio-vencido');
  });
});

describe("a factor proved elsewhere (the ministry's Entra ID with MFA)", () => {
  it('startVerified opens a complete official session with secondFactorAt; an unknown or inactive account gets none', async () => {
    const { username } = await passwordSignedInOfficer(services, viaEntra!);
    const at = new Date(now);
    const { sessionId, user } = await services.sessions.startVerified(
      username.toLowerCase(),
      { secondFactorAt: at },
      { ip: '198.51.100.9' },
    );
    expect(user).toMatchObject({ username, role: 'officer' });
    const found = await services.sessions.resolve(sessionId);
    expect(found?.session).toMatchObject({ secondFactorAt: at });
    expect(found?.session.stage).toBeUndefined();
    expect((await call(requestsList, { cookie: `ihce_sesion=${sessionId}`, path: 'requests?status=pending' })).status).toBe(200);
    await expect(services.sessions.startVerified('CC123456789', { secondFactorAt: at }, {})).rejects.toMatchObject({ status: 401 });
  });
});

describe('recovery of a lost factor goes through an official', () => {
  it("an official resets another person's factors with a reason: audited on the person, e-mailed to them, enrolled again at the next sign-in; nobody resets their own", async () => {
    const helper = await signedInOfficer(services, rescuer!);
    const lost = await signedInOfficer(services, rescued!);
    const reset = (username: string, body: unknown, cookie = helper.cookie) =>
      call(resetsCreate, { cookie, path: `accounts/${username}/second-factor-resets`, params: { username }, body });
    const reason = 'Perdió el teléfono con la aplicación de autenticación.';

    const noReason = await reset(lost.username, {});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('Escriba el motivo del restablecimiento.');
    const own = await reset(helper.username, { reason });
    expect(own.status).toBe(403);
    expect(own.body.type).toBe('urn:ihce:problema:restablecer-propio');
    expect((await reset('CC123456789', { reason })).status).toBe(404);

    const before = await waitForEmails(rescued!.email, 0);
    const done = await reset(lost.username.toLowerCase(), { reason });
    expect(done.status).toBe(200);
    const [entry] = await services.audit.list(`user:${lost.username}`, 1);
    expect(entry).toMatchObject({ action: 'segundo-factor.restablecido', actor: helper.username, detail: { motivo: reason } });
    await drainNotifications(services);
    const mails = await waitForEmails(rescued!.email, before.length + 1);
    expect(mails.at(-1)!.subject).toBe('Se restableció su segundo factor de IHCE – Llaves de acceso');
    expect(mails.at(-1)!.text).toContain('Si usted no pidió este cambio');

    advance(STEP);
    const { cookie } = await passwordStep(rescued!.idNumber);
    expect((await call(secondFactorGet, { cookie })).body).toMatchObject({ step: 'enrol', methods: { totp: false, passkey: false } });
    expect((await sendCode(cookie, totpCode(lost.totpKey, now.getTime()))).status).toBe(409); // the old app no longer opens anything
    expect((await call(totpCreate, { cookie })).status).toBe(201);
  });
});

describe('delegates sign in as the guide describes', () => {
  it('a delegate gets the full session at once, with no second factor recorded', async () => {
    const { cookie, username } = await signedInDelegate(services, provider);
    const current = await call(sessionsGet, { cookie });
    expect(current.body.user.username).toBe(username);
    const found = await services.sessions.resolve(cookie.split('=')[1]);
    expect(found?.session.stage).toBeUndefined();
    expect(found?.session.secondFactorAt).toBeUndefined();
  });
});
