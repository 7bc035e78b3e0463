import { bogotaToday, entraDefaultExpiry, expiryRange } from '../../src/credentials/key-entry.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { scanStorageFor } from '../support/secret-scan';
import { call } from '../support/test-app';

let e2e: E2e;
let entra: EntraSimulator;
const provider = providerFixture('Generación Entra');
const officer = officerFixture();
const future = (days: number) => addDays(bogotaDay(new Date()), days);

const API_APP_ID = '3c0e1d55-6a7b-4c8d-9e0f-1a2b3c4d5e6f';

beforeAll(async () => {
  entra = await startEntraSimulator();
  entra.addResourceApplication(API_APP_ID, 'IHCE API Preproducción');
  e2e = await startE2e({
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    // Issue 17: this suite is about the official's «Generar»; the automatic issuance has its own (preproduction-auto-issue).
    PREPRODUCTION_AUTO_ISSUE: 'off',
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PREPRODUCTION_SCOPE: 'api://ihce-preproduccion/.default',
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
    PREPRODUCTION_API_APP_ID: API_APP_ID,
    PREPRODUCTION_API_APP_ROLE_ID: '7d8e9f00-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
    PRODUCTION_GRAPH_MODE: 'simulated',
    PRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000b002',
    PRODUCTION_SCOPE: 'api://ihce-produccion/.default',
    PRODUCTION_ENDPOINT: 'https://apim-ihce-produccion.example/fhir',
  });
  await seedDirectory(e2e.app.services, [provider], [officer]);
});
afterAll(async () => {
  await e2e?.stop();
  await entra?.close();
});

describe('Generar en Entra ID, in Chromium', () => {
  it('the official generates both environments without seeing a secret; the delegate sees the ClientID Entra ID assigned and reveals the secret', async () => {
    const { app } = e2e;
    const delegate = await signedInDelegate(app.services, provider);
    const { totpKey } = await signedInOfficer(app.services, officer);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);

    const officerPage = (await e2e.newPage()).page;
    await e2e.signIn(officerPage, `CC${officer.idNumber}`, TEST_PASSWORD);
    await e2e.passSecondFactor(officerPage, totpKey);
    await officerPage
      .getByRole('link', { name: /Asignar Token/ })
      .first()
      .waitFor();
    await officerPage.goto(`${app.url}/funcionario/prestadores/${provider.nit}`);
    await expect.poll(() => officerPage.locator('h1').textContent()).toBe(provider.name);
    // Issue 16: a choice of how the keys will be created on saving (it was a toggle button that seemed to do nothing).
    for (const label of ['Preproducción', 'Producción']) {
      const choice = officerPage.getByRole('group', { name: `¿Cómo se crearán las llaves de ${label}?` });
      expect(await choice.getByRole('radio', { name: /^Registrarlas a mano/ }).isChecked()).toBe(true);
      await choice.getByRole('radio', { name: /^Generarlas en Entra ID al guardar/ }).check();
      expect(await choice.getByRole('radio', { name: /^Generarlas en Entra ID al guardar/ }).isChecked()).toBe(true);
    }
    // No ClientID, ClientSecret or tenant to type: Entra ID assigns them.
    expect(await officerPage.locator('[id="production.clientSecret"]').count()).toBe(0);
    expect(await officerPage.locator('[id="production.clientId"]').count()).toBe(0);
    expect(await officerPage.getByRole('group', { name: '¿Cómo se crearán las llaves de Producción?' }).textContent()).toContain(
      `IHCE-PRD-${provider.nit}`,
    );
    // The expiry starts at the longest Entra ID accepts within the policy (nothing typed twice), in a date field
    // bounded to the allowed range.
    const { min, max } = expiryRange(bogotaToday(new Date()));
    const productionDate = officerPage.locator('[id="production.expiresOn"]');
    expect(await productionDate.inputValue()).toBe(entraDefaultExpiry(bogotaToday(new Date())));
    expect([
      await productionDate.getAttribute('type'),
      await productionDate.getAttribute('min'),
      await productionDate.getAttribute('max'),
    ]).toEqual(['date', min, max]);
    await officerPage.locator('[id="preproduction.expiresOn"]').fill(future(365));
    await e2e.expectAccessible(officerPage, '23-generar-en-entra-id');
    await officerPage.getByRole('button', { name: 'Guardar' }).click();
    // Creating two applications through Graph (with its replication retries) can take a few seconds on a loaded machine.
    await expect
      .poll(() => officerPage.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('El registro se realizó de manera correcta.');
    await expect
      .poll(() => officerPage.locator('form').first().textContent())
      .toContain(`Generadas en Entra ID (aplicación IHCE-PRE-${provider.nit})`);
    // Issue 15: the app does not grant the IHCE API's role; the official reads that it waits for the administrator.
    expect(await officerPage.locator('[data-api-access]').allTextContents()).toEqual([
      'Permiso de la API de IHCE: pendiente de aprobación del administrador de Entra ID',
    ]);

    const production = entra.applications().find((item) => item.displayName === `IHCE-PRD-${provider.nit}`)!;
    const issued = production.passwordCredentials[0]!.secretText;
    expect(await officerPage.content()).not.toContain(issued);

    const delegatePage = (await e2e.newPage()).page;
    await e2e.signIn(delegatePage, delegate.username, TEST_PASSWORD);
    const card = delegatePage.getByRole('article', { name: 'Producción', exact: true });
    await expect.poll(() => card.textContent().catch(() => '')).toContain(production.appId);
    // Pre-production's keys wait for the ministry's approval of the API permission; production has none to wait for.
    const preproductionCard = delegatePage.getByRole('article', { name: 'Preproducción', exact: true });
    expect(await preproductionCard.locator('[data-api-access="pending"]').textContent()).toContain(
      'empezarán a funcionar cuando el Ministerio apruebe el permiso de la API de IHCE',
    );
    expect(await card.locator('[data-api-access]').count()).toBe(0);
    await card.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).click();
    // Production asks the delegate to confirm a second factor first (step-up): enrolled here, then back to Paso 2.
    await e2e.enrolTotpThroughUi(delegatePage);
    await expect.poll(() => card.locator('code.secret').first().textContent()).toBe(issued);

    const scan = await scanStorageFor(e2e.env, entra.issuedSecrets());
    expect(scan.hits).toEqual([]);
    for (const line of e2e.logs) for (const secret of entra.issuedSecrets()) expect(line).not.toContain(secret);
  }, 90_000);
});
