import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providersGet } from '../../functions/providers-get';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { call } from '../support/test-app';

/** Issue 16, «What the guide says and the system does not (yet)»: what a person sees, in Chromium. */
let e2e: E2e;
const requester = providerFixture('Paso Dos');
const renewer = providerFixture('Resolicita');
const corrected = providerFixture('Corregida');
const officer = officerFixture();
let officerCookie: string;

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, [requester, renewer, corrected], [officer]);
  officerCookie = (await signedInOfficer(e2e.app.services, officer)).cookie;
});
afterAll(async () => e2e?.stop());

/** A page signed in with a session made through the API (the sign-in screen has its own tests). */
async function pageAs(cookie: string, width?: number): Promise<{ page: Page; problems: string[] }> {
  const opened = await e2e.newPage(width);
  const [name, value] = cookie.split('=') as [string, string];
  await opened.page.context().addCookies([{ name, value, url: e2e.app.url }]);
  return opened;
}

const future = (days: number) => addDays(bogotaDay(new Date()), days);
/** Keys for both environments, saved by the official through the API. */
async function assignKeys(p: ProviderFixture, extra: Record<string, unknown> = {}) {
  const file = await call(providersGet, { cookie: officerCookie, path: `providers/${p.nit}`, params: { nit: p.nit } });
  const one = (n: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
    clientSecret: `guia~${p.nit}~${n}~Secreto.0123456789`,
    expiresOn: future(300),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${n}/.default`,
    endpoint: `https://apim-ihce-${n}.azure-api.example/fhir`,
  });
  const saved = await call(providerCredentialsPut, {
    method: 'PUT',
    cookie: officerCookie,
    path: `providers/${p.nit}/credentials`,
    params: { nit: p.nit },
    body: { preproduction: one('01'), production: one('02'), ...extra },
    headers: { 'if-match': file.body.version },
  });
  expect(saved.status).toBe(200);
}

const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Ruta de exploración' }).locator('li').allTextContents();
const crumbLinks = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Ruta de exploración' })
    .locator('a')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));

