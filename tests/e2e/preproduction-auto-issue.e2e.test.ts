import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { AUTO_ISSUE_ACTOR } from '../../src/credentials/preproduction-auto-issue';
import { AUTO_ISSUED_STATUS } from '../../src/key-files/key-file.schemas';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';

let e2e: E2e;
let entra: EntraSimulator;
const provider = providerFixture('Emisión Automática');
const officer = officerFixture();

beforeAll(async () => {
  entra = await startEntraSimulator();
  e2e = await startE2e({
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PREPRODUCTION_SCOPE: 'api://ihce-preproduccion/.default',
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
    PREPRODUCTION_AUTO_ISSUE: 'on',
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

describe('pre-production keys within a minute, in Chromium', () => {
  it('a new request gets its pre-production keys on Paso 2 within 60 s without any official, while production stays pending in the officials’ lists', async () => {
    const { app } = e2e;
    const delegate = await signedInDelegate(app.services, provider);
    const { totpKey } = await signedInOfficer(app.services, officer);
    const { page, problems } = await e2e.newPage();
    await e2e.signIn(page, delegate.username, TEST_PASSWORD);
    await page.getByRole('link', { name: /Inscripción Token/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paso 1 – Solicitud de llaves de acceso');
    await page.getByLabel(/^Nombre del proveedor tecnológico/).fill('Soluciones Clínicas Andinas S.A.S.');
    await page.getByLabel(/^Nombre del software/).fill('HistoriaAndina HIS 5');
    await page.getByLabel(/^Nombre del líder técnico/).fill('Camilo Ríos Pardo');
    await page.getByLabel(/^Correo electrónico institucional del líder técnico/).fill('camilo.rios@ips-automatica.example');
    await page.getByLabel(/^Teléfono de contacto del líder técnico/).fill('310 555 1234');
    await page.getByLabel(/^Nombre del responsable de la protección de datos/).fill('Diana Lucía Mora');
    await page.getByLabel(/^Teléfono de contacto del responsable/).fill('+57 601 555 1234');
    await page.getByLabel('Aceptación términos para la solicitud de token').check();
    await page.getByLabel('Autorización de datos personales').check();
    const pressed = Date.now();
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paso 2 – Visualización de las llaves');
    await page.getByRole('link', { name: 'Volver a Gestión de llaves de acceso' }).click();

    // No reload and no official: Paso 2 looks again by itself until the queue worker has issued pre-production.
    const preproduction = page.getByRole('article', { name: 'Preproducción', exact: true });
    await expect.poll(() => preproduction.count(), { timeout: 60_000, interval: 500 }).toBe(1);
    expect(Date.now() - pressed).toBeLessThan(60_000);
    const [application] = entra.applications().filter((item) => item.displayName === `IHCE-PRE-${provider.nit}`);
    expect(await preproduction.textContent()).toContain(application!.appId);
    expect(await page.locator('.status').textContent()).toContain(AUTO_ISSUED_STATUS);
    expect(await page.getByRole('status').filter({ hasText: 'Las de Producción las revisa' }).count()).toBe(1);
    expect(await page.getByRole('article', { name: 'Producción', exact: true }).count()).toBe(0);
    expect(entra.applications().some((item) => item.displayName === `IHCE-PRD-${provider.nit}`)).toBe(false);
    await e2e.expectAccessible(page, '40-preproduccion-automatica');
    // The delegate reveals the generated pre-production secret (no second factor for pre-production).
    await preproduction.getByRole('button', { name: 'Mostrar ClientSecret de Preproducción' }).click();
    await expect.poll(() => preproduction.locator('code.secret').textContent()).toBe(application!.passwordCredentials[0]!.secretText);
    expect(problems).toEqual([]);

    const narrow = (await e2e.newPage(360)).page;
    await e2e.signIn(narrow, delegate.username, TEST_PASSWORD);
    await expect.poll(() => narrow.locator('.status').textContent()).toContain(AUTO_ISSUED_STATUS);
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The officials: the request is still in Asignar Token, pre-production done, production pending.
    const officerPage = (await e2e.newPage()).page;
    await e2e.signIn(officerPage, `CC${officer.idNumber}`, TEST_PASSWORD);
    await e2e.passSecondFactor(officerPage, totpKey);
    await officerPage
      .getByRole('link', { name: /Asignar Token/ })
      .first()
      .click();
    const row = officerPage.getByRole('row').filter({ hasText: provider.name });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Preproducción: asignada automáticamente');
    expect(await row.textContent()).toContain('Producción: pendiente');
    await e2e.expectAccessible(officerPage, '41-asignar-token-ambientes');
    await officerPage.goto(`${app.url}/funcionario/prestadores/${provider.nit}`);
    await expect.poll(() => officerPage.locator('h1').textContent()).toBe(provider.name);
    const progress = officerPage.locator('[data-auto-issue="issued"]');
    expect(await progress.textContent()).toContain('Preproducción: asignada automáticamente');
    expect(await progress.textContent()).toContain('Producción: pendiente');
    const trail = officerPage.getByRole('row').filter({ hasText: AUTO_ISSUE_ACTOR });
    expect(await trail.textContent()).toContain('Se generaron automáticamente en Microsoft Entra ID las llaves de Preproducción');
    await e2e.expectAccessible(officerPage, '42-prestador-preproduccion-automatica');

    // The official assigns production only: pre-production stays as issued (pre-filled, «Registrarlas a mano», no new secret).
    const preproductionChoice = officerPage.getByRole('group', { name: '¿Cómo se crearán las llaves de Preproducción?' });
    expect(await preproductionChoice.getByRole('radio', { name: /^Registrarlas a mano/ }).isChecked()).toBe(true);
    expect(await officerPage.locator('[id="preproduction.clientId"]').inputValue()).toBe(application!.appId);
    await officerPage
      .getByRole('group', { name: '¿Cómo se crearán las llaves de Producción?' })
      .getByRole('radio', { name: /^Generarlas en Entra ID al guardar/ })
      .check();
    await officerPage.getByRole('button', { name: 'Guardar' }).click();
    await expect
      .poll(() => officerPage.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('El registro se realizó de manera correcta.');
    const applications = entra.applications().filter((item) => item.displayName.endsWith(provider.nit));
    expect(applications.map((item) => [item.displayName, item.passwordCredentials.length]).sort()).toEqual([
      [`IHCE-PRD-${provider.nit}`, 1],
      [`IHCE-PRE-${provider.nit}`, 1],
    ]);
    expect(await officerPage.locator('.status').first().textContent()).toContain('Se ha asignado token');
  }, 150_000);
});
