import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { axeViolations } from '../support/browser';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { call } from '../support/test-app';

let e2e: E2e;
const provider = providerFixture('Clínica Identidad Gráfica');
const officer = officerFixture();
const cookies: { delegate?: string; officer?: string } = {};
/** A help desk other than the defaults: the footer and «Ayuda» must show what the settings say. */
const SUPPORT = { SUPPORT_EMAIL: 'mesa.ihce@minsalud-pruebas.example', SUPPORT_PHONE: '(+57) 601 555 0101' };
const CLIENT_ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca402';

beforeAll(async () => {
  e2e = await startE2e(SUPPORT);
  await seedDirectory(e2e.app.services, [provider], [officer]);
  const delegate = await signedInDelegate(e2e.app.services, provider);
  cookies.delegate = delegate.cookie;
  cookies.officer = (await signedInOfficer(e2e.app.services, officer)).cookie;
  expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  const environment = (suffix: string, days: number) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${suffix}`,
    clientSecret: `identidad~${suffix}~Secreto.0123456789abcdef`,
    expiresOn: addDays(bogotaDay(new Date()), days),
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
    { preproduction: environment('01', 1), production: environment('02', 300) },
    {},
  );
}, 240_000);
afterAll(async () => e2e?.stop());

async function open(width: number, cookie?: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await e2e.newPage(width);
  if (cookie) {
    const [name, value] = cookie.split(/=(.*)/s) as [string, string];
    await opened.page.context().addCookies([{ name, value, url: e2e.app.url }]);
  }
  return opened;
}

const textOf = (page: Page, selector: string) => () =>
  page
    .locator(selector)
    .first()
    .textContent()
    .catch(() => '');

/** The GOV.CO top bar and footer with the configured help desk, one full stop at a time, nothing sideways, axe clean. */
async function expectIdentity(page: Page, screen: string, width: number) {
  const bar = page.locator('.govco-bar a');
  expect(await bar.getAttribute('href'), screen).toBe('https://www.gov.co');
  expect(await bar.isVisible(), screen).toBe(true);
  const footer = page.getByRole('contentinfo');
  await expect.poll(() => footer.textContent(), { message: screen }).toContain(SUPPORT.SUPPORT_EMAIL);
  const footerText = (await footer.textContent())!;
  for (const part of [
    'Ministerio de Salud y Protección Social',
    'Dirección: Carrera 13 No. 32-76',
    SUPPORT.SUPPORT_PHONE,
    'Horario de atención',
  ])
    expect(footerText, screen).toContain(part);
  for (const name of ['Ayuda', 'Mapa del sitio', 'Política de tratamiento de datos personales', 'Términos y condiciones', 'Accesibilidad'])
    expect(await footer.getByRole('link', { name, exact: true }).count(), `${screen}: ${name}`).toBe(1);
  expect(await footer.getByRole('link', { name: SUPPORT.SUPPORT_EMAIL }).getAttribute('href')).toBe(`mailto:${SUPPORT.SUPPORT_EMAIL}`);
  expect(await page.getByRole('banner').getByRole('link', { name: 'Ayuda', exact: true }).count(), screen).toBe(1);
  const body = (await page.locator('body').innerText()).replace(/…/g, '');
  expect(body, `${screen}: punto doble`).not.toMatch(/[^.]\.\.(?!\.)/);
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page, `${screen} a ${width} px: desplazamiento lateral`).toBeLessThanOrEqual(widths.viewport);
  const violations = await axeViolations(page);
  expect(violations, `${screen} a ${width} px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe.each([1280, 360])('GOV.CO identity at %i px', (width) => {
  it('signed out: top bar and footer on Ingreso, Ayuda, Mapa del sitio, Requisitos, Registro, both recoveries, not found; Ayuda is linked from sign-in', async () => {
    const { page, problems } = await open(width);
    await page.goto(`${e2e.app.url}/ingresar`);
    await page.getByLabel('No soy un robot').waitFor();
    await expectIdentity(page, 'ingreso', width);
    await page.getByRole('main').getByRole('link', { name: 'Consulte la ayuda' }).click();
    await expect.poll(textOf(page, 'h1')).toBe('Ayuda');
    await expectIdentity(page, 'ayuda', width);
    const main = (await page.getByRole('main').textContent())!;
    for (const state of ['Token solicitados por primera vez', 'Resolicitud de token', 'Se ha asignado token', 'Solicitud rechazada'])
      expect(main).toContain(state);
    for (const question of [
      '¿Qué son el ClientID y el ClientSecret?',
      '¿Qué le envío al proveedor de software?',
      '¿Qué hago cuando las llaves están por vencer o vencieron?',
    ])
      expect(await page.getByRole('heading', { name: question, level: 3 }).count()).toBe(1);
    expect(await page.getByRole('main').getByRole('link', { name: 'requisitos previos' }).getAttribute('href')).toBe('/requisitos');
    // The guide's section 4: the rules and the standard the keys are handed out under.
    for (const norm of ['Resolución 1888 de 2025', 'Resolución 866 de 2021', 'Ley 2015 de 2020', 'HL7 FHIR']) expect(main).toContain(norm);
    expect(await page.locator('#mesa-de-ayuda + address, section[aria-labelledby="mesa-de-ayuda"] address').textContent()).toContain(
      SUPPORT.SUPPORT_EMAIL,
    );
    if (width === 1280) await e2e.capture(page, '20-ayuda');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Mapa del sitio', exact: true }).click();
    await expect.poll(textOf(page, 'h1')).toBe('Mapa del sitio');
    await expectIdentity(page, 'mapa del sitio', width);
    for (const path of ['/requisitos', '/registro', '/recuperar', '/recordar-usuario', '/no-existe']) {
      await page.goto(`${e2e.app.url}${path}`);
      await page.locator('h1').first().waitFor();
      await expectIdentity(page, path, width);
    }
    // Self-hosted fonts: Work Sans and Montserrat load from this site, nothing from another origin.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return {
        workSans: document.fonts.check('16px "Work Sans"'),
        montserrat: document.fonts.check('700 16px "Montserrat"'),
        heading: getComputedStyle(document.querySelector('h1')!).fontFamily,
        foreign: performance
          .getEntriesByType('resource')
          .filter((entry) => !entry.name.startsWith(location.origin))
          .map((entry) => entry.name),
      };
    });
    expect(fonts).toMatchObject({ workSans: true, montserrat: true, foreign: [] });
    expect(fonts.heading).toMatch(/^"?Montserrat/);
    expect(problems).toEqual([]);
  }, 120_000);

  it('the delegate: Paso 2 with Spanish labels and the term in parentheses, and «queda 1 día»', async () => {
    const { page, problems } = await open(width, cookies.delegate);
    await page.goto(`${e2e.app.url}/`);
    const card = page.getByRole('article', { name: 'Preproducción', exact: true });
    await card.waitFor();
    const terms = await card.locator('dt').allTextContents();
    expect(terms).toEqual(
      expect.arrayContaining([
        'ClientID',
        'ClientSecret',
        'Fecha de expiración',
        'Id. de directorio (tenant)',
        'Ámbito (scope)',
        'Punto de conexión (endpoint)',
      ]),
    );
    expect(terms).not.toContain('Tenant');
    expect(await card.textContent()).toContain('(queda 1 día)');
    await expectIdentity(page, 'paso 2', width);
    expect(problems).toEqual([]);
  }, 90_000);

  it('the official: the key form in Spanish, and «Trazabilidad» as sentences without keys, ids or ISO dates', async () => {
    const { page, problems } = await open(width, cookies.officer);
    await page.goto(`${e2e.app.url}/funcionario/prestadores/${provider.nit}?desde=actualizar`);
    const trail = page.locator('section[aria-labelledby="auditoria"]');
    await expect.poll(() => trail.textContent().catch(() => '')).toContain('Se asignaron las llaves de Preproducción y Producción');
    const said = (await trail.textContent())!;
    expect(said).toMatch(/Producción vence el \d{1,2} de [a-z]+ de \d{4}/);
    expect(said).toContain('Se registró la solicitud IHCE-');
    expect(said).not.toContain(CLIENT_ID);
    expect(said).not.toMatch(/\d{4}-\d{2}-\d{2}|\btrue\b|\bfalse\b|clientIdProduccion|llaves\.asignadas/);
    for (const label of [
      'Id. de directorio (tenant) de Producción',
      'Ámbito (scope) de Producción',
      'Punto de conexión (endpoint) de Producción',
    ])
      expect(await page.getByLabel(new RegExp(`^${label.replace(/[().]/g, '\\$&')}`)).count(), label).toBe(1);
    expect(await page.getByLabel('Clave de suscripción (Ocp-Apim-Subscription-Key) de API Management de Producción').count()).toBe(1);
    await expectIdentity(page, 'prestador', width);
    expect(problems).toEqual([]);
  }, 90_000);
});
