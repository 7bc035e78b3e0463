import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerSecretGet } from '../../functions/provider-secret-get';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { axeViolations } from '../support/browser';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { call } from '../support/test-app';

let e2e: E2e;
// Long names on purpose: a real provider's name is what breaks a phone's layout.
const waiting = providerFixture('Empresa Social del Estado Hospital Departamental Universitario San Juan de Dios');
const keyed = [providerFixture('Clínica Odontológica Integral del Caribe'), providerFixture('Fundación Cardiovascular')] as const;
const officers = [officerFixture(), officerFixture()] as const;
const cookies: Record<string, string> = {};
const PHONE = 360;

/** Keys for both environments, assigned through the use case (what «Guardar» does). */
async function assignKeys(provider: ProviderFixture) {
  const environment = (suffix: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${suffix}`,
    clientSecret: `movil~${provider.nit}~${suffix}~Secreto.0123456789abcdef`,
    expiresOn: addDays(bogotaDay(new Date()), suffix === '01' ? 30 : 300),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${suffix}/.default`,
    endpoint: `https://apim-ihce-${suffix}.azure-api.example/fhir/r4/Patient-y-otros-recursos-largos`,
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
    { preproduction: environment('01'), production: environment('02') },
    {},
  );
}

beforeAll(async () => {
  e2e = await startE2e({ OFFICER_REVEAL_BURST_PROVIDERS: '1', MSPS_SECURITY_EMAILS: 'seguridad@minsalud-pruebas.example' });
  await seedDirectory(e2e.app.services, [waiting, ...keyed], [...officers]);
  const [blocked, colleague] = [await signedInOfficer(e2e.app.services, officers[0]), await signedInOfficer(e2e.app.services, officers[1])];
  cookies.officer = colleague.cookie;
  for (const provider of [waiting, ...keyed]) {
    const delegate = await signedInDelegate(e2e.app.services, provider);
    cookies[provider.nit] = delegate.cookie;
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  }
  for (const provider of keyed) await assignKeys(provider);
  expect((await call(myRequestsCreate, { cookie: cookies[keyed[1].nit]!, body: validRequest('renewal') })).status).toBe(201);
  // A burst of reveals blocks the first official: the colleague's home lists it («Revelaciones bloqueadas»).
  for (const provider of keyed) {
    await call(providerSecretGet, {
      cookie: blocked.cookie,
      path: `providers/${provider.nit}/credentials/production/secret?reason=${encodeURIComponent('Revisión de control interno')}`,
      params: { nit: provider.nit, environment: 'production' },
    });
  }
}, 240_000);
afterAll(async () => e2e?.stop());

/** A phone (360 × 740), signed in with `cookie` when given. */
async function phone(cookie?: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await e2e.newPage(PHONE);
  await opened.page.setViewportSize({ width: PHONE, height: 740 });
  if (cookie) {
    const [name, value] = cookie.split(/=(.*)/s) as [string, string];
    await opened.page.context().addCookies([{ name, value, url: e2e.app.url }]);
  }
  return opened;
}

