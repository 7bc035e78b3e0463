import { expect } from 'vitest';
import { definition as activationsCreate } from '../../functions/activations-create';
import { definition as registrationsCreate } from '../../functions/registrations-create';
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

export async function signedInOfficer(services: Services, officer: OfficerFixture): Promise<{ username: string; cookie: string }> {
  return activateAndSignIn(services, { userType: 'officer', idType: 'CC', idNumber: officer.idNumber }, officer.email);
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
