import { beforeAll, describe, expect, it } from 'vitest';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { signedInOfficer } from '../support/accounts';
import { officerFixture, seedDirectory } from '../support/directory-fixtures';
import { call, solvedCaptcha, startTestServices, testEnv } from '../support/test-app';

const env = testEnv();
let services: Services;

beforeAll(async () => {
  services = await startTestServices({ env });
});

const count = async (table: 'captchas' | 'sessions' | 'ratelimits') => {
  let rows = 0;
  for await (const _ of services.storage.tableOf(table).query()) rows++;
  return rows;
};

describe('nightly purge', () => {
  it('keeps what can still matter and deletes used captchas, sessions and rate-limit windows once they can no longer be valid', async () => {
    const officer = officerFixture();
    await seedDirectory(services, [], [officer]);
    await signedInOfficer(services, officer);
    await call(sessionsCreate, { body: { username: 'CC1', password: 'x', captcha: await solvedCaptcha() } });
    const before = { captchas: await count('captchas'), sessions: await count('sessions'), rateLimits: await count('ratelimits') };
    expect(before.captchas).toBeGreaterThanOrEqual(3);
    expect(before.sessions).toBe(1);
    expect(before.rateLimits).toBeGreaterThanOrEqual(5);

    expect(await services.expiredRecords.run()).toEqual({ captchas: 0, sessions: 0, rateLimits: 0 });

    const later = await buildServices(loadConfig(env), { log: () => {}, clock: { now: () => new Date(Date.now() + 2 * 86_400_000) } });
    expect(await later.expiredRecords.run()).toEqual(before);
    expect(await count('captchas')).toBe(0);
    expect(await count('sessions')).toBe(0);
    expect(await count('ratelimits')).toBe(0);
  });
});
