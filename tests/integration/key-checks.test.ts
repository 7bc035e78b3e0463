import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myKeyChecksCreate } from '../../functions/my-key-checks-create';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providerKeyChecksCreate } from '../../functions/provider-key-checks-create';
import { definition as providersGet } from '../../functions/providers-get';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { SIMULATOR_ADMIN_TOKEN, SIMULATOR_TOKEN } from '../../src/adapters/entra/simulated-credential';
import type { Services } from '../../src/composition-root';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { scanStorageFor } from '../support/secret-scan';
import { call, startTestServices, testEnv } from '../support/test-app';

/** Issue 17: «Probar llaves» and «Verificar llaves» against the simulated Entra ID token endpoint, end to end through the API. */
const PRE_TENANT = '11111111-2222-4333-8444-555555555555';
const PRD_TENANT = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const PRE_SCOPE = 'api://ihce-preproduccion-demo/.default';
const PRD_SCOPE = 'api://ihce-produccion-demo/.default';
const PER_HOUR = 4;

let entra: EntraSimulator;
let env: Record<string, string>;
let services: Services;
let officerCookie: string;
const officer = officerFixture();
const [generated, typed, limited, checked] = [
  providerFixture('Probada'),
  providerFixture('Mal Escrita'),
  providerFixture('Limitada'),
  providerFixture('Verificada'),
];
const delegates = new Map<string, string>();
const secretsSeen: string[] = [];

