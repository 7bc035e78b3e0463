import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { definition as captchaGet } from '../../functions/captcha-get';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { rateLimits } from '../../src/accounts/account-rate-limits';
import type { Services } from '../../src/composition-root';
import { UNKNOWN_CLIENT_WARNING } from '../../src/http/http-pipeline';
import { FRONT_DOOR_ID, frontDoorHeaders, OTHER_FRONT_DOOR_ID, recorded } from '../support/front-door-requests';
import { call, solvedCaptcha, startTestServices, uniqueIdNumber } from '../support/test-app';

// Each test starts on a fresh 10-minute window (the captcha limit's), so buckets and warnings begin empty.
const WINDOW_MS = rateLimits.captchaPerIp.windowSeconds * 1000;
let now = Math.ceil(Date.now() / WINDOW_MS) * WINDOW_MS;
let services: Services;
beforeAll(async () => {
  services = await startTestServices({ env: { FRONT_DOOR_ID }, overrides: { clock: { now: () => new Date(now) } } });
});
beforeEach(() => {
  now += 24 * 3600 * 1000 + 1000;
});

const limit = rateLimits.captchaPerIp.limit;
const expectLimited = (result: { status: number; body: any }) => {
  expect(result.status).toBe(429);
  expect(result.body.detail).toMatch(/desde su red/);
};
const warnings = (results: { logs: string[] }[]) => results.flatMap((r) => r.logs).filter((line) => line.includes(UNKNOWN_CLIENT_WARNING));

describe('client address behind Azure Front Door (FRONT_DOOR_ID set)', () => {
  it("per-address limits count Front Door's socket address: a client rotating its own X-Forwarded-For / X-Azure-ClientIP does not escape", async () => {
    const forged = (i: number) =>
      frontDoorHeaders({ socketIp: '203.0.113.20', clientIp: `198.51.100.${i % 250}`, clientForwardedFor: `198.51.100.${i % 250}` });
    const results = await Promise.all(Array.from({ length: limit }, (_, i) => call(captchaGet, { headers: forged(i) })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expectLimited(await call(captchaGet, { headers: forged(limit) }));
    expectLimited(await call(captchaGet, { headers: frontDoorHeaders({ socketIp: '203.0.113.20:61000' }) }));
    // Another address behind the same Front Door is not affected, and nothing here lacked an address.
    const other = await call(captchaGet, { headers: recorded.ipv6 });
    expect(other.status).toBe(200);
    expect(warnings([...results, other])).toEqual([]);
  });

  it('calls without a trusted address (forged headers, no FDID, another profile) share one limited bucket, and the first one warns', async () => {
    const untrusted = (i: number) =>
      i % 3 === 0
        ? {
            'x-azure-clientip': `198.51.100.${i % 250}`,
            'x-azure-socketip': `198.51.100.${i % 250}`,
            'x-forwarded-for': `198.51.100.${i % 250}`,
          }
        : i % 3 === 1
          ? frontDoorHeaders({ socketIp: `192.0.2.${i % 250}`, fdid: OTHER_FRONT_DOOR_ID })
          : { 'x-forwarded-for': `192.0.2.${i % 250}` };
    const results = await Promise.all(Array.from({ length: limit }, (_, i) => call(captchaGet, { headers: untrusted(i) })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const next = await call(captchaGet, { headers: recorded.forgedWithoutFdid });
    expectLimited(next);
    expectLimited(await call(captchaGet, { headers: recorded.otherProfile }));
    // One warning for the window, whatever the burst; a real Front Door address keeps its own allowance.
    const logged = warnings([...results, next]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^warning: IHCE-SIN-DIRECCION: solicitud sin dirección de cliente confiable \((fdid-ausente|fdid-distinto)\)/,
    );
    expect((await call(captchaGet, { headers: recorded.ipv4 })).status).toBe(200);
    // The next window warns again.
    now += WINDOW_MS;
    expect(warnings([await call(captchaGet, { headers: recorded.forgedWithoutFdid })])).toHaveLength(1);
  });

  it('the audit records the Front Door address, and no address for a call without a trusted one', async () => {
    const signIn = async (headers: Record<string, string>) => {
      const username = `CC${uniqueIdNumber()}-800000001`;
      const captcha = await solvedCaptcha();
      const result = await call(sessionsCreate, { headers, body: { username, password: 'no es la contraseña', captcha } });
      expect(result.status).toBe(401);
      return (await services.audit.list(`user:${username}`))[0];
    };
    expect(await signIn(recorded.claimsAnotherAddress)).toMatchObject({ action: 'ingreso.fallido', ip: '203.0.113.7' });
    const forged = await signIn(recorded.forgedWithoutFdid);
    expect(forged).toMatchObject({ action: 'ingreso.fallido' });
    expect(forged!.ip).toBeUndefined();
  });
});
