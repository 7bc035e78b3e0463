import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myCertificatesPut } from '../../functions/my-certificates-put';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providersGet } from '../../functions/providers-get';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { addDays, bogotaDay, daysBetween } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { makeCertificate } from '../support/certificates';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { axeViolations } from '../support/browser';
import { call } from '../support/test-app';

let e2e: E2e;
let entra: EntraSimulator;
const provider = providerFixture('Certificado Navegador');
const officer = officerFixture();
let delegateUsername: string;
let delegateCookie: string;
let officerTotpKey: string;

beforeAll(async () => {
  entra = await startEntraSimulator();
  e2e = await startE2e({
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PREPRODUCTION_CREDENTIAL_TYPE: 'certificate',
  });
  await seedDirectory(e2e.app.services, [provider], [officer]);
  const delegate = await signedInDelegate(e2e.app.services, provider);
  delegateUsername = delegate.username;
  delegateCookie = delegate.cookie;
  expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  // The official assigns: pre-production generated in Entra ID (the provider's application), production typed by hand.
  const { cookie, totpKey } = await signedInOfficer(e2e.app.services, officer);
  officerTotpKey = totpKey;
  const file = await call(providersGet, { cookie, path: `providers/${provider.nit}`, params: { nit: provider.nit } });
  const common = {
    expiresOn: addDays(bogotaDay(new Date()), 300),
    scope: 'api://ihce/.default',
    endpoint: 'https://apim-ihce.example/fhir',
  };
  const saved = await call(providerCredentialsPut, {
    method: 'PUT',
    cookie,
    path: `providers/${provider.nit}/credentials`,
    params: { nit: provider.nit },
    headers: { 'if-match': file.headers.get('etag')! },
    body: {
      preproduction: { mode: 'entra', ...common },
      production: {
        mode: 'manual',
        clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
        clientSecret: 'Prd~certificados~0123456789abcdefABCD',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        ...common,
      },
    },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}, 120_000);
afterAll(async () => {
  await e2e?.stop();
  await entra?.close();
});

describe('certificates on Paso 2, in Chromium', () => {
  it('a delegate uploads a certificate: a wrong file is explained in Spanish, the right one lands on the simulated application as a key credential and appears on Paso 2 (1280 and 360 px, axe)', async () => {
    const { page } = await e2e.newPage();
    await e2e.signIn(page, delegateUsername, TEST_PASSWORD);
    const panel = page.getByRole('region', { name: 'Certificados (autenticación sin secreto)' });
    await panel.waitFor();
    const preCard = page.getByRole('article', { name: 'Preproducción', exact: true });
    // Certificate-only pre-production: no ClientSecret on the card; it asks for the certificate instead.
    await expect.poll(() => preCard.textContent()).toContain('Certificado (client assertion): este ambiente no usa ClientSecret.');
    expect(await preCard.getByRole('button', { name: /ClientSecret/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).count()).toBe(1);

    const upload = page.getByRole('article', { name: 'Certificado de Preproducción' });
    // A private key is refused with the message that says never to send it.
    const ends = new Date(Date.now() + 200 * 86_400_000);
    const { pem, der, privateKeyPem } = await makeCertificate({ key: 'ec256', notAfter: ends });
    await upload.getByLabel('Certificado público de Preproducción').setInputFiles({
      name: 'llave.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(pem + privateKeyPem),
    });
    await upload.getByRole('button', { name: 'Cargar certificado de Preproducción' }).click();
    await expect
      .poll(() =>
        upload
          .getByRole('alert')
          .textContent()
          .catch(() => ''),
      )
      .toContain('Nunca envíe la llave privada');
    await e2e.expectAccessible(page, '30-certificado-rechazado');

    // The vendor's .cer (DER) is accepted.
    await upload
      .getByLabel('Certificado público de Preproducción')
      .setInputFiles({ name: 'his.cer', mimeType: 'application/pkix-cert', buffer: der });
    await upload.getByRole('button', { name: 'Cargar certificado de Preproducción' }).click();
    const sha1 = createHash('sha1').update(der).digest('hex').toUpperCase();
    await expect.poll(() => preCard.textContent(), { timeout: 15_000 }).toContain(sha1);
    expect(await upload.textContent()).toContain('Registrado en la aplicación del prestador en Microsoft Entra ID');
    expect(await preCard.textContent()).toContain('CN=his-proveedor.example.co');
    expect(await preCard.textContent()).toContain(createHash('sha256').update(der).digest('hex').toUpperCase());
    // Its end date counted as the ClientSecret's «Fecha de expiración» is (issue 17: the certificate is what expires).
    expect(await preCard.locator('[data-certificate-expiry]').textContent()).toBe(
      `(quedan ${daysBetween(bogotaDay(new Date()), bogotaDay(ends))} días)`,
    );

    // On the provider's application in the (simulated) Entra ID, as a key credential.
    const application = entra.applications().find((app) => app.displayName === `IHCE-PRE-${provider.nit}`)!;
    expect(application.keyCredentials).toEqual([
      expect.objectContaining({
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.toString('base64'),
        customKeyIdentifier: Buffer.from(sha1, 'hex').toString('base64'),
      }),
    ]);
    expect(await preCard.textContent()).toContain(application.appId);
    await e2e.expectAccessible(page, '31-certificado-en-paso-2');

    // The .cer download gives back the certificate.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      upload.getByRole('link', { name: /Descargar certificado/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ihce-preproduction-${provider.nit}.cer`);

    // A phone: nothing scrolls sideways, axe is clean.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await expect.poll(() => page.getByRole('article', { name: 'Preproducción', exact: true }).textContent()).toContain(sha1);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('where production registers by hand, the official sees the certificate, downloads the .cer and marks it registered (axe)', async () => {
    const { pem, der } = await makeCertificate({ key: 'rsa2048' });
    const uploaded = await call(myCertificatesPut, {
      method: 'PUT',
      cookie: delegateCookie,
      path: 'my/certificates/production',
      params: { environment: 'production' },
      body: { certificate: pem },
    });
    expect(uploaded.body.registration).toBe('pending');
    const { page } = await e2e.newPage();
    await e2e.signIn(page, `CC${officer.idNumber}`, TEST_PASSWORD);
    await e2e.passSecondFactor(page, officerTotpKey);
    await page
      .getByRole('link', { name: /Asignar Token/ })
      .first()
      .waitFor();
    await page.goto(`${e2e.app.url}/funcionario/prestadores/${provider.nit}`);
    const section = page.getByRole('region', { name: 'Certificados del prestador' });
    const production = section.getByRole('article', { name: 'Certificado de Producción' });
    const sha1 = createHash('sha1').update(der).digest('hex').toUpperCase();
    await expect.poll(() => production.textContent().catch(() => ''), { timeout: 15_000 }).toContain(sha1);
    expect(await production.textContent()).toContain('Pendiente: el Ministerio lo registrará en Microsoft Entra ID');
    await e2e.expectAccessible(page, '32-certificado-funcionario');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      production.getByRole('link', { name: /Descargar certificado/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ihce-production-${provider.nit}.cer`);
    await production.getByRole('button', { name: /Marcar como registrado en Entra ID/ }).click();
    await expect.poll(() => production.textContent()).toContain('Registrado por el Ministerio en Microsoft Entra ID');
    await expect
      .poll(() => page.getByRole('region', { name: 'Trazabilidad' }).textContent())
      .toContain('Un funcionario registró a mano en Microsoft Entra ID el certificado de Producción');
  }, 120_000);

  it('the delegate creates a one-time link; the technical lead opens it without an account, uploads the certificate once (1280 and 360 px, axe)', async () => {
    const { page } = await e2e.newPage();
    await e2e.signIn(page, delegateUsername, TEST_PASSWORD);
    const upload = page.getByRole('article', { name: 'Certificado de Preproducción' });
    await upload.getByRole('button', { name: 'Crear enlace para el proveedor (Preproducción)' }).click();
    const url = await expect
      .poll(() =>
        upload
          .locator('code.certificate-link__url')
          .textContent()
          .catch(() => ''),
      )
      .toMatch(/certificado-proveedor#token=/)
      .then(() => upload.locator('code.certificate-link__url').textContent());
    expect(await upload.textContent()).toContain('Sirve una sola vez');

    const vendor = (await e2e.newPage(360)).page;
    await vendor.setViewportSize({ width: 360, height: 740 });
    await vendor.goto(url!);
    await vendor.getByRole('heading', { name: 'Cargar el certificado del proveedor' }).waitFor();
    // The token leaves the address bar at once.
    expect(vendor.url()).not.toContain('token=');
    await e2e.expectAccessible(vendor, '33-enlace-proveedor');
    const { der } = await makeCertificate({ key: 'rsa2048' });
    await vendor.getByLabel('Certificado público').setInputFiles({ name: 'his.cer', mimeType: 'application/pkix-cert', buffer: der });
    await vendor.getByRole('button', { name: 'Cargar certificado' }).click();
    await vendor.getByRole('heading', { name: 'Certificado cargado' }).waitFor({ timeout: 15_000 });
    const sha1 = createHash('sha1').update(der).digest('hex').toUpperCase();
    expect(await vendor.getByRole('status').first().textContent()).toContain(sha1);
    const widths = await vendor.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(await axeViolations(vendor)).toEqual([]);
    const application = entra.applications().find((app) => app.displayName === `IHCE-PRE-${provider.nit}`)!;
    expect(application.keyCredentials!.map((k) => k.customKeyIdentifier)).toContain(Buffer.from(sha1, 'hex').toString('base64'));

    // The same link a second time: refused, in Spanish.
    const again = (await e2e.newPage()).page;
    await again.goto(url!);
    await again.getByLabel('Certificado público').setInputFiles({ name: 'his.cer', mimeType: 'application/pkix-cert', buffer: der });
    await again.getByRole('button', { name: 'Cargar certificado' }).click();
    await expect
      .poll(() =>
        again
          .getByRole('alert')
          .textContent()
          .catch(() => ''),
      )
      .toContain('Este enlace ya se usó');
  }, 120_000);
});
