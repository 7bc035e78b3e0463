import { expect } from 'vitest';
import { definition as activationsCreate } from '../../functions/activations-create';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import { Secret, TOTP } from 'otpauth';
import { definition as secondFactorTotpCreate } from '../../functions/second-factor-totp-create';
import { definition as secondFactorTotpVerify } from '../../functions/second-factor-totp-verify';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import type { Services } from '../../src/composition-root';
import type { OfficerFixture, ProviderFixture } from './directory-fixtures';
import { linkIn, tokenFrom, waitForEmails } from './maildev';
import { drainNotifications } from './queue';
import { call, sessionCookieHeader, solvedCaptcha } from './test-app';

export const TEST_PASSWORD = 'Cafetal de la montaña 2026';

/** Registers through the API, activates with the link from MailDev, signs in; answers the session cookie. */
export async function signedInDelegate(services: Services, provider: ProviderFixture): Promise<{ username: string; cookie: string }> {
  return activateAndSignIn(
    services,
    { userType: 'delegate', entityType: 'PSS', nit: provider.nit, idType: 'CC', idNumber: provider.delegate.idNumber },
    provider.delegate.email,
  );
}

/** An official: registered, activated, signed in, and past the second factor (an authenticator app enrolled on the way). */
export async function signedInOfficer(
  services: Services,
  officer: OfficerFixture,
): Promise<{ username: string; cookie: string; totpKey: string }> {
  const pending = await passwordSignedInOfficer(services, officer);
  const { cookie, totpKey } = await enrolTotp(services, pending.cookie);
  return { username: pending.username, cookie, totpKey };
}

/** An official registered the guide's way («Otro Usuario»), activated, past the password only: the cookie of the second-factor stage. */
export async function passwordSignedInOfficer(services: Services, officer: OfficerFixture): Promise<{ username: string; cookie: string }> {
  return activateAndSignIn(services, { userType: 'officer', idType: 'CC', idNumber: officer.idNumber }, officer.email);
}

/** The code an authenticator app shows for this key (the text form, groups of 4) at `at` (ms; the services' clock). */
export const totpCode = (key: string, at: number) =>
  new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, '')), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

const STEP_MS = 30_000;
const lastStepUsed = new Map<string, number>();

/**
 * A code the server will take for this key: the current step's, or the next one's when the current code was
 * already used (the server refuses a replay and accepts one step of drift). Waits for the clock when even the
 * next step is used up.
 */
export async function freshTotpCode(key: string, clockNow: () => number): Promise<string> {
  for (let waited = 0; ; waited += 1_000) {
    const step = Math.floor(clockNow() / STEP_MS);
    const use = Math.max(step, (lastStepUsed.get(key) ?? -Infinity) + 1);
    if (use <= step + 1) {
      lastStepUsed.set(key, use);
      return totpCode(key, use * STEP_MS);
    }
    if (waited > 35_000) throw new Error('El reloj de la prueba no avanza: no hay un código nuevo para esta clave.');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** First sign-in of an official: a new authenticator key, its first code; answers the completed session's cookie. */
export async function enrolTotp(services: Services, pendingCookie: string): Promise<{ cookie: string; totpKey: string }> {
  const setup = await call(secondFactorTotpCreate, { cookie: pendingCookie });
  expect(setup.status).toBe(201);
  const verified = await call(secondFactorTotpVerify, {
    cookie: pendingCookie,
    body: { code: await freshTotpCode(setup.body.key, () => services.clock.now().getTime()) },
  });
  expect(verified.status).toBe(200);
  return { cookie: sessionCookieHeader(verified), totpKey: setup.body.key as string };
}

/** A later sign-in of an official, after the password: a code not used yet (see `freshTotpCode`). */
export async function passTotp(services: Services, pendingCookie: string, totpKey: string): Promise<string> {
  const code = await freshTotpCode(totpKey, () => services.clock.now().getTime());
  const verified = await call(secondFactorTotpVerify, { cookie: pendingCookie, body: { code } });
  expect(verified.status).toBe(200);
  return sessionCookieHeader(verified);
}

async function activateAndSignIn(services: Services, body: Record<string, string>, email: string) {
  const registered = await call(registrationsCreate, { body: { ...body, captcha: await solvedCaptcha(), acceptsConfidentiality: true } });
  expect(registered.status).toBe(201);
  const before = await waitForEmails(email, 0);
  await drainNotifications(services);
  const mails = await waitForEmails(email, before.length + 1);
  const activation = mails.filter((mail) => mail.subject.startsWith('Active')).at(-1)!;
  expect(
    (await call(activationsCreate, { body: { token: tokenFrom(linkIn(activation, 'activar')), password: TEST_PASSWORD } })).status,
  ).toBe(200);
  const signedIn = await call(sessionsCreate, {
    body: { username: registered.body.username, password: TEST_PASSWORD, captcha: await solvedCaptcha() },
  });
  expect(signedIn.status).toBe(200);
  return { username: registered.body.username as string, cookie: sessionCookieHeader(signedIn) };
}

export const validRequest = (kind: 'first' | 'renewal', extra: Record<string, unknown> = {}) => ({
  kind,
  techVendorName: 'Soluciones Clínicas Andinas S.A.S.',
  softwareName: 'HistoriaAndina HIS 5',
  techLead: { name: 'Camilo Ríos Pardo', email: 'camilo.rios@ips-ejemplo.example', phone: '+57 310 555 1234' },
  dataProtectionOfficer: { name: 'Diana Lucía Mora', phone: '6015551234' },
  ...(kind === 'renewal' && { reason: 'El ClientSecret se expuso en un correo y debe rotarse.' }),
  acceptsTerms: true,
  authorizesPersonalData: true,
  ...extra,
});

/**
 * Step-up of a signed-in delegate before a production secret: enrols an authenticator app the first time
 * (no `totpKey`), passes a fresh code otherwise. Answers the session's new cookie (the id rotates) and the key.
 */
export async function steppedUp(services: Services, cookie: string, totpKey?: string): Promise<{ cookie: string; totpKey: string }> {
  if (!totpKey) return enrolTotp(services, cookie);
  return { cookie: await passTotp(services, cookie, totpKey), totpKey };
}