async function graph(path: string, body: object, token = SIMULATOR_TOKEN) {
  const response = await fetch(`${entra.url}/v1.0${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, any>;
}
/** An application made in the tenant by hand, as an official does in the portal, with its secret. */
async function portalApplication(name: string) {
  const app = await graph('/applications', { displayName: name });
  await graph('/servicePrincipals', { appId: app.appId });
  const secret = await graph(`/applications/${app.id}/addPassword`, { passwordCredential: {} });
  secretsSeen.push(secret.secretText);
  return { appId: app.appId as string, objectId: app.id as string, secret: secret.secretText as string };
}
const keys = (clientId: string, clientSecret: string, tenantId: string, scope: string) => ({
  clientId,
  clientSecret,
  tenantId,
  scope,
  expiresOn: addDays(bogotaDay(new Date()), 300),
  endpoint: 'https://apim-ihce.example/fhir',
});
async function save(p: ProviderFixture, body: object) {
  const file = await call(providersGet, { cookie: officerCookie, path: `providers/${p.nit}`, params: { nit: p.nit } });
  const saved = await call(providerCredentialsPut, {
    method: 'PUT',
    cookie: officerCookie,
    path: `providers/${p.nit}/credentials`,
    params: { nit: p.nit },
    body,
    headers: { 'if-match': file.body.version },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved;
}
const test = (p: ProviderFixture, environment = 'preproduction') =>
  call(myKeyChecksCreate, {
    method: 'POST',
    cookie: delegates.get(p.nit)!,
    path: `my/credentials/${environment}/checks`,
    params: { environment },
  });
const verify = (p: ProviderFixture, body: object, environment = 'preproduction') =>
  call(providerKeyChecksCreate, {
    method: 'POST',
    cookie: officerCookie,
    path: `providers/${p.nit}/credentials/${environment}/checks`,
    params: { nit: p.nit, environment },
    body,
  });

beforeAll(async () => {
  entra = await startEntraSimulator({ tenants: [PRE_TENANT, PRD_TENANT] });
  env = {
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    PRODUCTION_GRAPH_MODE: 'simulated',
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_TENANT_ID: PRE_TENANT,
    PRODUCTION_TENANT_ID: PRD_TENANT,
    PREPRODUCTION_TOKEN_URL: `${entra.url}/{tenant}/oauth2/v2.0/token`,
    PRODUCTION_TOKEN_URL: `${entra.url}/{tenant}/oauth2/v2.0/token`,
    KEY_CHECKS_PER_HOUR: String(PER_HOUR),
  };
  services = await startTestServices({ env: { ...testEnv(env), ...env } });
  env = { ...env, IHCE_STORAGE: services.config.IHCE_STORAGE!, STORAGE_PREFIX: services.config.STORAGE_PREFIX! };
  await seedDirectory(services, [generated, typed, limited, checked], [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const p of [generated, typed, limited, checked]) {
    const { cookie } = await signedInDelegate(services, p);
    delegates.set(p.nit, cookie);
    expect((await call(myRequestsCreate, { method: 'POST', cookie, body: validRequest('first') })).status).toBe(201);
  }
});
afterAll(() => entra.close());

describe('«Probar llaves» (delegate)', () => {
  it('keys generated in Entra ID, with the API role granted: a verified token for 60 minutes with its roles; audited, the token nowhere', async () => {
    const generate = (scope: string) => ({
      mode: 'entra',
      expiresOn: addDays(bogotaDay(new Date()), 300),
      scope,
      endpoint: 'https://apim-ihce.example/fhir',
    });
    const saved = await save(generated, { preproduction: generate(PRE_SCOPE), production: generate(PRD_SCOPE) });
    const clientId = saved.body.file.environments.preproduction.clientId;
    const client = entra.servicePrincipals().find((sp) => sp.appId === clientId)!;
    const api = entra.servicePrincipals().find((sp) => sp.appId === entra.tokens.resources[0]!.appId)!;
    await graph(
      `/servicePrincipals/${client.id}/appRoleAssignments`,
      { principalId: client.id, resourceId: api.id, appRoleId: entra.tokens.resources[0]!.roles[0]!.id },
      SIMULATOR_ADMIN_TOKEN,
    );

    const result = await test(generated);
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toMatch(/no-store/);
    expect(result.body).toMatchObject({
      ok: true,
      environment: 'preproduction',
      message: `Las llaves funcionan: el Ministerio emitió un token válido por 60 minutos para ${PRE_SCOPE}`,
      lifetimeMinutes: 60,
      roles: ['IHCE.Interoperabilidad'],
      rolesMessage: 'El token trae los roles: IHCE.Interoperabilidad.',
    });
    // Production: no role granted there, so the token carries none and the delegate is told why it will be refused.
    const production = await test(generated, 'production');
    expect(production.body).toMatchObject({ ok: true, roles: [], rolesMessage: expect.stringContaining('no trae roles') });

    const audit = await services.audit.list(`provider:${generated.nit}`);
    expect(audit.filter((e) => e.action === 'llaves.probadas').map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ambiente: 'Preproducción', resultado: 'funcionan', minutos: 60, roles: 'IHCE.Interoperabilidad' }),
        expect.objectContaining({ ambiente: 'Producción', resultado: 'funcionan' }),
      ]),
    );
    const tokens = entra.tokens.issuedTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(JSON.stringify(result.body) + JSON.stringify(production.body)).not.toContain(token.split('.')[2]);
    const scan = await scanStorageFor(env, [...tokens, ...entra.issuedSecrets()]);
    expect(scan.hits).toEqual([]);
  });

  it('keys an official typed with a wrong secret: the Spanish explanation and AADSTS7000215, audited as failed', async () => {
    const app = await portalApplication('IHCE-PRE-portal');
    await save(typed, {
      preproduction: keys(app.appId, `${app.secret.slice(0, -2)}zz`, PRE_TENANT, PRE_SCOPE),
      production: keys(app.appId, app.secret, PRD_TENANT, PRD_SCOPE),
    });
    const result = await test(typed);
    expect(result.body).toMatchObject({
      ok: false,
      code: 'AADSTS7000215',
      problem: expect.stringContaining('El ClientSecret no corresponde a la aplicación'),
      action: expect.stringContaining('«Copiar»'),
      entraError: 'invalid_client',
      entraDescription: expect.stringMatching(/^AADSTS7000215: Invalid client secret provided/),
    });
    const audit = await services.audit.list(`provider:${typed.nit}`);
    expect(audit.find((e) => e.action === 'llaves.probadas')?.detail).toMatchObject({ resultado: 'fallan', codigo: 'AADSTS7000215' });
  });

  it(`more than ${PER_HOUR} checks of one provider in an hour: 429 in Spanish with Retry-After`, async () => {
    const app = await portalApplication('IHCE-PRE-limitada');
    await save(limited, {
      preproduction: keys(app.appId, app.secret, PRE_TENANT, PRE_SCOPE),
      production: keys(app.appId, app.secret, PRD_TENANT, PRD_SCOPE),
    });
    for (let i = 0; i < PER_HOUR; i++) expect((await test(limited)).status).toBe(200);
    const refused = await test(limited, 'production');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.detail).toMatch(/ya se probaron 4 veces en esta hora, el máximo permitido/);
    // Another provider's budget is its own.
    expect((await test(typed)).status).toBe(200);
  });
});

describe('«Verificar llaves» (official, before «Guardar»)', () => {
  let app: Awaited<ReturnType<typeof portalApplication>>;
  beforeAll(async () => {
    app = await portalApplication('IHCE-PRE-verificar');
  });
  const typedKeys = (over: object = {}) => ({
    clientId: app.appId,
    clientSecret: app.secret,
    tenantId: PRE_TENANT,
    scope: PRE_SCOPE,
    ...over,
  });

  // Each provider has its own hourly budget (KEY_CHECKS_PER_HOUR = 4): these four use `typed`'s.
  it.each([
    ['a mistyped ClientID', () => typedKeys({ clientId: randomUUID() }), 'AADSTS700016', 'No existe una aplicación con ese ClientID'],
    ['a wrong tenant', () => typedKeys({ tenantId: randomUUID() }), 'AADSTS90002', 'El tenant no existe'],
    ['the scope of no API', () => typedKeys({ scope: 'api://otra-api/.default' }), 'AADSTS500011', 'El scope no corresponde'],
    ['a wrong secret', () => typedKeys({ clientSecret: 'no-es-el-secreto-1234' }), 'AADSTS7000215', 'Secret ID'],
  ])('%s: the Entra code and its Spanish explanation for the official', async (_, body, code, text) => {
    const result = await verify(typed, body());
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: false, code });
    expect(`${result.body.problem} ${result.body.action}`).toContain(text);
  });

  it('an expired secret (AADSTS7000222), a disabled application (AADSTS7000112) and throttling (AADSTS50196)', async () => {
    const stored = entra.applications().find((a) => a.appId === app.appId)!;
    const old = await graph(`/applications/${app.objectId}/addPassword`, { passwordCredential: {} });
    stored.passwordCredentials.find((c) => c.keyId === old.keyId)!.endDateTime = new Date(Date.now() - 60_000).toISOString();
    expect((await verify(generated, typedKeys({ clientSecret: old.secretText }))).body).toMatchObject({ ok: false, code: 'AADSTS7000222' });
    entra.inject({ path: /oauth2\/v2\.0\/token$/, status: 429, times: 1, headers: { 'Retry-After': '30' } });
    const throttled = await verify(generated, typedKeys());
    expect(throttled.body).toMatchObject({ ok: false, code: 'AADSTS50196', action: expect.stringContaining('Espere 1 minuto(s)') });
    const disabled = await portalApplication('IHCE-PRE-deshabilitada');
    entra.tokens.disable(disabled.appId);
    expect((await verify(generated, typedKeys({ clientId: disabled.appId, clientSecret: disabled.secret }))).body).toMatchObject({
      ok: false,
      code: 'AADSTS7000112',
    });
  });

  it('what was typed is checked first (400 naming the field); an empty secret uses the one on file for the same application', async () => {
    const bad = await verify(limited, { clientId: '123', tenantId: PRE_TENANT, scope: PRE_SCOPE });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'preproduction.clientId' })]));
    const stored = await call(providersGet, { cookie: officerCookie, path: `providers/${limited.nit}`, params: { nit: limited.nit } });
    const onFile = stored.body.file?.environments?.preproduction ?? stored.body.environments.preproduction;
    const ok = await verify(limited, { clientId: onFile.clientId, tenantId: PRE_TENANT, scope: PRE_SCOPE, clientSecret: '' });
    expect(ok.body).toMatchObject({ ok: true, lifetimeMinutes: 60 });
    const other = await verify(limited, { clientId: randomUUID(), tenantId: PRE_TENANT, scope: PRE_SCOPE });
    expect(other.status).toBe(400);
    expect(other.body.errors[0]).toMatchObject({ field: 'preproduction.clientSecret' });
    const audit = await services.audit.list(`provider:${limited.nit}`);
    const entry = audit.find((e) => e.action === 'llaves.verificadas')!;
    expect(entry.detail).toMatchObject({ ambiente: 'Preproducción', resultado: 'funcionan' });
    expect(JSON.stringify(audit)).not.toContain(app.secret);
  });

  const put = async (p: ProviderFixture, body: object) => {
    const file = await call(providersGet, { cookie: officerCookie, path: `providers/${p.nit}`, params: { nit: p.nit } });
    return call(providerCredentialsPut, {
      method: 'PUT',
      cookie: officerCookie,
      path: `providers/${p.nit}/credentials`,
      params: { nit: p.nit },
      body,
      headers: { 'if-match': file.body.version },
    });
  };
  const lastSave = async (p: ProviderFixture) =>
    (await services.audit.list(`provider:${p.nit}`)).find((e) => e.action === 'llaves.actualizadas' || e.action === 'llaves.asignadas')
      ?.detail;

  // Changed with the review of issue 17: the caller's `verification` used to be written to the audit as sent
  // (this test expected failed-confirmed / passed, and a 400 for 'failed'); now it is ignored and the server says not-run.
  it('«Guardar» ignores what the caller says of verification: a forged «passed» without any «Verificar llaves» is recorded as not-run', async () => {
    const fresh = await portalApplication('IHCE-PRE-confirmada');
    const before = (await services.audit.list(`provider:${typed.nit}`)).length;
    await save(typed, {
      preproduction: { ...keys(fresh.appId, 'secreto-que-fallo-1234', PRE_TENANT, PRE_SCOPE), verification: 'failed-confirmed' },
      production: { ...keys(fresh.appId, fresh.secret, PRD_TENANT, PRD_SCOPE), verification: 'passed' },
      updateReason: 'Corrección del ClientSecret registrado con un error.',
    });
    const audit = await services.audit.list(`provider:${typed.nit}`);
    expect(audit.length).toBeGreaterThan(before);
    expect(audit.find((e) => e.action === 'llaves.actualizadas')?.detail).toMatchObject({
      verificacionPreproduccion: 'not-run',
      verificacionProduccion: 'not-run',
    });
    const refused = await put(typed, {
      preproduction: { ...keys(fresh.appId, fresh.secret, PRE_TENANT, PRE_SCOPE), confirmFailedVerification: 'si' },
      production: keys(fresh.appId, fresh.secret, PRD_TENANT, PRD_SCOPE),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toContain('preproduction.confirmFailedVerification');
  });

  it('«Guardar» reads the server’s record of «Verificar llaves»: failed keys refused without confirmation, failed-confirmed with it, passed, and not-run once edited', async () => {
    const app = await portalApplication('IHCE-verificada');
    const wrong = `${app.secret.slice(0, -2)}zz`;
    expect(
      (await verify(checked, { clientId: app.appId, clientSecret: wrong, tenantId: PRE_TENANT, scope: PRE_SCOPE })).body,
    ).toMatchObject({
      ok: false,
      code: 'AADSTS7000215',
    });
    const production = { clientId: app.appId, clientSecret: app.secret, tenantId: PRD_TENANT, scope: PRD_SCOPE };
    expect((await verify(checked, production, 'production')).body).toMatchObject({ ok: true });

    const body = {
      preproduction: keys(app.appId, wrong, PRE_TENANT, PRE_SCOPE),
      production: keys(app.appId, app.secret, PRD_TENANT, PRD_SCOPE),
    };
    const refused = await put(checked, body);
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.detail).toBe(
      'Las llaves de Preproducción no pasaron «Verificar llaves» (AADSTS7000215). Confirme que desea guardarlas de todos modos.',
    );
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'preproduction.verification' })]);
    expect((await services.keyFiles.getFile(checked.nit)).environments.preproduction).toBeUndefined();

    await save(checked, { ...body, preproduction: { ...body.preproduction, confirmFailedVerification: true } });
    expect(await lastSave(checked)).toMatchObject({ verificacionPreproduccion: 'failed-confirmed', verificacionProduccion: 'passed' });

    // Production's secret changed after its passing check, with a forged «passed»: not verified. The secret never in storage.
    const other = await graph(`/applications/${app.objectId}/addPassword`, { passwordCredential: {} });
    secretsSeen.push(other.secretText);
    await save(checked, {
      preproduction: { ...keys(app.appId, app.secret, PRE_TENANT, PRE_SCOPE), verification: 'passed' },
      production: { ...keys(app.appId, other.secretText, PRD_TENANT, PRD_SCOPE), verification: 'passed' },
      updateReason: 'Se corrigió el ClientSecret de Preproducción y se rotó el de Producción.',
    });
    expect(await lastSave(checked)).toMatchObject({ verificacionPreproduccion: 'not-run', verificacionProduccion: 'not-run' });
    expect((await scanStorageFor(env, [app.secret, wrong, other.secretText])).hits).toEqual([]);
  });
});
