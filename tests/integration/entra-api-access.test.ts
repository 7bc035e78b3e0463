import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { grantApiAccess, type GrantOptions } from '../../scripts/entra/grant-api-access';
import { createApiAccessAdmin } from '../../src/adapters/entra/api-access-admin';
import {
  SIMULATOR_ADMIN_TOKEN,
  SIMULATOR_RUNTIME_APP_ID,
  SIMULATOR_TOKEN,
  simulatedAdminCredential,
} from '../../src/adapters/entra/simulated-credential';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import type { Services } from '../../src/composition-root';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { drainNotifications } from '../support/queue';
import { getProviderFile, putProviderKeys, saveProviderKeys } from '../support/officer-calls';
import { call, startTestServices } from '../support/test-app';

const API_APP_ID = randomUUID();
const API_ROLE_ID = randomUUID();
const PRE_TENANT = '11111111-2222-4333-8444-555555555555';

let entra: EntraSimulator;
let services: Services;
let officerCookie: string;
const delegateCookies = new Map<string, string>();
const providers = [providerFixture('Permiso API Uno'), providerFixture('Permiso API Dos')];
const officer = officerFixture();

const future = (days: number) => addDays(bogotaDay(new Date()), days);
const generate = () => ({
  mode: 'entra',
  expiresOn: future(200),
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});
const getFile = (p: ProviderFixture) => getProviderFile(officerCookie, p.nit);
const myKeys = async (p: ProviderFixture) => (await call(myCredentialsGet, { cookie: delegateCookies.get(p.nit)! })).body;
async function generateBoth(p: ProviderFixture) {
  const saved = await saveProviderKeys(officerCookie, p.nit, {
    preproduction: generate(),
    production: generate(),
    // Issue 16: an update no request asked for says why (harmless on a first assignment).
    updateReason: 'Corrección de datos inconsistentes del prestador.',
  });
  expect(saved.status).toBe(200);
  return saved.body.file;
}
const appOf = (p: ProviderFixture, tag: 'PRE' | 'PRD') => entra.applications().find((app) => app.displayName === `IHCE-${tag}-${p.nit}`)!;
const principalOf = (appId: string) => entra.servicePrincipals().find((sp) => sp.appId === appId)!;
const apiPrincipal = () => entra.servicePrincipals().find((sp) => sp.appId === API_APP_ID)!;
const rolePosts = () => entra.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/appRoleAssignments'));

function admin() {
  return createApiAccessAdmin({
    baseUrl: entra.url,
    tenantId: PRE_TENANT,
    credential: simulatedAdminCredential,
    apiAppId: API_APP_ID,
    apiAppRoleId: API_ROLE_ID,
    // Two per page: every listing takes several pages, so a client that stops after the first is caught.
    pageSize: 2,
  });
}
async function runGrant(options: Partial<GrantOptions> = {}, answer = false) {
  const lines: string[] = [];
  const code = await grantApiAccess(
    {
      admin: admin(),
      records: services.apiAccess,
      ownerId: entra.runtimePrincipalId,
      confirm: async () => answer,
      print: (line) => lines.push(line),
    },
    { environment: 'preproduction', apply: false, yes: false, actor: 'Administradora de Entra ID (prueba)', ...options },
  );
  return { code, text: lines.join('\n') };
}

