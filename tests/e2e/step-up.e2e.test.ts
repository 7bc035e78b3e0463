import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { addVirtualAuthenticator } from '../support/browser';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { emailsTo } from '../support/maildev';
import { call } from '../support/test-app';

let e2e: E2e;
const withPasskey = providerFixture('Paso adicional llave');
const withApp = providerFixture('Paso adicional app');
const rescuer = officerFixture();
const preSecret = (p: ProviderFixture) => `pre~${p.nit}~Secreto.0123456789abcdef`;
const proSecret = (p: ProviderFixture) => `pro~${p.nit}~Secreto.fedcba9876543210`;
const STEP_UP_NOTE = /Por seguridad, para ver las llaves de Producción confirme que es usted/;

/** A delegate with an account, a request and keys for both environments (assigned through the use case). */
async function delegateWithKeys(provider: ProviderFixture) {
  const { cookie } = await signedInDelegate(e2e.app.services, provider);
  expect((await call(myRequestsCreate, { cookie, body: validRequest('first') })).status).toBe(201);
  const environment = (suffix: string, secret: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${suffix}`,
    clientSecret: secret,
    expiresOn: addDays(bogotaDay(new Date()), 200),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${suffix}/.default`,
    endpoint: `https://apim-ihce-${suffix}.azure-api.example/fhir`,
  });
  const official = {
    username: 'CC1000000001',
    fullName: 'x',
    role: 'officer' as const,
    roleCode: 'ROL IHCE MSPS',
    roleLabel: 'Funcionario MSPS',
  };
  await e2e.app.services.credentialAssignment.assign(
    official,
    provider.nit,
    { preproduction: environment('01', preSecret(provider)), production: environment('02', proSecret(provider)) },
    {},
  );
}

async function signInToPaso2(page: Page, provider: ProviderFixture) {
  await e2e.signIn(page, `CC${provider.delegate.idNumber}-${provider.nit}`, TEST_PASSWORD);
  await expect.poll(() => page.locator('#paso-2').textContent()).toBe('Paso 2 – Visualización de las llaves');
}

/** Pre-production needs no second factor: «Mostrar» answers on the spot. */
async function revealPreproduction(page: Page, provider: ProviderFixture) {
  const pre = page.getByRole('article', { name: 'Preproducción', exact: true });
  await pre.getByRole('button', { name: 'Mostrar ClientSecret de Preproducción' }).click();
  await expect.poll(() => pre.locator('code.secret').textContent()).toBe(preSecret(provider));
  expect(new URL(page.url()).pathname).toBe('/');
}

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, [withPasskey, withApp], [rescuer]);
  await delegateWithKeys(withPasskey);
  await delegateWithKeys(withApp);
});
afterAll(async () => e2e?.stop());