describe('6.1 Requisitos previos', () => {
  for (const width of [1280, 360]) {
    it(`is reachable from sign-in and from registration, lists the four prerequisites with www.miseguridadsocial.gov.co, axe clean (${width} px)`, async () => {
      const { page, problems } = await e2e.newPage(width);
      await page.goto(`${e2e.app.url}/ingresar`);
      await page.getByRole('link', { name: 'requisitos previos' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Requisitos previos');
      expect(await page.locator('ol.prerequisites > li').count()).toBe(4);
      const external = await page.locator('a[href="https://www.miseguridadsocial.gov.co/"]').count();
      expect(external).toBe(3);
      expect(await page.locator('ol.prerequisites').textContent()).toContain('Delegado Administrativo');
      expect(await crumbs(page)).toEqual(['Ingreso al sistema', 'Requisitos previos']);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await e2e.expectAccessible(page, width === 1280 ? '40-requisitos-previos' : '40-requisitos-previos-360');

      await page.goto(`${e2e.app.url}/registro`);
      await page.getByRole('link', { name: 'requisitos previos' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Requisitos previos');
      expect(problems).toEqual([]);
    });
  }
});

describe('6.4.1.1 and 6.4.1.2: Paso 1 as the guide words it, then Paso 2 while the ministry reviews', () => {
  it('labels d, e and g are the guide’s; a webmail address is refused at its field until the declaration; the delegate lands on Paso 2 «en revisión»', async () => {
    const { cookie } = await signedInDelegate(e2e.app.services, requester);
    const { page, problems } = await pageAs(cookie);
    await page.goto(`${e2e.app.url}/delegado/inscripcion`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paso 1 – Solicitud de llaves de acceso');
    const label = (id: string) => page.locator(`label[for="${id}"]`).textContent();
    // The required-field mark is the only addition to the guide's words.
    expect((await label('techLead.email'))?.replace(/\s*\*\s*$/, '')).toBe(
      'Correo electrónico institucional del líder técnico responsable de la implementación de IHCE en el prestador',
    );
    expect((await label('techLead.phone'))?.replace(/\s*\*\s*$/, '')).toBe(
      'Teléfono de contacto del líder técnico responsable de la implementación de IHCE en el prestador',
    );
    expect((await label('dataProtectionOfficer.phone'))?.replace(/\s*\*\s*$/, '')).toBe(
      'Teléfono de contacto del responsable de la protección de datos en el prestador',
    );

    await page.getByLabel(/^Nombre del proveedor tecnológico/).fill('Soluciones Clínicas Andinas S.A.S.');
    await page.getByLabel(/^Nombre del software/).fill('HistoriaAndina HIS 5');
    await page.getByLabel(/^Nombre del líder técnico/).fill('Camilo Ríos Pardo');
    await page.getByLabel(/^Correo electrónico institucional del líder técnico/).fill('camilo.rios@gmail.com');
    await page.getByLabel(/^Teléfono de contacto del líder técnico/).fill('310 555 1234');
    await page.getByLabel(/^Nombre del responsable de la protección de datos/).fill('Diana Lucía Mora');
    await page.getByLabel(/^Teléfono de contacto del responsable/).fill('601 555 1234');
    await page.getByLabel('Aceptación términos para la solicitud de token').check();
    await page.getByLabel('Autorización de datos personales').check();
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect
      .poll(() => page.locator('[id="techLead.email-error"]').textContent())
      .toContain('El correo electrónico institucional del líder técnico no puede ser de un servicio de correo gratuito (gmail.com)');
    expect(await page.getByRole('alert').textContent()).toContain('correo electrónico institucional del líder técnico');
    await e2e.expectAccessible(page, '41-correo-institucional');

    await page.getByLabel(/^El prestador no tiene dominio de correo institucional/).check();
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paso 2 – Visualización de las llaves');
    const review = page.getByRole('status').filter({ hasText: 'Su solicitud está en revisión' });
    expect(await review.textContent()).toContain('Token solicitados por primera vez');
    expect(await page.locator('table').textContent()).toContain('Token solicitados por primera vez');
    await e2e.expectAccessible(page, '42-paso-2-en-revision');

    // Every later visit lands on Paso 2 too, at 360 px as well.
    for (const width of [1280, 360]) {
      const later = (await pageAs(cookie, width)).page;
      await later.goto(`${e2e.app.url}/`);
      await expect.poll(() => later.locator('#paso-2').textContent()).toBe('Paso 2 – Visualización de las llaves');
      expect(await later.locator('section[aria-labelledby="paso-2"]').textContent()).toContain(
        'Su solicitud está en revisión por el Ministerio de Salud y Protección Social. Estado de la solicitud: Token solicitados por primera vez',
      );
      expect(await later.getByRole('heading', { name: 'Paso 1 – Solicitud de llaves de acceso' }).count()).toBe(0);
      expect(await later.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await e2e.expectAccessible(later, width === 1280 ? '43-inicio-en-revision' : '43b-inicio-en-revision-movil');
    }

    // The official reads the declaration on the request.
    const official = (await pageAs(officerCookie)).page;
    await official.goto(`${e2e.app.url}/funcionario/prestadores/${requester.nit}`);
    await expect
      .poll(() => official.locator('#datos-solicitud + .summary').textContent())
      .toContain('El delegado declaró que el prestador no tiene dominio de correo institucional');
    expect(problems).toEqual([]);
  });

  it('a Resolicitud needs no reason: sent without one, the delegate lands on Paso 2 with «Resolicitud de token»', async () => {
    const { cookie } = await signedInDelegate(e2e.app.services, renewer);
    expect((await call(myRequestsCreate, { cookie, body: validRequest('first') })).status).toBe(201);
    await assignKeys(renewer);
    const { page, problems } = await pageAs(cookie);
    await page.goto(`${e2e.app.url}/delegado/resolicitud`);
    await expect.poll(() => page.locator('label[for="reason"]').textContent()).toBe('Motivo de la resolicitud (opcional)');
    await page.getByLabel('Aceptación términos para la solicitud de token').check();
    await page.getByLabel('Autorización de datos personales').check();
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paso 2 – Visualización de las llaves');
    expect(await page.getByRole('status').filter({ hasText: 'Su solicitud está en revisión' }).textContent()).toContain(
      'Resolicitud de token',
    );
    expect(problems).toEqual([]);
  });
});

describe('6.3 and 6.4.2.1: the official’s header, breadcrumb and «Motivo de la actualización»', () => {
  it('the header names the ministry; from Actualizar Token the breadcrumb says so with no page twice; the update asks for its motive, which the delegate then reads', async () => {
    const delegate = await signedInDelegate(e2e.app.services, corrected);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
    await assignKeys(corrected);

    const { page, problems } = await pageAs(officerCookie);
    await page.goto(`${e2e.app.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Asignación de llaves de acceso');
    const banner = await page.getByLabel('Usuario en sesión').textContent();
    expect(banner).toContain('EntidadMinisterio de Salud y Protección Social');
    expect(await crumbs(page)).toEqual(['Asignación de llaves de acceso']);

    // Issue 16: the officials' menu has the same link: the home's card is the guide's.
    await page
      .getByRole('main')
      .getByRole('link', { name: /Actualizar Token/ })
      .click();
    await page.getByLabel('Buscar entidad').fill(corrected.nit);
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('link', { name: `Actualizar Info de ${corrected.name}` }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(corrected.name);
    expect(await crumbs(page)).toEqual(['Asignación de llaves de acceso', 'Actualizar Token', `NIT ${corrected.nit}`]);
    const links = await crumbLinks(page);
    expect(links).toEqual(['/', '/funcionario/actualizar']);
    expect(new Set(links).size).toBe(links.length);

    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.locator('[id="updateReason-error"]').textContent()).toContain('Escriba el motivo de la actualización');
    await e2e.expectAccessible(page, '44-motivo-de-la-actualizacion');
    const motive = 'El endpoint de producción registrado era el de preproducción.';
    await page.getByLabel(/^Motivo de la actualización/).fill(motive);
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('El registro se realizó de manera correcta.');
    await expect.poll(() => page.locator('section[aria-labelledby="auditoria"]').textContent()).toContain(motive);

    const delegatePage = (await pageAs(delegate.cookie)).page;
    await delegatePage.goto(`${e2e.app.url}/`);
    await expect.poll(() => delegatePage.locator('#historial').count()).toBe(1);
    const history = await delegatePage.locator('section[aria-labelledby="historial"]').textContent();
    expect(history).toContain('Motivo de la actualización');
    expect(history).toContain(motive);
    await e2e.expectAccessible(delegatePage, '45-historial-con-actualizacion');
    expect(problems).toEqual([]);
  });

  it('a provider with keys and a Resolicitud, opened from Asignar Token, is under Asignar Token and «Volver» goes there', async () => {
    const p = providerFixture('Migas');
    await seedDirectory(e2e.app.services, [p], []);
    const delegate = await signedInDelegate(e2e.app.services, p);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
    await assignKeys(p);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('renewal') })).status).toBe(201);
    const { page } = await pageAs(officerCookie);
    await page.goto(`${e2e.app.url}/funcionario/asignar`);
    await page.getByRole('link', { name: `Ingresar Info de ${p.name}` }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(p.name);
    expect(await crumbs(page)).toEqual(['Asignación de llaves de acceso', 'Asignar Token', `NIT ${p.nit}`]);
    expect(await page.getByRole('link', { name: 'Volver a Asignar Token' }).getAttribute('href')).toBe('/funcionario/asignar');
  });
});
