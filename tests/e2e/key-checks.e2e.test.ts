import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providersGet } from '../../functions/providers-get';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { LOCAL_TENANTS } from '../../scripts/local-host/entra-simulator-tenants';
import { SIMULATOR_ADMIN_TOKEN, SIMULATOR_TOKEN } from '../../src/adapters/entra/simulated-credential';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { call } from '../support/test-app';

/** Issue 17 in Chromium: «Probar llaves» on Paso 2 and «Verificar llaves» on the official's form, against the simulated token endpoint. */
const PRE_SCOPE = 'api://ihce-preproduccion-demo/.default';
const PRD_SCOPE = 'api://ihce-produccion-demo/.default';
let e2e: E2e;
let entra: EntraSimulator;
let officerCookie: string;
let totpKey: string;
const [generated, mistyped, pending] = [
  providerFixture('Llaves Probadas'),
  providerFixture('Secreto Errado'),
  providerFixture('Por Verificar'),
];
const officer = officerFixture();
const delegates = new Map<string, string>();
const future = (days: number) => addDays(bogotaDay(new Date()), days);

async function graph(path: string, body: object, token = SIMULATOR_TOKEN) {
  const response = await fetch(`${entra.url}/v1.0${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, any>;
}
async function portalApplication(name: string) {
  const app = await graph('/applications', { displayName: name });
  await graph('/servicePrincipals', { appId: app.appId });
  const secret = await graph(`/applications/${app.id}/addPassword`, { passwordCredential: {} });
  return { appId: app.appId as string, secret: secret.secretText as string };
}
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
  return saved.body;
}
async function delegatePage(p: ProviderFixture, width = 1280): Promise<Page> {
  const { page } = await e2e.newPage(width);
  await e2e.signIn(page, delegates.get(p.nit)!, TEST_PASSWORD);
  await page.getByRole('heading', { name: 'Paso 2 – Visualización de las llaves' }).waitFor();
  return page;
}

beforeAll(async () => {
  entra = await startEntraSimulator();
  const tokenUrl = `${entra.url}/{tenant}/oauth2/v2.0/token`;
  e2e = await startE2e({
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    PRODUCTION_GRAPH_MODE: 'simulated',
    PREPRODUCTION_TENANT_ID: LOCAL_TENANTS.preproduction,
    PRODUCTION_TENANT_ID: LOCAL_TENANTS.production,
    PREPRODUCTION_SCOPE: PRE_SCOPE,
    PRODUCTION_SCOPE: PRD_SCOPE,
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
    PRODUCTION_ENDPOINT: 'https://apim-ihce-produccion.example/fhir',
    PREPRODUCTION_TOKEN_URL: tokenUrl,
    PRODUCTION_TOKEN_URL: tokenUrl,
  });
  const { services } = e2e.app;
  await seedDirectory(services, [generated, mistyped, pending], [officer]);
  ({ cookie: officerCookie, totpKey } = await signedInOfficer(services, officer));
  for (const p of [generated, mistyped, pending]) {
    const delegate = await signedInDelegate(services, p);
    delegates.set(p.nit, delegate.username);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  }
});
afterAll(async () => {
  await e2e?.stop();
  await entra?.close();
});

describe('«Probar llaves» and «Verificar llaves», in Chromium', () => {
  it('keys generated in Entra ID: the delegate reads that they work, for how long and with which roles', async () => {
    const generate = (scope: string) => ({ mode: 'entra', expiresOn: future(300), scope, endpoint: 'https://apim-ihce.example/fhir' });
    const saved = await save(generated, { preproduction: generate(PRE_SCOPE), production: generate(PRD_SCOPE) });
    const client = entra.servicePrincipals().find((sp) => sp.appId === saved.file.environments.preproduction.clientId)!;
    const api = entra.servicePrincipals().find((sp) => sp.appId === entra.tokens.resources[0]!.appId)!;
    await graph(
      `/servicePrincipals/${client.id}/appRoleAssignments`,
      { principalId: client.id, resourceId: api.id, appRoleId: entra.tokens.resources[0]!.roles[0]!.id },
      SIMULATOR_ADMIN_TOKEN,
    );

    const page = await delegatePage(generated);
    const card = page.getByRole('article', { name: 'Preproducción', exact: true });
    await card.getByRole('button', { name: 'Probar llaves de Preproducción' }).click();
    const outcome = card.locator('[data-key-check]');
    await expect
      .poll(() => outcome.textContent().catch(() => ''), { timeout: 15_000 })
      .toContain(`Las llaves funcionan: el Ministerio emitió un token válido por 60 minutos para ${PRE_SCOPE}`);
    expect(await outcome.textContent()).toContain('El token trae los roles: IHCE.Interoperabilidad.');
    expect(await outcome.getAttribute('data-key-check')).toBe('ok');
    await e2e.expectAccessible(page, '40-probar-llaves');
    for (const token of entra.tokens.issuedTokens()) expect(await page.content()).not.toContain(token.split('.')[2]);
  }, 90_000);

  it('keys an official typed with a wrong secret: the Spanish explanation and AADSTS7000215, readable at 360 px', async () => {
    const app = await portalApplication('IHCE-PRE-a-mano');
    await save(mistyped, {
      preproduction: {
        clientId: app.appId,
        clientSecret: `${app.secret.slice(0, -3)}abc`,
        expiresOn: future(300),
        tenantId: LOCAL_TENANTS.preproduction,
        scope: PRE_SCOPE,
        endpoint: 'https://apim-ihce.example/fhir',
      },
      production: {
        clientId: app.appId,
        clientSecret: app.secret,
        expiresOn: future(300),
        tenantId: LOCAL_TENANTS.production,
        scope: PRD_SCOPE,
        endpoint: 'https://apim-ihce.example/fhir',
      },
    });
    const page = await delegatePage(mistyped, 360);
    const card = page.getByRole('article', { name: 'Preproducción', exact: true });
    await card.getByRole('button', { name: 'Probar llaves de Preproducción' }).click();
    const outcome = card.locator('[data-key-check="failed"]');
    await expect.poll(() => outcome.textContent().catch(() => ''), { timeout: 15_000 }).toContain('AADSTS7000215');
    expect(await outcome.textContent()).toContain('El ClientSecret no corresponde a la aplicación');
    await outcome.getByText('Respuesta de Microsoft Entra ID (para el proveedor tecnológico)').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await e2e.expectAccessible(page, '41-probar-llaves-error-360');
  }, 90_000);

  it('the official’s «Verificar llaves» catches a mistyped ClientID before «Guardar», which then asks for an explicit confirmation', async () => {
    const app = await portalApplication('IHCE-PRE-verificar');
    const { page } = await e2e.newPage();
    await e2e.signIn(page, `CC${officer.idNumber}`, TEST_PASSWORD);
    await e2e.passSecondFactor(page, totpKey);
    await page
      .getByRole('link', { name: /Asignar Token/ })
      .first()
      .waitFor();
    await page.goto(`${e2e.app.url}/funcionario/prestadores/${pending.nit}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(pending.name);
    for (const [name, label] of [
      ['preproduction', 'Preproducción'],
      ['production', 'Producción'],
    ] as const) {
      const choice = page.getByRole('group', { name: `¿Cómo se crearán las llaves de ${label}?` });
      await choice.getByRole('radio', { name: /^Registrarlas a mano/ }).check();
      await page.locator(`[id="${name}.clientId"]`).fill(name === 'preproduction' ? randomUUID() : app.appId);
      await page.locator(`[id="${name}.clientSecret"]`).fill(app.secret);
      await page.locator(`[id="${name}.expiresOn"]`).fill(future(300));
    }
    await page.getByRole('button', { name: 'Verificar llaves de Preproducción' }).click();
    const outcome = page.locator('[data-key-check="failed"]');
    await expect.poll(() => outcome.textContent().catch(() => ''), { timeout: 15_000 }).toContain('AADSTS700016');
    expect(await outcome.textContent()).toContain('No existe una aplicación con ese ClientID en el tenant');
    await page.getByRole('button', { name: 'Verificar llaves de Producción' }).click();
    await expect
      .poll(() =>
        page
          .locator('[data-key-check="ok"]')
          .textContent()
          .catch(() => ''),
      )
      .toContain('Las llaves funcionan');
    await e2e.expectAccessible(page, '42-verificar-llaves');

    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect
      .poll(() =>
        page
          .locator('.error-summary')
          .textContent()
          .catch(() => ''),
      )
      .toContain('Las llaves de Preproducción no pasaron la verificación');
    await page.getByLabel('Guardar de todos modos las llaves de Preproducción, aunque no pasaron la verificación').check();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('El registro se realizó de manera correcta.');
    const audit = await e2e.app.services.audit.list(`provider:${pending.nit}`);
    expect(audit.find((e) => e.action === 'llaves.asignadas')?.detail).toMatchObject({
      verificacionPreproduccion: 'failed-confirmed',
      verificacionProduccion: 'passed',
    });
    expect(JSON.stringify(audit)).not.toContain(app.secret);
  }, 120_000);
});
