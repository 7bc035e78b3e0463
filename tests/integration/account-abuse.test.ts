import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { definition as passwordResetsCreate } from '../../functions/password-resets-create';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { rateLimits } from '../../src/accounts/account-rate-limits';
import type { Services } from '../../src/composition-root';
import type { RateLimitRule } from '../../src/platform/rate-limiter';
import { signedInDelegate, TEST_PASSWORD } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { call, solvedCaptcha, startTestServices, uniqueIdNumber } from '../support/test-app';

let services: Services;
const providers = [providerFixture('Basura'), providerFixture('Exitos'), providerFixture('Tope'), providerFixture('Ajena')];
const officer = officerFixture();

/** Shaped like a solution, signed by nobody: what a script sends without doing the proof of work. */
const madeUpCaptcha = (n: number) =>
  Buffer.from(
    JSON.stringify({ algorithm: 'SHA-256', challenge: `c${n}`, number: n, salt: 's?expires=9999999999', signature: `f${n}` }),
  ).toString('base64');

/** The rows a limit holds for one key, read the way the limiter stores them (the key hashed). */
async function rowsOf(rule: RateLimitRule, key: string): Promise<number> {
  const partition = `${rule.name}|${createHash('sha256').update(key.toLowerCase()).digest('base64url').slice(0, 22)}`;
  let count = 0;
  for await (const row of services.storage.tableOf('ratelimits').query()) if (row.partitionKey === partition) count++;
  return count;
}

const failedAttempts = async (username: string) =>
  (await services.storage.tableOf<{ failedAttempts: number }>('accounts').get(username, 'account'))!.failedAttempts;

beforeAll(async () => {
  services = await startTestServices();
  await seedDirectory(services, providers, [officer]);
});

describe('the bot check comes before anything is charged to an account', () => {
  it('25 sign-ins with a made-up captcha cost the account nothing: no limit row, no failure, and the real sign-in works', async () => {
    const { username } = await signedInDelegate(services, providers[0]!);
    for (let i = 0; i < 25; i++) {
      const junk = await call(sessionsCreate, {
        ip: `203.0.113.${i}`,
        body: { username, password: `adivina ${i}`, captcha: madeUpCaptcha(i) },
      });
      expect(junk.status).toBe(400);
      expect(junk.body.errors[0].field).toBe('captcha');
    }
    expect(await rowsOf(rateLimits.signInPerAccount, username)).toBe(0);
    expect(await failedAttempts(username)).toBe(0);
    const real = await call(sessionsCreate, { body: { username, password: TEST_PASSWORD, captcha: await solvedCaptcha() } });
    expect(real.status).toBe(200);
  });

  it('junk registrations and reset requests do not use up the identity or the account: the real ones still go through', async () => {
    const p = providers[3]!;
    const identity = { userType: 'delegate', entityType: 'PSS', nit: p.nit, idType: 'CC', idNumber: p.delegate.idNumber };
    for (let i = 0; i < 7; i++) {
      const junk = await call(registrationsCreate, {
        ip: `203.0.113.${100 + i}`,
        body: { ...identity, captcha: madeUpCaptcha(i), acceptsConfidentiality: true },
      });
      expect(junk.status).toBe(400);
    }
    const real = await call(registrationsCreate, { body: { ...identity, captcha: await solvedCaptcha(), acceptsConfidentiality: true } });
    expect(real.status).toBe(201);

    const username = real.body.username as string;
    for (let i = 0; i < 5; i++) {
      const junk = await call(passwordResetsCreate, { ip: `203.0.113.${120 + i}`, body: { username, captcha: madeUpCaptcha(i) } });
      expect(junk.status).toBe(400);
    }
    expect(await rowsOf(rateLimits.resetPerAccount, username)).toBe(0);
    expect((await call(passwordResetsCreate, { body: { username, captcha: await solvedCaptcha() } })).status).toBe(202);
  });

  it('the per-account sign-in limit counts real password failures only: more successful sign-ins than the limit are never refused', async () => {
    const { username } = await signedInDelegate(services, providers[1]!);
    for (let i = 0; i < rateLimits.signInPerAccount.limit + 2; i++) {
      const result = await call(sessionsCreate, { body: { username, password: TEST_PASSWORD, captcha: await solvedCaptcha() } });
      expect(result.status, `ingreso ${i + 1}`).toBe(200);
    }
    expect(await rowsOf(rateLimits.signInPerAccount, username)).toBe(0);
    expect((await call(sessionsCreate, { body: { username, password: 'equivocada 1', captcha: await solvedCaptcha() } })).status).toBe(401);
    expect(await rowsOf(rateLimits.signInPerAccount, username)).toBe(1);
    // Written another way, it is the same account and the same count.
    const respelled = ` ${username.toLowerCase()} `;
    expect(
      (await call(sessionsCreate, { body: { username: respelled, password: 'equivocada 2', captcha: await solvedCaptcha() } })).status,
    ).toBe(401);
    expect(await rowsOf(rateLimits.signInPerAccount, username)).toBe(2);
  });

  it('once the window holds the limit of real failures, the next attempt is refused (429) before the password is tried', async () => {
    const { username } = await signedInDelegate(services, providers[2]!);
    for (let i = 0; i < rateLimits.signInPerAccount.limit; i++) await services.rateLimiter.count(rateLimits.signInPerAccount, username);
    const refused = await call(sessionsCreate, { body: { username, password: TEST_PASSWORD, captcha: await solvedCaptcha() } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await failedAttempts(username)).toBe(0);
  });
});

describe('registration refusals (the guide’s prerequisites) stay, and each costs the caller', () => {
  // A fresh document number each time, so the per-identity limit never answers first.
  const refusals = () => [
    { userType: 'delegate', entityType: 'PSS', nit: '123456789', idType: 'CC', idNumber: uniqueIdNumber() },
    { userType: 'delegate', entityType: 'PSS', nit: providers[0]!.nit, idType: 'CC', idNumber: uniqueIdNumber() },
    { userType: 'officer', idType: 'CC', idNumber: uniqueIdNumber() },
  ];

  it('a refused registration uses up its bot-check solution: sent again, the same one is refused', async () => {
    for (const body of refusals()) {
      const captcha = await solvedCaptcha();
      const refused = await call(registrationsCreate, { ip: '192.0.2.50', body: { ...body, captcha, acceptsConfidentiality: true } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).not.toBe('captcha');
      const replay = await call(registrationsCreate, { ip: '192.0.2.50', body: { ...body, captcha, acceptsConfidentiality: true } });
      expect(replay.body.errors[0]).toMatchObject({ field: 'captcha', message: expect.stringContaining('ya se usó') });
    }
  });

  it('refusals count against the per-address limit: past it, the address gets 429 whatever it asks', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < rateLimits.registrationPerIp.limit; i++) {
      const body = refusals()[i % 3]!;
      const refused = await call(registrationsCreate, {
        ip,
        body: { ...body, captcha: await solvedCaptcha(), acceptsConfidentiality: true },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).not.toBe('captcha');
    }
    const p = providers[0]!;
    const next = await call(registrationsCreate, {
      ip,
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
    expect(next.status).toBe(429);
  });
});