/** Nothing scrolls sideways (neither the page nor a box inside it), every row's action is on screen, and axe is clean. */
async function expectFitsPhone(page: Page, screen: string) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    boxes: [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
  }));
  expect(widths.page, `${screen}: ancho de la página`).toBeLessThanOrEqual(widths.viewport);
  expect(widths.boxes, `${screen}: cajas con desplazamiento lateral`).toEqual([]);
  for (const row of await page.locator('.table tbody tr').all()) {
    const action = row.locator('a.button, button');
    if ((await action.count()) === 0) continue;
    const box = (await action.first().boundingBox())!;
    expect(box, `${screen}: botón de la fila`).not.toBeNull();
    expect(box.x, `${screen}: botón de la fila`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${screen}: botón de la fila`).toBeLessThanOrEqual(PHONE);
    expect(box.width, `${screen}: el botón de la fila ocupa el ancho de la tarjeta`).toBeGreaterThan(PHONE * 0.7);
  }
  const violations = await axeViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function visit(page: Page, path: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(`${e2e.app.url}${path}`);
  await page.locator('h1').first().waitFor();
  await ready(page);
}

const text = (page: Page, selector: string) => () =>
  page
    .locator(selector)
    .first()
    .textContent()
    .catch(() => '');

describe('every screen on a phone (360 px) in Chromium', () => {
  it('signed out: Ingreso, Registro (both kinds of user), ¿Olvidó su contraseña?', async () => {
    const { page, problems } = await phone();
    await visit(page, '/ingresar', () => page.getByLabel('No soy un robot').waitFor());
    await expectFitsPhone(page, 'ingreso');
    await visit(page, '/registro', () => page.getByLabel('Delegado Administrativo').check());
    await page.getByLabel('NIT de la entidad').waitFor();
    await expectFitsPhone(page, 'registro delegado');
    await page.getByLabel('Otro Usuario').check();
    await expectFitsPhone(page, 'registro otro usuario');
    await visit(page, '/recuperar', () => page.getByLabel('No soy un robot').waitFor());
    await expectFitsPhone(page, 'recuperar');
    await visit(page, '/activar', () => expect.poll(text(page, 'h1')).toBe('Activar cuenta'));
    await expectFitsPhone(page, 'activar');
    await visit(page, '/no-existe', () => expect.poll(text(page, 'h1')).toBe('Página no encontrada'));
    await expectFitsPhone(page, 'página no encontrada');
    expect(problems).toEqual([]);
  }, 60_000);

  it('the delegate: Paso 2 with the key cards, the request form, the history of a waiting request', async () => {
    const withKeys = await phone(cookies[keyed[0].nit]);
    await visit(withKeys.page, '/', () => withKeys.page.getByRole('article', { name: 'Producción', exact: true }).waitFor());
    await e2e.capture(withKeys.page, '15b-paso-2-movil'); // before any secret is shown
    await withKeys.page.getByRole('button', { name: 'Mostrar ClientSecret de Preproducción' }).click();
    await expect.poll(text(withKeys.page, 'code.secret')).toContain('movil~');
    await expectFitsPhone(withKeys.page, 'paso 2');
    // Production asks for a second factor first: the authenticator app's QR code and key fit too.
    await withKeys.page.getByRole('button', { name: 'Mostrar ClientSecret de Producción' }).click();
    await withKeys.page.getByRole('button', { name: 'Usar aplicación de autenticación' }).click();
    await withKeys.page.locator('.totp-setup__key').waitFor();
    await expectFitsPhone(withKeys.page, 'paso adicional: aplicación de autenticación');
    await visit(withKeys.page, '/delegado/resolicitud', () =>
      withKeys.page.getByRole('button', { name: 'Generar Llaves de Acceso' }).waitFor(),
    );
    await expectFitsPhone(withKeys.page, 'resolicitud');
    await withKeys.page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await withKeys.page.getByRole('alert').first().waitFor();
    await expectFitsPhone(withKeys.page, 'resolicitud con errores');

    const pending = await phone(cookies[waiting.nit]);
    await visit(pending.page, '/', () => pending.page.locator('.table').first().waitFor());
    await expectFitsPhone(pending.page, 'solicitud en espera');
    expect([...withKeys.problems, ...pending.problems]).toEqual([]);
  }, 60_000);

  it('the official: home with blocked reveals, Asignar Token, Actualizar Token (search and expiring), a provider page', async () => {
    const { page, problems } = await phone(cookies.officer);
    await visit(page, '/', () => page.getByRole('heading', { name: 'Revelaciones bloqueadas' }).waitFor());
    await expectFitsPhone(page, 'inicio funcionario');
    await visit(page, '/funcionario/asignar', () => expect.poll(text(page, '.table')).toContain(keyed[1].name));
    expect(await page.locator('.table tbody tr').count()).toBe(2);
    await expectFitsPhone(page, 'asignar token');
    await e2e.capture(page, '17b-asignar-token-movil');
    await visit(page, '/funcionario/actualizar', () => expect.poll(text(page, '.table')).toContain(keyed[0].name));
    await expectFitsPhone(page, 'actualizar token');
    await visit(page, '/funcionario/actualizar?filtro=por-vencer', () => expect.poll(text(page, '.table')).toContain(keyed[0].name));
    await expectFitsPhone(page, 'actualizar token por vencer');
    await visit(page, `/funcionario/prestadores/${keyed[1].nit}`, () => expect.poll(text(page, 'h1')).toBe(keyed[1].name));
    await page.getByRole('button', { name: 'Guardar' }).waitFor();
    await expectFitsPhone(page, 'prestador');
    await visit(page, `/funcionario/prestadores/${waiting.nit}`, () => expect.poll(text(page, 'h1')).toBe(waiting.name));
    await expectFitsPhone(page, 'prestador en espera');
    expect(problems).toEqual([]);
  }, 60_000);

  it('on a computer (1280 px) the same list stays a table: headers in a row, no card labels, nothing scrolls sideways', async () => {
    const { page, problems } = await e2e.newPage(1280);
    const [name, value] = cookies.officer!.split(/=(.*)/s) as [string, string];
    await page.context().addCookies([{ name, value, url: e2e.app.url }]);
    await visit(page, '/funcionario/asignar', () => expect.poll(text(page, '.table')).toContain(keyed[1].name));
    const headers = await page.locator('.table thead th').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().top));
    expect(headers.length).toBe(10); // with «Radicado» and (issue 17) «Ambientes»
    expect(new Set(headers).size, 'todas las columnas en una fila').toBe(1);
    expect(await page.locator('.table__label').first().isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(problems).toEqual([]);
  });
});