describe('delegates confirm a second factor before production secrets (step-up), in Chromium', () => {
  it("a delegate enrols a passkey (Chromium's virtual authenticator) at «Mostrar» of production and comes back to see it; pre-production needs none", async () => {
    const { page, problems } = await e2e.newPage();
    const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
    await signInToPaso2(page, withPasskey);
    await revealPreproduction(page, withPasskey);

    const production = page.getByRole('article', { name: 'Producción', exact: true });
    expect(await production.textContent()).toContain('Por seguridad, para ver, copiar o descargar las llaves de Producción');
    await production.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Configure su segundo factor');
    expect(await page.getByRole('note').textContent()).toMatch(STEP_UP_NOTE);
    expect(await page.content()).not.toContain(proSecret(withPasskey));
    await e2e.expectAccessible(page, '40-paso-adicional-inscripcion');
    await page.getByRole('button', { name: 'Usar llave de acceso (passkey)' }).click();

    await expect.poll(() => production.locator('code.secret').textContent(), { timeout: 10_000 }).toBe(proSecret(withPasskey));
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await production.getByRole('status').first().textContent()).toContain('El ClientSecret de Producción se muestra abajo');
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    await e2e.expectAccessible(page, '41-paso-adicional-de-vuelta');

    // Within the 10 minutes, «Copiar» works at once.
    await production.getByRole('button', { name: 'Copiar ClientSecret de Producción' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(proSecret(withPasskey));
    expect(problems).toEqual([]);
  });

  it('another delegate enrols an authenticator app at «Descargar configuración» of production; back at Paso 2 the file downloads by itself', async () => {
    const { page, problems } = await e2e.newPage();
    await signInToPaso2(page, withApp);
    await revealPreproduction(page, withApp);
    const pre = page.getByRole('article', { name: 'Preproducción', exact: true });
    const [preFile] = await Promise.all([
      page.waitForEvent('download'),
      pre.getByRole('button', { name: /Descargar configuración de Preproducción/ }).click(),
    ]);
    expect(preFile.suggestedFilename()).toBe(`ihce-preproduction-${withApp.nit}.postman_environment.json`);

    const production = page.getByRole('article', { name: 'Producción', exact: true });
    await production.getByRole('button', { name: /Descargar configuración de Producción/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Configure su segundo factor');
    expect(await page.getByRole('note').textContent()).toMatch(STEP_UP_NOTE);
    const downloading = page.waitForEvent('download', { timeout: 15_000 });
    await e2e.enrolTotpThroughUi(page);
    const file = await downloading;
    expect(new URL(page.url()).pathname).toBe('/');
    expect(file.suggestedFilename()).toBe(`ihce-production-${withApp.nit}.postman_environment.json`);
    const postman = JSON.parse(await readFile((await file.path())!, 'utf8'));
    expect(postman.values.find((v: { key: string }) => v.key === 'clientSecret').value).toBe(proSecret(withApp));
    await expect.poll(() => production.textContent()).toContain('La configuración de Producción se está descargando');

    await production.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).click();
    await expect.poll(() => production.locator('code.secret').textContent()).toBe(proSecret(withApp));
    expect(problems).toEqual([]);
  });

  it('an official resets the lost factor of the delegate from the home page, with a reason: audited, e-mailed, and the next production secret asks to enrol again', async () => {
    const official = await signedInOfficer(e2e.app.services, rescuer);
    const { page, problems } = await e2e.newPage();
    await e2e.signIn(page, official.username, TEST_PASSWORD);
    await e2e.passSecondFactor(page, official.totpKey);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Asignación de llaves de acceso');
    const form = page.getByRole('form', { name: 'Restablecer segundo factor' });
    const delegateUsername = `CC${withApp.delegate.idNumber}-${withApp.nit}`;
    await form.getByLabel(/^Usuario de la persona/).fill(delegateUsername);
    await form.getByRole('button', { name: 'Restablecer segundo factor' }).click();
    await expect.poll(() => page.locator('[id="reason-error"]').textContent()).toContain('Escriba el motivo del restablecimiento');
    await e2e.expectAccessible(page, '42-restablecer-segundo-factor');
    await form.getByLabel(/^Motivo del restablecimiento/).fill('Perdió el teléfono; identidad verificada por llamada.');
    await form.getByRole('button', { name: 'Restablecer segundo factor' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Se restableció el segundo factor');
    const audit = await e2e.app.services.audit.list(`user:${delegateUsername}`);
    expect(audit[0]).toMatchObject({
      action: 'segundo-factor.restablecido',
      actor: official.username,
      detail: { motivo: 'Perdió el teléfono; identidad verificada por llamada.' },
    });
    await expect
      .poll(async () => (await emailsTo(withApp.delegate.email)).map((mail) => mail.subject), { timeout: 15_000 })
      .toContain('Se restableció su segundo factor de IHCE – Llaves de acceso');

    const delegatePage = (await e2e.newPage()).page;
    await signInToPaso2(delegatePage, withApp);
    const production = delegatePage.getByRole('article', { name: 'Producción', exact: true });
    await production.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).click();
    await expect.poll(() => delegatePage.locator('h1').textContent()).toBe('Configure su segundo factor');
    expect(problems).toEqual([]);
  });
});
