import type { Page } from 'playwright-core';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { emailsTo } from '../support/maildev';
import { scanStorageFor } from '../support/secret-scan';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { call } from '../support/test-app';

let e2e: E2e;
const provider = providerFixture('Clínica Santa Bárbara');
const officer = officerFixture();
const secrets = {
  pre: 'Pre~Secreto-historia.0123456789abcdef',
  pro: 'Pro~Secreto-historia.0123456789abcdef',
  rotated: 'Rot~Secreto-rotado.fedcba9876543210',
};
const future = (days: number) => addDays(bogotaDay(new Date()), days);

beforeAll(async () => {
  e2e = await startE2e({
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PREPRODUCTION_SCOPE: 'api://ihce-preproduccion/.default',
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
    PRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000b002',
    PRODUCTION_SCOPE: 'api://ihce-produccion/.default',
    PRODUCTION_ENDPOINT: 'https://apim-ihce-produccion.example/fhir',
  });
  await seedDirectory(e2e.app.services, [provider], [officer]);
});
afterAll(async () => e2e?.stop());

async function fillEnvironment(
  page: Page,
  env: 'preproduction' | 'production',
  values: { clientId: string; clientSecret?: string; expiresOn: string },
) {
  await page.locator(`[id="${env}.clientId"]`).fill(values.clientId);
  if (values.clientSecret) await page.locator(`[id="${env}.clientSecret"]`).fill(values.clientSecret);
  await page.locator(`[id="${env}.expiresOn"]`).fill(values.expiresOn);
}

