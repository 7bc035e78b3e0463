import { beforeAll, describe, expect, it } from 'vitest';
import { definition as activationsCreate } from '../../functions/activations-create';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as sessionsDelete } from '../../functions/sessions-delete-current';
import { definition as sessionsGet } from '../../functions/sessions-get-current';
import type { Services } from '../../src/composition-root';
import type { Clock } from '../../src/platform/clock';
import {
  delegatesCsv,
  officerFixture,
  providerFixture,
  providersCsv,
  seedDirectory,
  type ProviderFixture,
} from '../support/directory-fixtures';
import { linkIn, tokenFrom, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, sessionCookieHeader, solvedCaptcha, startTestServices, useTestServices } from '../support/test-app';

let services: Services;
let now = new Date('2026-11-25T15:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const advance = (ms: number) => (now = new Date(now.getTime() + ms));
const MINUTE = 60_000;
const PASSWORD = 'Cafetal de la montaña 2026';

const providers = [
  providerFixture('Sesion'),
  providerFixture('Bloqueo'),
  providerFixture('Retirada'),
  providerFixture('Inactiva'),
  providerFixture('Rafaga'),
];
const officer = officerFixture();

async function registerAndActivate(p: ProviderFixture): Promise<string> {
  const registered = await call(registrationsCreate, {
    body: {
      userType: 'delegate',
      entityType: 'PSS',
      nit: p.nit,
      idType: 'CC',
      idNumber: p.delegate.idNumber,
      captcha: await solvedCaptcha(),
      acceptsConfidentiality: true,
    },
  });
  expect(registered.status).toBe(201);
  await drainNotifications(services);
  const [mail] = await waitForEmails(p.delegate.email);
  const activated = await call(activationsCreate, { body: { token: tokenFrom(linkIn(mail!, 'activar')), password: PASSWORD } });
  expect(activated.status).toBe(200);
  return registered.body.username;
}

const signIn = async (username: string, password = PASSWORD) =>
  call(sessionsCreate, { body: { username, password, captcha: await solvedCaptcha() } });

beforeAll(async () => {
  services = await startTestServices({ overrides: { clock } });
  await seedDirectory(services, providers, [officer]);
});

describe('sign-in, session and sign-out', () => {
  it('signs in an active delegate: HttpOnly SameSite=Strict cookie, and the header data (name, role, entity with check digit)', async () => {
    const username = await registerAndActivate(providers[0]!);
    const result = await signIn(username.toLowerCase());
    expect(result.status).toBe(200);
    const cookie = result.cookies[0]!;
    expect(cookie).toMatchObject({ name: 'ihce_sesion', httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.body.user).toMatchObject({
      username,
      role: 'delegate',
      roleCode: 'SECURITYADMIN- IHCE IPS',
      entity: { nit: providers[0]!.nit, name: providers[0]!.name },
    });
    expect(result.body.user.entity.checkDigit).toEqual(expect.any(Number));

    const current = await call(sessionsGet, { cookie: sessionCookieHeader(result) });
    expect(current.status).toBe(200);
    expect(current.body.user.username).toBe(username);
    expect(current.headers.get('cache-control')).toBe('no-store');

    const stored = await services.storage.tableOf('sessions').query()[Symbol.asyncIterator]().next();
    expect(JSON.stringify(stored.value)).not.toContain(cookie.value);

    const audit = await services.audit.list(`user:${username}`);
    expect(audit[0]).toMatchObject({ action: 'ingreso.exitoso', actor: username, ip: '198.51.100.7' });
  });

  it('gives one generic message for a wrong password, an unknown user and a pending account', async () => {
    const username = `CC${providers[0]!.delegate.idNumber}-${providers[0]!.nit}`;
    const wrongPassword = await signIn(username, 'otra contraseña cualquiera');
    const unknownUser = await signIn('CC999999-900000001');
    await call(registrationsCreate, {
      body: {
        userType: 'delegate',
        entityType: 'PSS',
        nit: providers[3]!.nit,
        idType: 'CC',
        idNumber: providers[3]!.delegate.idNumber,
        captcha: await solvedCaptcha(),
        acceptsConfidentiality: true,
      },
    });
    const pending = await signIn(`CC${providers[3]!.delegate.idNumber}-${providers[3]!.nit}`);
    for (const result of [wrongPassword, unknownUser, pending]) {
      expect(result.status).toBe(401);
      // Issue 16: the generic message now goes on with the attempts left, the same for the three.
      expect(result.body.detail).toMatch(/^Usuario o contraseña incorrectos, o la cuenta aún no está activa\. Le quedan 2 intentos /);
      expect(result.body).toEqual(wrongPassword.body);
    }
    const audit = await services.audit.list('user:CC999999-900000001');
    expect(audit[0]).toMatchObject({ action: 'ingreso.fallido', detail: { motivo: 'usuario-inexistente' } });
  });

  it('after the second failure each wrong password earns a growing wait (30 s, 1 min, 2 min), said with Retry-After; the right password waits too, then clears it', async () => {
    const username = await registerAndActivate(providers[1]!);
    const stored = async () =>
      (await services.storage.tableOf<{ failedAttempts: number; lockedUntil?: Date }>('accounts').get(username, 'account'))!;
    expect((await signIn(username, 'mala contraseña 1')).status).toBe(401);
    expect((await signIn(username, 'mala contraseña 2')).status).toBe(401);
    for (const [failure, waitSeconds] of [
      [3, 30],
      [4, 60],
      [5, 120],
    ] as const) {
      expect((await signIn(username, `mala contraseña ${failure}`)).status).toBe(401);
      const waiting = await signIn(username);
      expect(waiting.status).toBe(423);
      expect(waiting.headers.get('retry-after')).toBe(String(waitSeconds));
      expect(waiting.body.detail).toMatch(/debe esperar .* antes del siguiente intento/);
      advance(waitSeconds * 1000 - 1000);
      expect((await signIn(username)).status).toBe(423);
      advance(1000);
    }
    expect((await stored()).failedAttempts).toBe(5);
    const after = await signIn(username);
    expect(after.status).toBe(200);
    const account = await stored();
    expect(account.failedAttempts).toBe(0);
    expect(account.lockedUntil ?? undefined).toBeUndefined();
    const audit = await services.audit.list(`user:${username}`);
    expect(audit.filter((a) => a.action === 'ingreso.en-espera').length).toBe(6);
  });

  it('a burst of parallel wrong guesses checks at most 3 passwords and leaves the account waiting', async () => {
    const username = await registerAndActivate(providers[4]!);
    const captchas = await Promise.all(Array.from({ length: 12 }, () => solvedCaptcha()));
    const results = await Promise.all(
      captchas.map((captcha, i) => call(sessionsCreate, { body: { username, password: `adivinanza número ${i}`, captcha } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 423).length).toBeGreaterThanOrEqual(9);
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true);
    const audit = await services.audit.list(`user:${username}`);
    expect(audit.filter((a) => a.action === 'ingreso.fallido').length).toBeLessThanOrEqual(3);
    const account = (await services.storage.tableOf<{ lockedUntil?: Date }>('accounts').get(username, 'account'))!;
    expect(new Date(account.lockedUntil!).getTime()).toBeGreaterThan(now.getTime());
    expect((await signIn(username)).status).toBe(423);
  });

  it('ends a session after 30 idle minutes, and after 8 hours even when active', async () => {
    const username = `CC${providers[0]!.delegate.idNumber}-${providers[0]!.nit}`;
    const idle = sessionCookieHeader(await signIn(username));
    advance(29 * MINUTE);
    expect((await call(sessionsGet, { cookie: idle })).status).toBe(200);
    advance(31 * MINUTE);
    const expired = await call(sessionsGet, { cookie: idle });
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe('Su sesión no está activa o venció. Ingrese de nuevo.');

    const busy = sessionCookieHeader(await signIn(username));
    for (let elapsed = 0; elapsed < 8 * 60; elapsed += 20) {
      advance(20 * MINUTE);
      const status = (await call(sessionsGet, { cookie: busy })).status;
      expect(status).toBe(elapsed + 20 <= 8 * 60 ? 200 : 401);
    }
    advance(20 * MINUTE);
    expect((await call(sessionsGet, { cookie: busy })).status).toBe(401);
  });

  it('Cerrar sesión ends the session on the server: the old cookie no longer works', async () => {
    const username = `CC${providers[0]!.delegate.idNumber}-${providers[0]!.nit}`;
    const cookie = sessionCookieHeader(await signIn(username));
    const out = await call(sessionsDelete, { cookie });
    expect(out.status).toBe(204);
    expect(out.cookies[0]).toMatchObject({ name: 'ihce_sesion', value: '', maxAge: 0 });
    expect((await call(sessionsGet, { cookie })).status).toBe(401);
    expect((await services.audit.list(`user:${username}`))[0]!.action).toBe('salida');
  });

  it('a delegate removed from a later delegates file loses access at once (open session and sign-in)', async () => {
    const username = await registerAndActivate(providers[2]!);
    const cookie = sessionCookieHeader(await signIn(username));
    const remaining = providers.filter((p) => p !== providers[2]);
    const [, delegatesReport] = await services.directoryImport.importFiles({
      providers: providersCsv(providers),
      delegates: delegatesCsv(remaining),
    });
    expect(delegatesReport).toMatchObject({ kind: 'delegates', imported: true, removed: 1 });
    expect((await call(sessionsGet, { cookie })).status).toBe(401);
    expect((await signIn(username)).status).toBe(401);
    expect((await services.audit.list(`user:${username}`))[0]).toMatchObject({ detail: { motivo: 'fuera-del-directorio' } });
  });

  it('over HTTPS the cookie is __Host- and Secure, and a plain-named cookie is ignored', async () => {
    const plain = services;
    const secure = await startTestServices({ env: { PUBLIC_BASE_URL: 'https://llaves.ihce.example' }, overrides: { clock } });
    services = secure;
    const p = providerFixture('Https');
    await seedDirectory(secure, [p], [officer]);
    const username = await registerAndActivate(p);
    const result = await call(sessionsCreate, {
      body: { username, password: PASSWORD, captcha: await solvedCaptcha() },
      headers: { origin: 'https://llaves.ihce.example' },
    });
    expect(result.status).toBe(200);
    expect(result.cookies[0]).toMatchObject({ name: '__Host-ihce_sesion', secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
    const value = result.cookies[0]!.value;
    expect((await call(sessionsGet, { cookie: `__Host-ihce_sesion=${value}` })).status).toBe(200);
    expect((await call(sessionsGet, { cookie: `ihce_sesion=${value}` })).status).toBe(401);
    services = plain;
    useTestServices(plain);
  });

  it('session fixation: a session id planted before sign-in is never adopted; sign-in issues a new one', async () => {
    const username = `CC${providers[0]!.delegate.idNumber}-${providers[0]!.nit}`;
    const planted = 'B'.repeat(43);
    const signedIn = await call(sessionsCreate, {
      cookie: `ihce_sesion=${planted}`,
      body: { username, password: PASSWORD, captcha: await solvedCaptcha() },
    });
    expect(signedIn.status).toBe(200);
    const issued = signedIn.cookies.find((cookie) => cookie.name === 'ihce_sesion')!;
    expect(issued.value).not.toBe(planted);
    expect(issued.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await call(sessionsGet, { cookie: `ihce_sesion=${planted}` })).status).toBe(401);
    expect((await call(sessionsGet, { cookie: `ihce_sesion=${issued.value}` })).status).toBe(200);
  });

  it('refuses a forged or malformed session cookie', async () => {
    expect((await call(sessionsGet, { cookie: 'ihce_sesion=' + 'A'.repeat(43) })).status).toBe(401);
    expect((await call(sessionsGet, { cookie: 'ihce_sesion=../../etc' })).status).toBe(401);
    expect((await call(sessionsGet)).status).toBe(401);
  });
});