beforeAll(async () => {
  entra = await startEntraSimulator();
  entra.addResourceApplication(API_APP_ID, 'IHCE API Preproducción');
  services = await startTestServices({
    env: {
      GRAPH_BASE_URL: entra.url,
      PREPRODUCTION_GRAPH_MODE: 'simulated',
      // Issue 17: this suite is about the official's «Generar»; the automatic issuance has its own (preproduction-auto-issue).
      PREPRODUCTION_AUTO_ISSUE: 'off',
      PREPRODUCTION_TENANT_ID: PRE_TENANT,
      PREPRODUCTION_API_APP_ID: API_APP_ID,
      PREPRODUCTION_API_APP_ROLE_ID: API_ROLE_ID,
      PRODUCTION_GRAPH_MODE: 'simulated',
      PRODUCTION_TENANT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
    },
  });
  await seedDirectory(services, providers, [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const provider of providers) {
    const session = await signedInDelegate(services, provider);
    delegateCookies.set(provider.nit, session.cookie);
    expect((await call(myRequestsCreate, { cookie: session.cookie, body: validRequest('first') })).status).toBe(201);
  }
  await drainNotifications(services);
});
afterAll(() => entra.close());

describe('the IHCE API permission of generated applications (issue 15: no AppRoleAssignment.ReadWrite.All at run time)', () => {
  it('generation leaves the permission pending, makes no role assignment, and officials and the delegate see it pending', async () => {
    for (const provider of providers) await generateBoth(provider);
    expect(entra.appRoleAssignments()).toEqual([]);
    expect(rolePosts()).toEqual([]);

    const [first] = providers;
    const file = (await getFile(first!)).body;
    expect(file.environments.preproduction.apiAccess).toBe('pending');
    // Production has no API role configured: nothing to wait for, nothing shown.
    expect(file.environments.production.apiAccess).toBeUndefined();
    const keys = await myKeys(first!);
    expect(keys.environments.preproduction.apiAccess).toBe('pending');
    expect(keys.environments.production.apiAccess).toBeUndefined();
  });

  it("the simulator refuses an app-role grant made with the app's token and accepts the administrator's", async () => {
    const principal = principalOf(appOf(providers[0]!, 'PRE').appId);
    const body = JSON.stringify({ principalId: principal.id, resourceId: apiPrincipal().id, appRoleId: randomUUID() });
    const post = (token: string) =>
      fetch(`${entra.url}/v1.0/servicePrincipals/${principal.id}/appRoleAssignments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const refused = await post(SIMULATOR_TOKEN);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('Authorization_RequestDenied');
    expect(entra.appRoleAssignments()).toEqual([]);
    // Another role (not the API's): accepted for the administrator, and it does not count as the IHCE API's.
    expect((await post(SIMULATOR_ADMIN_TOKEN)).status).toBe(201);
  });

  it('the grant step in dry run lists the generated applications of that environment and changes nothing', async () => {
    // An application the system does not own, even tagged and named like one: never listed, never granted.
    await fetch(`${entra.url}/v1.0/applications(uniqueName='ihce-pre-800000001')`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${SIMULATOR_ADMIN_TOKEN}`, 'content-type': 'application/json', prefer: 'create-if-missing' },
      body: JSON.stringify({ displayName: 'IHCE-PRE-800000001', tags: ['ihce-llaves', 'nit-800000001'] }),
    });
    // One the system's identity owns but no key file waits for (a save that failed, or a rogue creation): shown, never granted.
    const rogue = await fetch(`${entra.url}/v1.0/applications(uniqueName='ihce-pre-800000002')`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${SIMULATOR_TOKEN}`, 'content-type': 'application/json', prefer: 'create-if-missing' },
      body: JSON.stringify({ displayName: 'IHCE-PRE-800000002', tags: ['ihce-llaves', 'nit-800000002'] }),
    });
    const rogueAppId = ((await rogue.json()) as { appId: string }).appId;
    await fetch(`${entra.url}/v1.0/servicePrincipals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SIMULATOR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ appId: rogueAppId }),
    });
    expect(await admin().principalByAppId(SIMULATOR_RUNTIME_APP_ID)).toBe(entra.runtimePrincipalId);
    const assignmentsBefore = entra.appRoleAssignments().length;
    const posts = rolePosts().length;

    const { code, text } = await runGrant();
    expect(code).toBe(0);
    expect(text).toContain('Preproducción: 3 aplicación(es) generadas por el sistema');
    expect(text).toContain(
      `Sin expediente que las espere (NO se les concede; revíselas en el portal): 1.\n  IHCE-PRE-800000002  appId ${rogueAppId}`,
    );
    expect(text).toContain('Sin el permiso de la API de IHCE: 2.');
    for (const provider of providers) {
      const app = appOf(provider, 'PRE');
      expect(text).toContain(
        `IHCE-PRE-${provider.nit}  appId ${app.appId}  NIT ${provider.nit}  creada ${app.createdDateTime.slice(0, 10)}`,
      );
      expect(text).not.toContain(`IHCE-PRD-${provider.nit}`);
    }
    expect(text).not.toContain('800000001');
    expect(text).toContain('Simulación: no se cambió nada.');
    expect(entra.appRoleAssignments()).toHaveLength(assignmentsBefore);
    expect(rolePosts()).toHaveLength(posts);
    expect((await getFile(providers[0]!)).body.environments.preproduction.apiAccess).toBe('pending');
  });

  it('with --apply, a "no" at the confirmation changes nothing', async () => {
    const posts = rolePosts().length;
    const { code, text } = await runGrant({ apply: true }, false);
    expect(code).toBe(1);
    expect(text).toContain('Cancelado: no se cambió nada.');
    expect(rolePosts()).toHaveLength(posts);
  });

  it('with --apply --yes it grants exactly the API role to each application, and the key files, officials and the delegate show it granted', async () => {
    const { code, text } = await runGrant({ apply: true, yes: true });
    expect(code).toBe(0);
    const granted = entra.appRoleAssignments().filter((a) => a.resourceId === apiPrincipal().id && a.appRoleId === API_ROLE_ID);
    expect(granted.map((a) => a.principalId).sort()).toEqual(
      providers.map((provider) => principalOf(appOf(provider, 'PRE').appId).id).sort(),
    );
    // Nothing for production's applications, the application the system does not own, or the one no key file waits for.
    expect(
      entra.appRoleAssignments().some((a) => a.principalId === principalOf(appOf({ nit: '800000002' } as ProviderFixture, 'PRE').appId).id),
    ).toBe(false);
    for (const provider of providers)
      expect(entra.appRoleAssignments().some((a) => a.principalId === principalOf(appOf(provider, 'PRD').appId).id)).toBe(false);
    // Every grant was made with the administrator's token; the app's never granted anything.
    expect(rolePosts().filter((c) => c.status === 201 && c.caller === 'runtime')).toEqual([]);
    expect(text).toContain(`IHCE-PRE-${providers[0]!.nit}: permiso concedido.`);

    for (const provider of providers) {
      expect((await getFile(provider)).body.environments.preproduction.apiAccess).toBe('granted');
      expect((await myKeys(provider)).environments.preproduction.apiAccess).toBe('granted');
      const trail = await services.audit.list(`provider:${provider.nit}`, 20);
      expect(trail.find((record) => record.action === 'permiso-api.concedido')).toMatchObject({
        actor: 'Administradora de Entra ID (prueba)',
        detail: { ambiente: 'Preproducción', clientId: appOf(provider, 'PRE').appId },
      });
    }
  });

  it('running it again grants nothing twice, and a new secret on a granted application stays granted', async () => {
    const assignments = entra.appRoleAssignments().length;
    const posts = rolePosts().length;
    const { code, text } = await runGrant({ apply: true, yes: true });
    expect(code).toBe(0);
    expect(text).toContain('Sin el permiso de la API de IHCE: 0.');
    expect(text).toContain('Nada que conceder.');
    expect(entra.appRoleAssignments()).toHaveLength(assignments);
    expect(rolePosts()).toHaveLength(posts);

    // «Actualizar» keeping the secret (another endpoint): the permission's state stays with the keys.
    const current = (await getFile(providers[1]!)).body;
    const pre = current.environments.preproduction;
    const kept = await putProviderKeys(
      officerCookie,
      providers[1]!.nit,
      {
        updateReason: 'Corrección de datos inconsistentes del prestador.',
        preproduction: {
          clientId: pre.clientId,
          tenantId: pre.tenantId,
          expiresOn: pre.expiresOn,
          scope: pre.scope,
          endpoint: 'https://apim-ihce.example/fhir/r4',
        },
        production: generate(),
      },
      current.version,
    );
    expect(kept.status).toBe(200);
    expect(kept.body.file.environments.preproduction).toMatchObject({
      endpoint: 'https://apim-ihce.example/fhir/r4',
      apiAccess: 'granted',
    });

    // «Actualizar» with Generar: the same application, read (not granted) as already holding the role.
    const file = await generateBoth(providers[0]!);
    expect(file.environments.preproduction.apiAccess).toBe('granted');
    expect(rolePosts()).toHaveLength(posts);
  });

  it('an application granted outside the script (portal) while its key file says pending is marked by the next run', async () => {
    const late = providerFixture('Permiso API Portal');
    await seedDirectory(services, [late], []);
    delegateCookies.set(late.nit, (await signedInDelegate(services, late)).cookie);
    await generateBoth(late);
    const principal = principalOf(appOf(late, 'PRE').appId);
    const response = await fetch(`${entra.url}/v1.0/servicePrincipals/${principal.id}/appRoleAssignments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SIMULATOR_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ principalId: principal.id, resourceId: apiPrincipal().id, appRoleId: API_ROLE_ID }),
    });
    expect(response.status).toBe(201);
    expect((await getFile(late)).body.environments.preproduction.apiAccess).toBe('pending');

    const dry = await runGrant();
    expect(dry.text).toContain('Con el permiso pero con el expediente aún «pendiente»: 1');
    expect((await getFile(late)).body.environments.preproduction.apiAccess).toBe('pending');
    const applied = await runGrant({ apply: true, yes: true });
    expect(applied.code).toBe(0);
    expect((await getFile(late)).body.environments.preproduction.apiAccess).toBe('granted');
    expect(entra.appRoleAssignments().filter((a) => a.principalId === principal.id)).toHaveLength(1);
  });
});
