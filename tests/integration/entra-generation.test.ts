import { randomUUID } from 'node:crypto';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSafety } from '../support/totals';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as mySecretGet } from '../../functions/my-credentials-secret-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createKeyVaultSecretStore } from '../../src/adapters/secrets/key-vault-secret-store';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { signedInDelegate, signedInOfficer, steppedUp, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { createKeyVaultContract, VAULT_URL } from '../support/key-vault-contract';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { scanStorageFor } from '../support/secret-scan';
import { getProviderFile, putProviderKeys } from '../support/officer-calls';
import { call, testEnv, useTestServices } from '../support/test-app';

const API_APP_ID = randomUUID();
const API_ROLE_ID = randomUUID();
const PRE_TENANT = '11111111-2222-4333-8444-555555555555';
const PRD_TENANT = '66666666-7777-4888-9999-aaaaaaaaaaaa';

let entra: EntraSimulator;
let env: Record<string, string>;
let vaultDown = false;
const vault = createKeyVaultContract({ failWrites: () => vaultDown });
const providers = [providerFixture('Generada Ñ'), providerFixture('Sin Permiso'), providerFixture('Limitada')];
const officer = officerFixture();
let services: Services;
let officerCookie: string;
const delegateCookies: string[] = [];
const logLines: string[] = [];

const future = (days: number) => addDays(bogotaDay(new Date()), days);
const generate = (days = 365) => ({
  mode: 'entra',
  expiresOn: future(days),
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});
const getFile = (p: ProviderFixture) => getProviderFile(officerCookie, p.nit);
/** Issue 16: an update no request asked for says why; the motive is harmless on a first assignment. */
const put = (p: ProviderFixture, body: object, ifMatch: string) =>
  putProviderKeys(officerCookie, p.nit, { updateReason: 'Corrección de datos inconsistentes del prestador.', ...body }, ifMatch);
const appOf = (p: ProviderFixture, tag: 'PRE' | 'PRD') => entra.applications().find((app) => app.displayName === `IHCE-${tag}-${p.nit}`);
const vaultValues = () => [...vault.stored.values()].flatMap((versions) => [...versions.values()].map((v) => v.value));

