import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as mySecretGet } from '../../functions/my-credentials-secret-get';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { createStorage } from '../../src/platform/storage/storage';
import { signedInDelegate, signedInOfficer, steppedUp, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { faultyStorage } from '../support/faulty-storage';
import { getProviderFile, saveProviderKeys } from '../support/officer-calls';
import { call, testEnv, useTestServices } from '../support/test-app';
import { countSafety } from '../support/totals';

/**
 * The key file's transaction commits, then its answer is lost (what a dropped connection after the commit
 * looks like to the SDK). The generated secret may already be the provider's: it must not be withdrawn.
 */
let faults: ReturnType<typeof faultyStorage>;

const TENANT = '66666666-7777-4888-9999-aaaaaaaaaaaa';
let entra: EntraSimulator;
let services: Services;
let officerCookie: string;
const providers = [providerFixture('Ambigua'), providerFixture('Fallida'), providerFixture('Incierta')];
const delegateCookies: string[] = [];
const officer = officerFixture();

const generate = () => ({
  mode: 'entra',
  expiresOn: addDays(bogotaDay(new Date()), 300),
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});
const typed = {
  clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca401',
  clientSecret: 'ambigua~0123456789abcdef',
  expiresOn: addDays(bogotaDay(new Date()), 200),
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
};
const getFile = (p: ProviderFixture) => getProviderFile(officerCookie, p.nit);
const generateProduction = (p: ProviderFixture) => saveProviderKeys(officerCookie, p.nit, { preproduction: typed, production: generate() });
const passwordsOf = (p: ProviderFixture) =>
  entra.applications().find((app) => app.displayName === `IHCE-PRD-${p.nit}`)?.passwordCredentials ?? [];

beforeAll(async () => {
  entra = await startEntraSimulator();
  const config = loadConfig(testEnv({ GRAPH_BASE_URL: entra.url, PRODUCTION_GRAPH_MODE: 'simulated', PRODUCTION_TENANT_ID: TENANT }));
  faults = faultyStorage(createStorage(config), 'keyfiles');
  services = await buildServices(config, { log: () => {}, storage: faults.storage });
  useTestServices(services);
  await seedDirectory(services, providers, [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const provider of providers) {
    const session = await signedInDelegate(services, provider);
    // Past the second factor, so the production reveals below pass the step-up.
    delegateCookies.push((await steppedUp(services, session.cookie)).cookie);
    expect((await call(myRequestsCreate, { cookie: delegateCookies.at(-1)!, body: validRequest('first') })).status).toBe(201);
  }
}, 120_000);
afterAll(() => entra.close());

describe('an assignment whose save is ambiguous', () => {
  it('committed but the answer lost: the file is read again, the generated secret stays in Entra ID and the delegate can read it', async (context) => {
    const p = providers[0]!;
    const saved = await faults.during('after-commit', () => generateProduction(p));
    expect(saved.status).toBe(200);
    expect(passwordsOf(p)).toHaveLength(1);
    expect(entra.calls.filter((c) => c.path.endsWith('/removePassword'))).toEqual([]);
    const secret = await call(mySecretGet, {
      cookie: delegateCookies[0]!,
      path: 'my/credentials/production/secret',
      params: { environment: 'production' },
    });
    expect(secret.status).toBe(200);
    expect(secret.body.clientSecret).toMatch(/\S{20,}/);
    expect((await getFile(p)).body.status).toBe('assigned');
    countSafety(context, { faultsInjected: 1, invariantsHeld: 5 });
  });

  it('refused before the commit: the file does not carry it, so the generated password leaves Entra ID again', async (context) => {
    const p = providers[1]!;
    const before = await getFile(p);
    const refused = await faults.during('before-commit', () => generateProduction(p));
    expect(refused.status).toBe(503);
    expect(passwordsOf(p)).toEqual([]);
    expect((await getFile(p)).body.version).toBe(before.body.version);
    countSafety(context, { faultsInjected: 1, invariantsHeld: 3 });
  });

  it('committed and the file cannot be read back either: nothing is withdrawn, and the official is told to reload, not that nothing changed', async (context) => {
    const p = providers[2]!;
    const unsure = await faults.during('after-commit-and-reads', () => generateProduction(p));
    expect(unsure.status).toBe(503);
    expect(unsure.body.type).toBe('urn:ihce:problema:guardado-sin-confirmar');
    expect(unsure.body.detail).toMatch(/Recargue/);
    expect(unsure.body.detail).not.toMatch(/No se guardó nada|No se cambió nada/);
    expect(passwordsOf(p)).toHaveLength(1);
    const secret = await call(mySecretGet, {
      cookie: delegateCookies[2]!,
      path: 'my/credentials/production/secret',
      params: { environment: 'production' },
    });
    expect(secret.status).toBe(200);
    countSafety(context, { faultsInjected: 1, invariantsHeld: 5 });
  });
});
