import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerRejectionsCreate } from '../../functions/provider-rejections-create';
import { definition as providersGet } from '../../functions/providers-get';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { emailsTo } from '../support/maildev';
import { call } from '../support/test-app';

let e2e: E2e;
const providers = [providerFixture('Clínica Fecha Pasada'), providerFixture('Clínica Rechazada')];
const officer = officerFixture();
let totpKey: string;
let officerCookie: string;
const delegateUsernames: string[] = [];

beforeAll(async () => {
  e2e = await startE2e({
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PREPRODUCTION_SCOPE: 'api://ihce-preproduccion/.default',
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
    PRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000b002',
    PRODUCTION_SCOPE: 'api://ihce-produccion/.default',
    PRODUCTION_ENDPOINT: 'https://apim-ihce-produccion.example/fhir',
  });
  await seedDirectory(e2e.app.services, providers, [officer]);
  ({ totpKey, cookie: officerCookie } = await signedInOfficer(e2e.app.services, officer));
  for (const provider of providers) {
    const delegate = await signedInDelegate(e2e.app.services, provider);
    delegateUsernames.push(delegate.username);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  }
});
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
  return page;
}

const expectAccessible = (page: Page, screen: string, _width: number) => e2e.expectAccessible(page, screen);

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the official’s key form, in Chromium', () => {
  for (const width of [1280, 360]) {
    it(`at ${width} px: one «Guardar» lists every mistake once, naming its environment, with the past production date among them`, async () => {
      const page = await officerAt(width, providers[0]!.nit);
      const date = page.locator('[id="production.expiresOn"]');
      expect(await date.getAttribute('type')).toBe('date');
      await date.fill(addDays(bogotaDay(new Date()), -3));
      await page.getByRole('button', { name: 'Guardar' }).click();
      const summary = page.locator('.error-summary');
      await expect.poll(() => summary.locator('li').count()).toBeGreaterThan(0);
      const lines = await summary.locator('li').allTextContents();
      expect(lines).toEqual([
        'Ingrese el ClientID de Preproducción.',
        'Ingrese el ClientSecret de Preproducción.',
        'Ingrese la fecha de expiración de Preproducción.',
        'Ingrese el ClientID de Producción.',
        'Ingrese el ClientSecret de Producción.',
        expect.stringMatching(/^La fecha de expiración de Producción ya pasó \(.+\): elija una posterior a hoy\.$/),
      ]);
      // Focus moves to the summary in an effect after it is painted: awaited, not read once.
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      expect(await page.locator('[id="production.clientId-error"]').textContent()).toContain('Ingrese el ClientID de Producción.');
      expect(await scrollsSideways(page)).toBe(false);
      await expectAccessible(page, `key-form-errors-${width}`, width);
    }, 90_000);
  }

  it('a rejected request shows its state and reason and no form, at 1280 and 360 px', async () => {
    const p = providers[1]!;
    const version = (await call(providersGet, { cookie: officerCookie, path: `providers/${p.nit}`, params: { nit: p.nit } })).body.version;
    const rejected = await call(providerRejectionsCreate, {
      cookie: officerCookie,
      path: `providers/${p.nit}/rejections`,
      params: { nit: p.nit },
      body: { reason: 'El líder técnico no pertenece a la entidad.' },
      headers: { 'if-match': version },
    });
    expect(rejected.status).toBe(201);
    for (const width of [1280, 360]) {
      const page = await officerAt(width, p.nit);
      expect(await page.locator('.status').textContent()).toContain('Solicitud rechazada');
      const notice = page.getByRole('region', { name: 'Solicitud rechazada: no hay llaves que registrar' });
      expect(await notice.textContent()).toContain('Motivo: El líder técnico no pertenece a la entidad.');
      expect(await page.getByRole('button', { name: 'Guardar' }).count()).toBe(0);
      expect(await page.locator('[id="production.clientId"]').count()).toBe(0);
      expect(await scrollsSideways(page)).toBe(false);
      await expectAccessible(page, `provider-rejected-${width}`, width);
    }
  }, 90_000);
});

describe('an e-mail with a long link, opened on a phone', () => {
  it('fits 360 px: the link wraps and nothing scrolls sideways', async () => {
    const p = providers[0]!;
    // A password-reset link: the longest one the system sends (a token in the fragment), through the app's own queue and SMTP.
    await e2e.app.services.events.publish({ type: 'account.password-reset-requested', username: delegateUsernames[0]! });
    const resetMail = async () => (await emailsTo(p.delegate.email)).find((item) => item.subject.startsWith('Restablezca su contraseña'));
    await expect.poll(resetMail, { timeout: 20_000 }).toBeDefined();
    const mail = await resetMail();
    const link = /https?:\/\/\S+#token=\S+/.exec(mail!.text)![0];
    expect(link.length).toBeGreaterThan(60);
    const { page } = await e2e.newPage(360);
    await page.goto(`http://127.0.0.1:${inject('mailInboxPort')}/email/${mail!.id}/html`);
    await page.locator('.email-url').waitFor();
    expect(await page.locator('.email-url').textContent()).toBe(link);
    expect(await scrollsSideways(page)).toBe(false);
    const box = await page.locator('.email-url').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  }, 60_000);
});
