import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myCertificatesPut } from '../../functions/my-certificates-put';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { makeCertificate } from '../support/certificates';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { call } from '../support/test-app';

/**
 * Issue 17: the official's key form in an environment that accepts only certificates (here production) shows no
 * ClientSecret field, and in its place the provider's certificate or «El prestador debe cargar su certificado».
 * Pre-production accepts either and keeps the field.
 */
let e2e: E2e;
const providers = [providerFixture('Sin Certificado Aún'), providerFixture('Con Certificado')];
const officer = officerFixture();
let totpKey: string;
let thumbprint: string;

beforeAll(async () => {
  e2e = await startE2e({
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000b002',
    PRODUCTION_CREDENTIAL_TYPE: 'certificate',
  });
  await seedDirectory(e2e.app.services, providers, [officer]);
  ({ totpKey } = await signedInOfficer(e2e.app.services, officer));
  for (const provider of providers) {
    const delegate = await signedInDelegate(e2e.app.services, provider);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
    if (provider !== providers[1]) continue;
    const uploaded = await call(myCertificatesPut, {
      method: 'PUT',
      cookie: delegate.cookie,
      path: 'my/certificates/production',
      params: { environment: 'production' },
      body: { certificate: (await makeCertificate()).pem },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    thumbprint = uploaded.body.thumbprintSha1;
  }
}, 120_000);
afterAll(async () => e2e?.stop());

async function officerAt(width: number, nit: string): Promise<Page> {
  const { page } = await e2e.newPage(width);
  await e2e.signIn(page, `CC${officer.idNumber}`, TEST_PASSWORD);
  await e2e.passSecondFactor(page, totpKey);
  await page
    .getByRole('link', { name: /Asignar Token/ })
    .first()
    .waitFor();
  await page.goto(`${e2e.app.url}/funcionario/prestadores/${nit}`);
  await expect.poll(() => page.locator('h1').textContent()).toBe(providers.find((p) => p.nit === nit)!.name);
  await page.locator('[id="production.clientId"]').waitFor();
  return page;
}

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the official’s key form in a certificate-only environment, in Chromium', () => {
  for (const width of [1280, 360]) {
    it(`at ${width} px: production has no ClientSecret field and says the provider must upload its certificate; pre-production (either) keeps it`, async () => {
      const page = await officerAt(width, providers[0]!.nit);
      await expect
        .poll(() => page.locator('#production-solo-certificado').textContent())
        .toContain('El prestador debe cargar su certificado');
      expect(await page.locator('[id="production.clientSecret"]').count()).toBe(0);
      expect(await page.getByLabel('ClientSecret de Producción').count()).toBe(0);
      expect(await page.getByRole('button', { name: /Verificar llaves.*Producción/ }).count()).toBe(0);
      expect(await page.locator('[id="preproduction.clientSecret"]').count()).toBe(1);
      expect(await page.locator('#preproduction-solo-certificado').count()).toBe(0);

      // One «Guardar» with nothing typed: the ClientSecret is asked for pre-production only.
      await page.getByRole('button', { name: 'Guardar' }).click();
      const summary = page.locator('.error-summary');
      await expect.poll(() => summary.locator('li').count()).toBeGreaterThan(0);
      const lines = await summary.locator('li').allTextContents();
      expect(lines).toContain('Ingrese el ClientSecret de Preproducción.');
      expect(lines).toContain('Ingrese el ClientID de Producción.');
      expect(lines.filter((line) => line.includes('ClientSecret de Producción'))).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);
      await e2e.expectAccessible(page, `key-form-certificate-only-${width}`);
    }, 90_000);
  }

  it('at 360 px: with the certificate uploaded, the form shows its thumbprint and state instead of the ClientSecret, and saves production without one', async () => {
    const page = await officerAt(360, providers[1]!.nit);
    const status = page.locator('#production-solo-certificado');
    await expect.poll(() => status.textContent()).toContain(thumbprint);
    expect(await status.textContent()).toContain('Pendiente: el Ministerio lo registrará en Microsoft Entra ID');
    expect(await page.locator('[id="production.clientSecret"]').count()).toBe(0);
    // «Certificados del prestador» below tells the official to compare this thumbprint: it wraps at 360 px.
    expect(await scrollsSideways(page)).toBe(false);
    await e2e.expectAccessible(page, 'key-form-certificate-only-with-certificate-360');

    const expiresOn = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('[id="preproduction.clientId"]').fill('2b4e28ba-2fa1-41d2-883f-0016d3cca401');
    await page.locator('[id="preproduction.clientSecret"]').fill('Pre~formulario~0123456789abcdefABCD');
    await page.locator('[id="production.clientId"]').fill('2b4e28ba-2fa1-41d2-883f-0016d3cca402');
    for (const env of ['preproduction', 'production']) {
      await page.locator(`[id="${env}.expiresOn"]`).fill(expiresOn);
      await page.locator(`[id="${env}.scope"]`).fill('api://ihce/.default');
      await page.locator(`[id="${env}.endpoint"]`).fill('https://apim-ihce.example/fhir');
    }
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.locator('.notice--success').textContent()).toContain('El registro se realizó de manera correcta.');
    const stored = (await e2e.app.services.keyFiles.getFile(providers[1]!.nit)).environments;
    expect(stored.production?.clientSecretRef).toBeUndefined();
    expect(stored.preproduction?.clientSecretRef).toBeDefined();
  }, 90_000);
});
