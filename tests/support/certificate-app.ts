import { definition as credentialsRemind } from '../../functions/credentials-remind';
import { definition as myCertificatesPut } from '../../functions/my-certificates-put';
import { definition as providerCertificateRegistrationsCreate } from '../../functions/provider-certificate-registrations-create';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { buildServices, type Overrides, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { signedInDelegate, signedInOfficer } from './accounts';
import { makeCertificate } from './certificates';
import { seedDirectory, type OfficerFixture, type ProviderFixture } from './directory-fixtures';
import { bound, call, testEnv, useTestServices } from './test-app';

/** The pre-production tenant of the certificate tests (Graph simulated there). */
export const PRE_TENANT_ID = '11111111-2222-4333-8444-555555555555';

export type CertificateApp = {
  entra: EntraSimulator;
  env: Record<string, string>;
  services: Services;
  /** The first official's session cookie, past the second factor ('' when there is none). */
  officerCookie: string;
  /** Each provider's delegate session cookie, by NIT (empty with `signIn: false`). */
  cookies: Map<string, string>;
};

/**
 * The set-up of a certificate test file: the Entra ID simulator, settings with pre-production's Graph simulated
 * (`env` adds or replaces), the services (the current test services unless `use: false`), the directory seeded,
 * the first official and every delegate signed in (unless `signIn: false`). The file closes `entra` in afterAll.
 */
export async function startCertificateApp(
  options: {
    env?: Record<string, string>;
    overrides?: Overrides;
    providers?: ProviderFixture[];
    officers?: OfficerFixture[];
    signIn?: boolean;
    use?: boolean;
  } = {},
): Promise<CertificateApp> {
  const { providers = [], officers = [], signIn = true, use = true } = options;
  const entra = await startEntraSimulator();
  const env = testEnv({
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    PREPRODUCTION_TENANT_ID: PRE_TENANT_ID,
    ...options.env,
  });
  const services = await buildServices(loadConfig(env), { log: () => {}, ...options.overrides });
  if (use) useTestServices(services);
  await seedDirectory(services, providers, officers);
  const cookies = new Map<string, string>();
  let officerCookie = '';
  if (signIn) {
    if (officers[0]) officerCookie = (await signedInOfficer(services, officers[0])).cookie;
    for (const provider of providers) cookies.set(provider.nit, (await signedInDelegate(services, provider)).cookie);
  }
  return { entra, env, services, officerCookie, cookies };
}

/** Paso 2's upload: PUT /api/my/certificates/{environment} with the delegate's cookie. */
export const uploadCertificate = (cookie: string, environment: string, certificate: unknown) =>
  call(myCertificatesPut, {
    method: 'PUT',
    cookie,
    path: `my/certificates/${environment}`,
    params: { environment },
    body: { certificate },
  });

/** «Marcar como registrado»: the official records that a production certificate was registered by hand in Entra ID. */
export const registerByHand = (officerCookie: string, nit: string) =>
  call(providerCertificateRegistrationsCreate, {
    method: 'POST',
    cookie: officerCookie,
    path: `providers/${nit}/certificates/production/registration`,
    params: { nit, environment: 'production' },
  });

/** A certificate ending at noon in Bogotá (17:00 UTC), `days` calendar days after `now`'s day in Bogotá. */
export const certificateEndingAfter = (now: Date, days: number) =>
  makeCertificate({ now, notAfter: new Date(`${addDays(bogotaDay(now), days)}T17:00:00Z`) });

/** The daily reminders job (credentials-remind), run once as the timer would. */
export const runReminders = () =>
  bound(credentialsRemind).handler(
    { isPastDue: false, scheduleStatus: { last: '', next: '', lastUpdated: '' } } as never,
    new InvocationContext({ functionName: credentialsRemind.name, logHandler: () => {} }),
  );
