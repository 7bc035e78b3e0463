import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';

let e2e: E2e;
const providers = { 1280: providerFixture('Radicado Ancho'), 360: providerFixture('Radicado Angosto') };
const officer = officerFixture();
let totpKey: string;
const RADICADO = /IHCE-\d{4}-\d{6}/;
/** Pages load and the API answers while other suites share the machine's cores. */
const SLOW = { timeout: 10_000 };

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, Object.values(providers), [officer]);
  ({ totpKey } = await signedInOfficer(e2e.app.services, officer));
});
afterAll(async () => e2e?.stop());

/** Paso 1 filled in by field id (the labels are the guide's and may be reworded). */
async function fillRequest(page: Page) {
  await page.locator('[id="techVendorName"]').fill('Soluciones Clínicas Andinas S.A.S.');
  await page.locator('[id="softwareName"]').fill('HistoriaAndina HIS 5');
  await page.locator('[id="techLead.name"]').fill('Camilo Ríos Pardo');
  await page.locator('[id="techLead.email"]').fill('camilo.rios@ips-radicado.example');
  await page.locator('[id="techLead.phone"]').fill('310 555 1234');
  await page.locator('[id="dataProtectionOfficer.name"]').fill('Diana Lucía Mora');
  await page.locator('[id="dataProtectionOfficer.phone"]').fill('601 555 1234');
  await page.locator('[id="acceptsTerms"]').check();
  await page.locator('[id="authorizesPersonalData"]').check();
}

describe('the radicado, as people see it in Chromium', () => {
  for (const width of [1280, 360] as const) {
    it(`at ${width} px: the delegate reads it after «Generar Llaves de Acceso» and in the history; the official on Asignar Token, on the provider page with who asked, and finds it by searching`, async () => {
      const { app } = e2e;
      const who = providers[width];
      const delegate = await signedInDelegate(app.services, who);
      const { page } = await e2e.newPage(width);
      await e2e.signIn(page, delegate.username, TEST_PASSWORD);
      await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Gestión de llaves de acceso');
      await page.goto(`${app.url}/delegado/inscripcion`);
      await fillRequest(page);
      await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();

      await expect.poll(() => page.getByRole('status').first().textContent(), SLOW).toMatch(RADICADO);
      const radicado = RADICADO.exec((await page.getByRole('status').first().textContent())!)![0];
      expect(await page.locator('table').textContent()).toContain(radicado);
      await e2e.expectAccessible(page, `radicado-confirmacion-${width}`);
      await page.goto(`${app.url}/`);
      await expect.poll(() => page.locator('section[aria-labelledby="historial"] table').textContent(), SLOW).toContain(radicado);

      const officerPage = (await e2e.newPage(width)).page;
      await e2e.signIn(officerPage, `CC${officer.idNumber}`, TEST_PASSWORD);
      await e2e.passSecondFactor(officerPage, totpKey);
      await expect.poll(() => officerPage.locator('h1').textContent(), SLOW).not.toBe('Verificación en dos pasos');
      await officerPage.goto(`${app.url}/funcionario/asignar`);
      await expect.poll(() => officerPage.locator('table').textContent(), SLOW).toContain(radicado);
      await e2e.expectAccessible(officerPage, `radicado-asignar-token-${width}`);

      await officerPage.getByRole('link', { name: `Ingresar Info de ${who.name}` }).click();
      await expect.poll(() => officerPage.locator('h1').textContent(), SLOW).toBe(who.name);
      const details = await officerPage.locator('#datos-solicitud').locator('..').textContent();
      expect(details).toContain(radicado);
      expect(details).toContain(`${who.delegate.firstNames} ${who.delegate.lastNames} · ${who.delegate.email}`);

      await officerPage.goto(`${app.url}/funcionario/actualizar`);
      await officerPage.getByLabel('Buscar entidad').fill(radicado.toLowerCase());
      await officerPage.getByRole('button', { name: 'Buscar' }).click();
      await expect.poll(() => officerPage.locator('table').textContent(), SLOW).toContain(who.name);
      expect(await officerPage.locator('table').textContent()).toContain(`radicado ${radicado}`);
      await e2e.expectAccessible(officerPage, `radicado-busqueda-${width}`);
    });
  }
});