beforeAll(async () => {
  entra = await startEntraSimulator();
  entra.addResourceApplication(API_APP_ID, 'IHCE API Preproducción');
  env = testEnv({
    SECRET_STORE: 'keyvault',
    KEY_VAULT_URL: VAULT_URL,
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    // Issue 17: this suite is about the official's «Generar»; the automatic issuance has its own (preproduction-auto-issue).
    PREPRODUCTION_AUTO_ISSUE: 'off',
    PREPRODUCTION_TENANT_ID: PRE_TENANT,
    PREPRODUCTION_API_APP_ID: API_APP_ID,
    PREPRODUCTION_API_APP_ROLE_ID: API_ROLE_ID,
    PRODUCTION_GRAPH_MODE: 'simulated',
    PRODUCTION_TENANT_ID: PRD_TENANT,
  });
  services = await buildServices(loadConfig(env), {
    log: (message, error) =>
      logLines.push(`${message} ${error instanceof Error ? `${error.message} ${error.stack ?? ''} ${String(error.cause ?? '')}` : ''}`),
    secrets: createKeyVaultSecretStore({
      vaultUrl: VAULT_URL,
      credential: vault.credential,
      clientOptions: { httpClient: vault.httpClient, retryOptions: { maxRetries: 0 } },
    }),
  });
  useTestServices(services);
  await seedDirectory(services, providers, [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const provider of providers) {
    const session = await signedInDelegate(services, provider);
    delegateCookies.push(session.cookie);
    expect((await call(myRequestsCreate, { cookie: session.cookie, body: validRequest('first') })).status).toBe(201);
  }
  await drainNotifications(services);
});
afterAll(() => entra.close());

describe('Generar en Entra ID', () => {
  it('creates the app IHCE-PRE-<NIT> with its service principal (the API role left to an administrator), and the secret goes from Graph to Key Vault and nowhere else', async () => {
    const p = providers[0]!;
    const before = await getFile(p);
    expect(before.body.generation).toEqual({ preproduction: true, production: true });
    const saved = await put(p, { preproduction: generate(), production: generate(200) }, before.body.version);
    expect(saved.status).toBe(200);
    expect(saved.body.message).toBe('El registro se realizó de manera correcta.');

    const pre = appOf(p, 'PRE')!;
    const prd = appOf(p, 'PRD')!;
    expect(pre).toMatchObject({ uniqueName: `ihce-pre-${p.nit}`, signInAudience: 'AzureADMyOrg' });
    expect(pre.passwordCredentials).toHaveLength(1);
    expect(prd.passwordCredentials).toHaveLength(1);
    // Valid through the chosen day in Bogotá.
    expect(prd.passwordCredentials[0]!.endDateTime).toBe(new Date(`${future(200)}T23:59:59-05:00`).toISOString());
    const principal = entra.servicePrincipals().find((sp) => sp.appId === pre.appId)!;
    const api = entra.servicePrincipals().find((sp) => sp.appId === API_APP_ID)!;
    // Issue 15: the app's identity never grants the IHCE API's role (AppRoleAssignment.ReadWrite.All left it);
    // it only reads whether the role is there, and the key file records it pending for a tenant administrator.
    expect(principal.id).toBeDefined();
    expect(api.id).toBeDefined();
    expect(entra.appRoleAssignments()).toEqual([]);
    expect(entra.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/appRoleAssignments'))).toEqual([]);
    expect(entra.calls.some((c) => c.method === 'GET' && c.path === `/v1.0/servicePrincipals/${principal.id}/appRoleAssignments`)).toBe(
      true,
    );
    // Production has no API role configured: nothing to wait for.
    expect(entra.servicePrincipals().some((sp) => sp.appId === prd.appId)).toBe(true);

    const file = saved.body.file;
    expect(file.environments.preproduction).toMatchObject({
      clientId: pre.appId,
      tenantId: PRE_TENANT,
      source: 'entra',
      application: `IHCE-PRE-${p.nit}`,
      apiAccess: 'pending',
    });
    expect(file.environments.production).toMatchObject({ clientId: prd.appId, tenantId: PRD_TENANT, source: 'entra' });
    expect(file.environments.production.apiAccess).toBeUndefined();

    // The documented calls, in order, through the real Graph client (lookup, create, service principal, password).
    const prePaths = entra.calls.filter(
      (c) => c.path.includes(`ihce-pre-${p.nit}`) || c.path.includes(pre.id) || c.path.includes(pre.appId),
    );
    expect(prePaths.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 404', 'PATCH 201', 'GET 404', 'POST 200']);
    expect(
      entra.calls.filter((c) => c.method === 'PATCH' && c.path.startsWith('/v1.0/applications(uniqueName=')).map((c) => c.status),
    ).toEqual([201, 201]);
    expect(entra.calls.filter((c) => c.method === 'POST' && c.path === '/v1.0/servicePrincipals').map((c) => c.status)).toEqual([201, 201]);

    // The secret Graph issued is what Key Vault holds and what the delegate reveals…
    const issued = entra.issuedSecrets();
    expect(issued).toHaveLength(2);
    expect(vaultValues()).toEqual(expect.arrayContaining(issued));
    const revealed = await call(mySecretGet, {
      cookie: delegateCookies[0]!,
      path: 'my/credentials/preproduction/secret',
      params: { environment: 'preproduction' },
    });
    expect(revealed.status).toBe(200);
    expect(issued).toContain(revealed.body.clientSecret);

    // …and nowhere else: not in the official's answers, tables, queues, e-mails or logs.
    await drainNotifications(services);
    const officerView = JSON.stringify([saved.body, (await getFile(p)).body]);
    const mails = JSON.stringify(await emailsTo(p.delegate.email));
    const scan = await scanStorageFor(env, issued);
    expect(scan.scanned.rows).toBeGreaterThan(20);
    expect(scan.hits).toEqual([]);
    for (const secret of issued) {
      expect(officerView).not.toContain(secret);
      expect(mails).not.toContain(secret);
      expect(logLines.join('\n')).not.toContain(secret);
    }
  });

  it('Actualizar with Generar adds a new secret to the same app and keeps the earlier one working for 7 days; the delegate sees both', async () => {
    const p = providers[0]!;
    const before = await getFile(p);
    const pre = before.body.environments.preproduction;
    const prd = before.body.environments.production;
    const oldProductionSecret = appOf(p, 'PRD')!.passwordCredentials[0]!.secretText;
    const manualPre = {
      clientId: pre.clientId,
      tenantId: pre.tenantId,
      expiresOn: pre.expiresOn,
      scope: pre.scope,
      endpoint: pre.endpoint,
    };
    const saved = await put(p, { preproduction: manualPre, production: generate(300) }, before.body.version);
    expect(saved.status).toBe(200);

    expect(entra.applications().filter((app) => app.displayName === `IHCE-PRD-${p.nit}`)).toHaveLength(1);
    expect(appOf(p, 'PRD')!.passwordCredentials).toHaveLength(2);
    expect(appOf(p, 'PRE')!.passwordCredentials).toHaveLength(1);
    expect(saved.body.file.environments.production.clientId).toBe(prd.clientId);
    const versions = saved.body.file.environments.production.secretVersions;
    expect(versions).toHaveLength(2);
    const validUntil = Date.parse(versions[1].validUntil);
    expect(Math.abs(validUntil - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    expect(saved.body.file.environments.preproduction.secretVersions).toHaveLength(1);

    const view = await call(myCredentialsGet, { cookie: delegateCookies[0]! });
    expect(view.body.environments.production.previous).toMatchObject({ clientId: prd.clientId, validUntil: versions[1].validUntil });
    expect(view.body.environments.preproduction.previous).toBeUndefined();
    // Production secrets need the delegate's second factor (step-up); the session comes back under a new id.
    delegateCookies[0] = (await steppedUp(services, delegateCookies[0]!)).cookie;
    const earlier = await call(mySecretGet, {
      cookie: delegateCookies[0]!,
      path: 'my/credentials/production/secret?version=anterior',
      params: { environment: 'production' },
    });
    expect(earlier.status).toBe(200);
    expect(earlier.body).toMatchObject({ clientSecret: oldProductionSecret, clientId: prd.clientId, validUntil: versions[1].validUntil });
    const current = await call(mySecretGet, {
      cookie: delegateCookies[0]!,
      path: 'my/credentials/production/secret',
      params: { environment: 'production' },
    });
    expect(current.body.clientSecret).toBe(appOf(p, 'PRD')!.passwordCredentials[1]!.secretText);
    const none = await call(mySecretGet, {
      cookie: delegateCookies[0]!,
      path: 'my/credentials/preproduction/secret?version=anterior',
      params: { environment: 'preproduction' },
    });
    expect(none.status).toBe(404);
  });

  it('a 403 from Graph gives the official the permission to grant, in Spanish, and changes nothing', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 4 });
    const p = providers[1]!;
    const before = await getFile(p);
    const storedBefore = vaultValues().length;
    entra.inject({ method: 'PATCH', path: /^\/v1\.0\/applications\(uniqueName=/, status: 403, times: 1 });
    const refused = await put(p, { preproduction: generate(), production: generate() }, before.body.version);
    expect(refused.status).toBe(502);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toBe('urn:ihce:problema:entra-sin-permiso');
    expect(refused.body.detail).toContain('Application.ReadWrite.OwnedBy');
    // Only that permission: the runtime no longer asks for AppRoleAssignment.ReadWrite.All (issue 15).
    expect(refused.body.detail).not.toContain('AppRoleAssignment');
    expect(refused.body.detail).toContain('No se cambió nada');
    expect(JSON.stringify(refused.body)).not.toMatch(/at .*\.ts|GraphError|stack/);
    const after = await getFile(p);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.environments).toEqual({});
    expect(after.body.status).toBe(before.body.status);
    // The environment that did get a password has it taken back out of Entra ID, and its vault version is disabled.
    const created = entra.applications().filter((app) => app.displayName.endsWith(p.nit));
    expect(created).toHaveLength(1);
    expect(entra.calls.some((c) => c.path === `/v1.0/applications/${created[0]!.id}/removePassword` && c.status === 204)).toBe(true);
    expect(created[0]!.passwordCredentials).toEqual([]);
    const written = [...vault.stored.values()].flatMap((versions) => [...versions.values()]).slice(storedBefore);
    expect(written.every((version) => !version.enabled)).toBe(true);
  });

  it('429: the Graph client waits as Retry-After says and succeeds; if Graph keeps refusing, 503 with Retry-After and no credential left behind', async (testContext) => {
    countSafety(testContext, { faultsInjected: 2, invariantsHeld: 4 });
    const p = providers[2]!;
    let version = (await getFile(p)).body.version;
    entra.inject({ method: 'POST', path: /addPassword$/, status: 429, times: 10, headers: { 'Retry-After': '0' } });
    const throttled = await put(p, { preproduction: generate(), production: generate() }, version);
    expect(throttled.status).toBe(503);
    expect(throttled.body.type).toBe('urn:ihce:problema:entra-ocupado');
    expect(throttled.headers.get('retry-after')).toBe('0');
    expect(
      entra
        .applications()
        .filter((app) => app.displayName.endsWith(p.nit))
        .every((app) => app.passwordCredentials.length === 0),
    ).toBe(true);
    expect((await getFile(p)).body.environments).toEqual({});

    // Then a single 429 is absorbed by the client's retry.
    entra.clearFaults();
    const remaining = entra.calls.length;
    entra.inject({ method: 'POST', path: /addPassword$/, status: 429, times: 1, headers: { 'Retry-After': '0' } });
    version = (await getFile(p)).body.version;
    const saved = await put(p, { preproduction: generate(), production: generate() }, version);
    expect(saved.status).toBe(200);
    expect(entra.calls.slice(remaining).filter((c) => c.status === 429)).toHaveLength(1);
    expect(appOf(p, 'PRE')!.passwordCredentials).toHaveLength(1);
  });

  it('if Key Vault refuses the generated secret, the password is removed from Entra ID again and the file is unchanged', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 3 });
    const p = providers[2]!;
    const before = await getFile(p);
    const countBefore = appOf(p, 'PRD')!.passwordCredentials.length;
    vaultDown = true;
    try {
      const refused = await put(
        p,
        {
          preproduction: {
            mode: 'manual',
            clientId: before.body.environments.preproduction.clientId,
            tenantId: PRE_TENANT,
            expiresOn: before.body.environments.preproduction.expiresOn,
            scope: 'api://ihce/.default',
            endpoint: 'https://apim-ihce.example/fhir',
          },
          production: generate(),
        },
        before.body.version,
      );
      expect(refused.status).toBe(503);
      expect(refused.body.type).toBe('urn:ihce:problema:almacen-de-secretos-no-disponible');
    } finally {
      vaultDown = false;
    }
    expect(appOf(p, 'PRD')!.passwordCredentials).toHaveLength(countBefore);
    expect((await getFile(p)).body.version).toBe(before.body.version);
    expect(entra.calls.filter((c) => c.path.endsWith('/removePassword')).at(-1)).toMatchObject({ status: 204 });
  });

  it('a subscription key the vault refuses also takes the generated password back out; the expiry of generated keys changes only with a new secret', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 3 });
    const p = providers[0]!;
    const before = await getFile(p);
    const prd = () => appOf(p, 'PRD')!.passwordCredentials.length;
    const count = prd();
    let writes = 0;
    vaultDown = false;
    const original = vault.httpClient.sendRequest.bind(vault.httpClient);
    // The second write of this save (the subscription key, after the generated secret) fails.
    vault.httpClient.sendRequest = async (request) =>
      request.method === 'PUT' && ++writes === 2
        ? original({ ...request, url: request.url.replace('/secrets/', '/secrets-rechazado/') })
        : original(request);
    try {
      const pre = before.body.environments.preproduction;
      const refused = await put(
        p,
        {
          preproduction: {
            clientId: pre.clientId,
            tenantId: pre.tenantId,
            expiresOn: pre.expiresOn,
            scope: pre.scope,
            endpoint: pre.endpoint,
          },
          production: { ...generate(300), subscriptionKey: 'clave~apim~0123456789' },
        },
        before.body.version,
      );
      expect(refused.status).toBeGreaterThanOrEqual(500);
    } finally {
      vault.httpClient.sendRequest = original;
    }
    expect(prd()).toBe(count);
    expect((await getFile(p)).body.version).toBe(before.body.version);

    const pre = before.body.environments.preproduction;
    const moved = await put(
      p,
      {
        preproduction: { clientId: pre.clientId, tenantId: pre.tenantId, expiresOn: future(100), scope: pre.scope, endpoint: pre.endpoint },
        production: generate(300),
      },
      before.body.version,
    );
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([
      expect.objectContaining({
        field: 'preproduction.expiresOn',
        message: expect.stringContaining('«Generarlas en Entra ID al guardar»'),
      }),
    ]);
  });

  it('«Revocar de inmediato»: the replaced generated secret leaves Entra ID and the vault at once, and the delegate no longer sees it', async () => {
    const p = providers[0]!;
    const before = await getFile(p);
    const oldKeys = appOf(p, 'PRD')!.passwordCredentials.map((credential) => credential.keyId);
    const pre = before.body.environments.preproduction;
    const saved = await put(
      p,
      {
        preproduction: {
          clientId: pre.clientId,
          tenantId: pre.tenantId,
          expiresOn: pre.expiresOn,
          scope: pre.scope,
          endpoint: pre.endpoint,
        },
        production: { ...generate(300), revokePrevious: true },
      },
      before.body.version,
    );
    expect(saved.status).toBe(200);
    const current = before.body.environments.production.secretVersions.find((v: { current: boolean }) => v.current).version;
    const replaced = saved.body.file.environments.production.secretVersions.find((v: { version: string }) => v.version === current);
    expect(replaced.retiredAt).toBeDefined();
    const remaining = appOf(p, 'PRD')!.passwordCredentials.map((credential) => credential.keyId);
    // The one just replaced is gone from Entra ID; the newest one is there.
    expect(remaining.filter((keyId) => oldKeys.includes(keyId))).toHaveLength(oldKeys.length - 1);
    expect((await call(myCredentialsGet, { cookie: delegateCookies[0]! })).body.environments.production.previous).toBeUndefined();
    const trail = await services.audit.list(`provider:${p.nit}`, 50);
    expect(trail.find((record) => record.action === 'secreto.retirado')).toMatchObject({ actor: expect.stringMatching(/^CC/) });
  });

  it('Generar where it is not configured is a field error, and ClientID/secret typed in generate mode are refused', async () => {
    const off = await buildServices(loadConfig({ ...env, PRODUCTION_GRAPH_MODE: 'off' }), { log: () => {} });
    useTestServices(off);
    try {
      const p = providers[1]!;
      const version = (await getFile(p)).body.version;
      const refused = await put(p, { preproduction: generate(), production: generate() }, version);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        {
          field: 'production.mode',
          message: 'La generación en Entra ID no está configurada para Producción: registre las llaves manualmente.',
        },
      ]);
      expect((await getFile(p)).body.generation).toEqual({ preproduction: true, production: false });
      const typed = await put(
        p,
        { preproduction: { ...generate(), clientSecret: 'escrito~a.mano.12345' }, production: generate() },
        version,
      );
      expect(typed.status).toBe(400);
      expect(typed.body.errors[0]).toMatchObject({ field: 'preproduction.clientSecret' });
    } finally {
      useTestServices(services);
    }
  });
});