describe('the seed story, end to end in Chromium', () => {
  it('request → Asignar Token → delegate sees the keys → Resolicitud → Actualizar Token found three ways → delegate sees the new keys; no secret in tables, queues, logs or e-mail', async () => {
    const { app } = e2e;
    const delegate = await signedInDelegate(app.services, provider);
    const { totpKey } = await signedInOfficer(app.services, officer);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);

    const officerPage = (await e2e.newPage()).page;
    await e2e.signIn(officerPage, `CC${officer.idNumber}`, TEST_PASSWORD);
    await e2e.passSecondFactor(officerPage, totpKey);
    // Issue 16: the officials' menu has the same link: the home's card is the guide's.
    await officerPage
      .getByRole('main')
      .getByRole('link', { name: /Asignar Token/ })
      .click();
    await expect.poll(() => officerPage.locator('table').textContent()).toContain(provider.name);
    expect(await officerPage.locator('table').textContent()).toContain('Token solicitados por primera vez');
    await e2e.expectAccessible(officerPage, '17-asignar-token');
    await officerPage.getByRole('link', { name: `Ingresar Info de ${provider.name}` }).click();
    await expect.poll(() => officerPage.locator('h1').textContent()).toBe(provider.name);
    expect(await officerPage.locator('[id="production.tenantId"]').inputValue()).toBe('00000000-0000-4000-8000-00000000b002');
    await fillEnvironment(officerPage, 'preproduction', {
      clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca401',
      clientSecret: secrets.pre,
      expiresOn: future(365),
    });
    await fillEnvironment(officerPage, 'production', {
      clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca402',
      clientSecret: secrets.pro,
      expiresOn: future(365),
    });
    await e2e.expectAccessible(officerPage, '18-ingresar-info');
    await officerPage.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => officerPage.getByRole('status').first().textContent()).toContain('El registro se realizó de manera correcta.');
    await expect.poll(() => officerPage.locator('.status').textContent()).toContain('Se ha asignado token');
    await e2e.expectAccessible(officerPage, '19-registro-correcto');

    const delegatePage = (await e2e.newPage()).page;
    await e2e.signIn(delegatePage, delegate.username, TEST_PASSWORD);
    await expect.poll(() => delegatePage.locator('.status').textContent()).toContain('Se ha asignado token');
    const production = delegatePage.getByRole('article', { name: 'Producción', exact: true });
    expect(await production.textContent()).toContain('1b4e28ba-2fa1-41d2-883f-0016d3cca402');
    await production.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).click();
    // Production asks the delegate to confirm a second factor first (step-up): enrolled here, then back to Paso 2.
    await e2e.enrolTotpThroughUi(delegatePage);
    await expect.poll(() => production.locator('code.secret').textContent()).toBe(secrets.pro);

    await delegatePage.getByRole('link', { name: /Resolicitud Token/ }).click();
    await delegatePage.getByLabel('Motivo de la resolicitud').fill('Cambio de proveedor tecnológico del HIS.');
    await delegatePage.getByLabel('Aceptación términos para la solicitud de token').check();
    await delegatePage.getByLabel('Autorización de datos personales').check();
    await delegatePage.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect.poll(() => delegatePage.locator('table').textContent()).toContain('Resolicitud de token');

    await officerPage.goto(`${app.url}/funcionario/actualizar`);
    for (const query of [provider.nit, 'BARBARA', provider.habilitationCode]) {
      await officerPage.getByLabel('Buscar entidad').fill(query);
      await officerPage.getByRole('button', { name: 'Buscar' }).click();
      await expect
        .poll(
          () =>
            officerPage
              .locator('table')
              .textContent()
              .catch(() => ''),
          { message: query },
        )
        .toContain(provider.name);
    }
    await e2e.expectAccessible(officerPage, '20-actualizar-token');
    await officerPage.getByRole('link', { name: `Actualizar Info de ${provider.name}` }).click();
    await expect.poll(() => officerPage.locator('#datos-solicitud').count()).toBe(1);
    expect(await officerPage.locator('.summary').textContent()).toContain('Cambio de proveedor tecnológico del HIS.');
    await fillEnvironment(officerPage, 'production', {
      clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca403',
      clientSecret: secrets.rotated,
      expiresOn: future(500),
    });
    await officerPage.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => officerPage.getByRole('status').first().textContent()).toContain('El registro se realizó de manera correcta.');
    await e2e.expectAccessible(officerPage, '21-actualizar-info');
    // The replaced secret stays readable by officials, for audit.
    await officerPage.getByText('Versiones del ClientSecret de Producción (2)').click();
    // A typed-in secret: the reveal asks for a reason first, in Spanish, at its field.
    await officerPage.getByRole('button', { name: 'Mostrar versión anterior del ClientSecret de Producción' }).click();
    await expect
      .poll(() => officerPage.locator('[id="motivo-production-error"]').textContent())
      .toMatch(/El motivo debe tener al menos 15 caracteres/);
    await officerPage.getByLabel(/^Motivo para ver un ClientSecret de Producción/).fill('Auditoría de la rotación de llaves');
    await e2e.capture(officerPage, '32-motivo-para-ver-secreto');
    await officerPage.getByRole('button', { name: 'Mostrar versión anterior del ClientSecret de Producción' }).click();
    await expect.poll(() => officerPage.locator('.versions code').first().textContent()).toBe(secrets.pro);

    await delegatePage.goto(`${app.url}/`);
    await expect.poll(() => delegatePage.locator('.status').textContent()).toContain('Se ha asignado token');
    const updated = delegatePage.getByRole('article', { name: 'Producción', exact: true });
    expect(await updated.textContent()).toContain('1b4e28ba-2fa1-41d2-883f-0016d3cca403');
    await updated.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).click();
    await expect.poll(() => updated.locator('code.secret').first().textContent()).toBe(secrets.rotated);
    // The replaced key keeps working during the overlap, shown apart and labelled, with its end date.
    const earlier = updated.getByRole('region', { name: 'Llave anterior de Producción (periodo de transición)' });
    expect(await earlier.textContent()).toContain('1b4e28ba-2fa1-41d2-883f-0016d3cca402');
    expect(await earlier.textContent()).toContain('sigue funcionando hasta el');
    await earlier.getByRole('button', { name: 'Mostrar ClientSecret anterior de Producción' }).click();
    await expect.poll(() => earlier.locator('code.secret').textContent()).toBe(secrets.pro);
    await e2e.expectAccessible(delegatePage, '22-llave-anterior');
    expect(await delegatePage.getByRole('article', { name: 'Preproducción', exact: true }).textContent()).toContain(
      '1b4e28ba-2fa1-41d2-883f-0016d3cca401',
    );

    // Let the worker send the notices, then look everywhere a secret must never be.
    await expect.poll(async () => (await emailsTo(provider.delegate.email)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const all = Object.values(secrets);
    const storage = await scanStorageFor(e2e.env, all);
    expect(storage.hits).toEqual([]);
    expect(storage.scanned.rows).toBeGreaterThan(20);
    expect(e2e.logs.length).toBeGreaterThan(10);
    for (const line of e2e.logs) for (const secret of all) expect(line).not.toContain(secret);
    for (const mail of [...(await emailsTo(provider.delegate.email)), ...(await emailsTo(officer.email))]) {
      for (const secret of all) expect(mail.text + mail.html).not.toContain(secret);
    }
  }, 120_000);
});
