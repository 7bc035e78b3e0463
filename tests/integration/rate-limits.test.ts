import { beforeAll, describe, expect, it } from 'vitest';
import { definition as captchaGet } from '../../functions/captcha-get';
import { definition as passwordResetsCreate } from '../../functions/password-resets-create';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import type { Services } from '../../src/composition-root';
import { rateLimits } from '../../src/accounts/account-rate-limits';
import { call, solvedCaptcha, startTestServices, uniqueIdNumber } from '../support/test-app';

let now = Date.now();
let services: Services;
beforeAll(async () => {
  services = await startTestServices({ overrides: { clock: { now: () => new Date(now) } } });
});

const ip = (n: number) => `203.0.113.${n}`;
const expectLimited = (result: { status: number; headers: Headers; body: any }, detail: RegExp) => {
  expect(result.status).toBe(429);
  expect(result.body.type).toBe('urn:ihce:problema:demasiadas-solicitudes');
  expect(result.body.detail).toMatch(detail);
  expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
};

describe('rate limits', () => {
  it('captcha: 120 per address in 10 minutes; the next is refused with Retry-After, another address is not affected, and the window passes', async () => {
    const limit = rateLimits.captchaPerIp.limit;
    const statuses = await Promise.all(Array.from({ length: limit }, () => call(captchaGet, { ip: ip(1) }).then((r) => r.status)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    expectLimited(await call(captchaGet, { ip: ip(1) }), /desde su red/);
    expect((await call(captchaGet, { ip: ip(2) })).status).toBe(200);
    now += rateLimits.captchaPerIp.windowSeconds * 1000;
    expect((await call(captchaGet, { ip: ip(1) })).status).toBe(200);
  });

  it('sign-in: 20 tries per account in an hour, whatever the address; 60 per address whatever the account', async () => {
    const username = `CC${uniqueIdNumber()}-800000001`;
    for (let i = 0; i < rateLimits.signInPerAccount.limit; i++) {
      const result = await call(sessionsCreate, {
        ip: ip(10 + i),
        body: { username, password: 'no es la contraseña', captcha: await solvedCaptcha() },
      });
      expect(result.status).toBe(401);
    }
    expectLimited(
      await call(sessionsCreate, { ip: ip(99), body: { username, password: 'no es la contraseña', captcha: await solvedCaptcha() } }),
      /esta cuenta/,
    );

    const attempts = await Promise.all(
      Array.from({ length: rateLimits.signInPerIp.limit + 5 }, async (_, i) => {
        const captcha = await solvedCaptcha();
        return call(sessionsCreate, {
          ip: ip(200),
          body: { username: `CC${uniqueIdNumber()}-80000000${i % 10}`, password: 'no es la contraseña', captcha },
        });
      }),
    );
    const counts = attempts.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    // A parallel burst is counted in full: no more than the limit get through.
    expect(counts[401]).toBeLessThanOrEqual(rateLimits.signInPerIp.limit);
    expect(counts[429]).toBeGreaterThanOrEqual(5);
    expect(Object.keys(counts).sort()).toEqual(['401', '429']);
  });

  it('registration: 5 per identity number in an hour; password reset: 3 per username', async () => {
    const idNumber = uniqueIdNumber();
    const body = async () => ({
      userType: 'officer',
      idType: 'CC',
      idNumber,
      captcha: await solvedCaptcha(),
      acceptsConfidentiality: true,
    });
    for (let i = 0; i < rateLimits.registrationPerIdentity.limit; i++) {
      // Not in the directory: refused, but counted all the same.
      expect((await call(registrationsCreate, { ip: ip(30 + i), body: await body() })).status).not.toBe(429);
    }
    expectLimited(await call(registrationsCreate, { ip: ip(40), body: await body() }), /identificación/);

    const username = `CC${uniqueIdNumber()}`;
    for (let i = 0; i < rateLimits.resetPerAccount.limit; i++) {
      expect((await call(passwordResetsCreate, { ip: ip(50 + i), body: { username, captcha: await solvedCaptcha() } })).status).toBe(202);
    }
    expectLimited(await call(passwordResetsCreate, { ip: ip(60), body: { username, captcha: await solvedCaptcha() } }), /esta cuenta/);
  });

  it("calls without a client address share one limited bucket: never unlimited, and they do not spend a real address's allowance", async () => {
    now += 24 * 3600 * 1000;
    const limit = rateLimits.captchaPerIp.limit;
    const anonymous = () => call(captchaGet, { headers: { 'x-forwarded-for': '' } });
    const statuses = await Promise.all(Array.from({ length: limit }, () => anonymous().then((r) => r.status)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    // Whoever comes next without an address is in the same bucket, whatever else differs about the call.
    expectLimited(await anonymous(), /desde su red/);
    expectLimited(await call(captchaGet, { headers: { 'x-forwarded-for': ' , ' } }), /desde su red/);
    expect((await call(captchaGet, { ip: ip(3) })).status).toBe(200);
  });

  it('counts are stored by hash: no address or identity number in the table', async () => {
    const rows: string[] = [];
    for await (const row of services.storage.tableOf('ratelimits').query()) rows.push(JSON.stringify(row));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.join('\n')).not.toMatch(/203\.0\.113|CC\d{6,}/);
  });
});
