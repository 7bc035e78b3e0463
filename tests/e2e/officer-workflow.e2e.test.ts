import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as requestsSummaryGet } from '../../functions/requests-summary-get';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { call } from '../support/test-app';

/**
 * Issue 16, an official's day in Chromium: the menu with the pending count on every officials' page, Asignar
 * Token filtered and paged from the address bar, «Siguiente solicitud» after «Guardar», Actualizar Token's flags.
 */
let e2e: E2e;
let officerCookie: string;
const officer = officerFixture();
const official = {
  username: 'CC1000000001',
  fullName: 'x',
  role: 'officer' as const,
  roleCode: 'ROL IHCE MSPS',
  roleLabel: 'Funcionario MSPS',
};
const SLOW = { timeout: 15_000 };
const future = (days: number) => addDays(bogotaDay(new Date()), days);

/** Per width its own department, so the filters show only that width's requests. */
const setOf = (department: string, key: string) => {
  const place = { department, municipality: 'Centro' };
  return {
    key,
    department,
    first: { ...providerFixture(`Flujo ${department} Primera`), place },
    second: { ...providerFixture(`Flujo ${department} Segunda`), place },
    renewal: { ...providerFixture(`Flujo ${department} Resolicitud`), place },
    rejected: { ...providerFixture(`Flujo ${department} Rechazada`), place },
  };
};
const sets = { 1280: setOf('Caldas', 'caldas'), 360: setOf('Boyacá', 'boyaca') };

const keysFor = (nit: string) => {
  const environment = (n: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
    clientSecret: `flujo~${nit}~${n}~Secreto.0123456789abcdef`,
    expiresOn: future(300),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${n}/.default`,
    endpoint: `https://apim-ihce-${n}.azure-api.example/fhir`,
  });
  return { preproduction: environment('01'), production: environment('02') };
};

async function request(provider: ProviderFixture, kind: 'first' | 'renewal', cookie?: string) {
  const session = cookie ?? (await signedInDelegate(e2e.app.services, provider)).cookie;
  expect((await call(myRequestsCreate, { cookie: session, body: validRequest(kind) })).status).toBe(201);
  return session;
}

beforeAll(async () => {
  e2e = await startE2e({
    PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000a001',
    PREPRODUCTION_SCOPE: 'api://ihce-preproduccion/.default',
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
    PRODUCTION_TENANT_ID: '00000000-0000-4000-8000-00000000b002',
    PRODUCTION_SCOPE: 'api://ihce-produccion/.default',
    PRODUCTION_ENDPOINT: 'https://apim-ihce-produccion.example/fhir',
  });
  const services = e2e.app.services;
  const all = Object.values(sets).flatMap((set) => [set.first, set.second, set.renewal, set.rejected]);
  await seedDirectory(services, all, [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const set of Object.values(sets)) {
    await request(set.first, 'first');
    await request(set.second, 'first');
    const renewal = await request(set.renewal, 'first');
    await services.credentialAssignment.assign(official, set.renewal.nit, keysFor(set.renewal.nit), {});
    await request(set.renewal, 'renewal', renewal);
    const rejected = await request(set.rejected, 'first');
    await services.credentialAssignment.assign(official, set.rejected.nit, keysFor(set.rejected.nit), {});
    await request(set.rejected, 'renewal', rejected);
    await services.requestReview.reject(official, set.rejected.nit, 'La Resolicitud no trae el software que se usará.', { ip: undefined });
  }
}, 240_000);
afterAll(async () => e2e?.stop());

async function officerPage(width: number): Promise<Page> {
  const { page } = await e2e.newPage(width);
  const [name, value] = officerCookie.split(/=(.*)/s) as [string, string];
  await page.context().addCookies([{ name, value, url: e2e.app.url }]);
  return page;
}
const menu = (page: Page) => page.getByRole('navigation', { name: 'Menú de funcionarios' });
const pending = async () => (await call(requestsSummaryGet, { cookie: officerCookie })).body.pending as number;
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The menu is there, with the count as people see it and as a screen reader says it, and marks the current page. */
async function expectMenu(page: Page, current: string | undefined) {
  const count = await pending();
  const assign = menu(page).getByRole('link', { name: new RegExp(`^Asignar Token \\(${count} solicitudes pendientes\\)$`) });
  await expect.poll(() => assign.count(), SLOW).toBe(1);
  expect((await assign.textContent())!.replace(/\s+/g, ' ')).toContain(`Asignar Token (${count})`);
  expect(await menu(page).getByRole('link', { name: 'Actualizar Token' }).count()).toBe(1);
  expect(await menu(page).getByRole('link', { name: 'Tablero' }).getAttribute('href')).toBe('/funcionario/tablero');
  expect(await menu(page).getByRole('link', { name: 'Directorio' }).getAttribute('href')).toBe('/funcionario/directorio');
  const marked = await menu(page).locator('[aria-current="page"]').allTextContents();
  expect(marked.map((text) => text.replace(/\s*\(.*$/s, ''))).toEqual(current ? [current] : []);
}

describe('an official’s day, in Chromium', () => {
  for (const width of [1280, 360] as const) {
    it(`at ${width} px: menu with the count on every officials' page; filters and pages in the address; «Siguiente solicitud» after «Guardar»; flags in Actualizar Token`, async () => {
      const set = sets[width];
      const page = await officerPage(width);
      await page.goto(`${e2e.app.url}/funcionario`);
      await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Asignación de llaves de acceso');
      await expectMenu(page, undefined);
      await e2e.expectAccessible(page, `flujo-inicio-${width}`);

      // The menu leads to Asignar Token and marks it; the filters go in the address.
      await menu(page)
        .getByRole('link', { name: /Asignar Token/ })
        .click();
      await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Asignar Token');
      await expectMenu(page, 'Asignar Token');
      await expect.poll(() => page.getByLabel('Departamento').locator('option').allTextContents(), SLOW).toContain(`${set.department} (3)`);
      await page.getByLabel('Departamento').selectOption(set.key);
      await page.getByLabel('Tipo de solicitud').selectOption('inscripcion');
      await page.getByRole('button', { name: 'Filtrar' }).click();
      await expect.poll(() => new URL(page.url()).search, SLOW).toBe(`?departamento=${set.key}&tipo=inscripcion`);
      await expect.poll(() => page.locator('.queue-pager__status').textContent(), SLOW).toBe('Mostrando 1–2 de 2');
      expect(await page.locator('tbody tr').count()).toBe(2);
      const table = await page.locator('table').textContent();
      expect(table).toContain(set.first.name);
      expect(table).not.toContain(set.renewal.name);
      expect(await scrollsSideways(page)).toBe(false);
      await e2e.expectAccessible(page, `flujo-asignar-filtrado-${width}`);

      // One per page: «Siguiente» / «Anterior», and the page survives a reload; «Atrás» returns to the filters before.
      await page.goto(`${e2e.app.url}/funcionario/asignar?departamento=${set.key}&limite=1`);
      await expect.poll(() => page.locator('.queue-pager__status').textContent(), SLOW).toBe('Mostrando 1–1 de 3');
      await page.getByRole('button', { name: 'Siguiente', exact: true }).click();
      await expect.poll(() => page.locator('.queue-pager__status').textContent(), SLOW).toBe('Mostrando 2–2 de 3');
      expect(new URL(page.url()).searchParams.get('pagina')).toBe('2');
      // The line takes the focus in an effect, just after the new page is painted.
      await expect.poll(() => page.evaluate(() => document.activeElement?.className), SLOW).toBe('queue-pager__status');
      await page.reload();
      await expect.poll(() => page.locator('.queue-pager__status').textContent(), SLOW).toBe('Mostrando 2–2 de 3');
      expect(await page.locator('table').textContent()).toContain(set.second.name);
      await page.getByRole('button', { name: 'Anterior' }).click();
      await expect.poll(() => page.locator('.queue-pager__status').textContent(), SLOW).toBe('Mostrando 1–1 de 3');
      await page.goBack();
      await expect.poll(() => page.locator('.queue-pager__status').textContent(), SLOW).toBe('Mostrando 2–2 de 3');
      await e2e.expectAccessible(page, `flujo-asignar-paginas-${width}`);

      // A filter typed wrong in the address: the page says what is wrong with it, in Spanish.
      await page.goto(`${e2e.app.url}/funcionario/asignar?antiguedad=5&tipo=otro`);
      await expect.poll(() => page.getByRole('alert').textContent(), SLOW).toContain('La antigüedad debe ser 3, 7, 15 o 30');
      expect(await page.getByRole('alert').textContent()).toContain('El tipo de solicitud debe ser inscripcion o resolicitud.');

      // From the filtered list: Ingresar Info, «Guardar», then «Siguiente solicitud» with the same filters.
      await page.goto(`${e2e.app.url}/funcionario/asignar?departamento=${set.key}&tipo=inscripcion`);
      await page.getByRole('link', { name: `Ingresar Info de ${set.first.name}` }).click();
      await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe(set.first.name);
      const before = await pending();
      await expectMenu(page, undefined);
      for (const [env, n] of [
        ['preproduction', '01'],
        ['production', '02'],
      ] as const) {
        await page.locator(`[id="${env}.clientId"]`).fill(`1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`);
        await page.locator(`[id="${env}.clientSecret"]`).fill(`navegador~${width}~${n}~Secreto.0123456789abcdef`);
        await page.locator(`[id="${env}.expiresOn"]`).fill(future(365));
      }
      await page.getByRole('button', { name: 'Guardar' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent(), SLOW).toContain('El registro se realizó de manera correcta.');
      const next = page.getByRole('button', { name: 'Siguiente solicitud' });
      await next.waitFor(SLOW);
      await e2e.expectAccessible(page, `flujo-guardado-siguiente-${width}`);
      await next.click();
      await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe(set.second.name);
      expect(new URL(page.url()).search).toBe(`?departamento=${set.key}&tipo=inscripcion`);
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1'); // focus is set in an effect after paint
      expect(await pending()).toBe(before - 1);
      await expectMenu(page, undefined);
      const crumbs = page.getByRole('navigation', { name: 'Ruta de exploración' });
      expect(await crumbs.getByRole('link', { name: 'Asignar Token' }).getAttribute('href')).toBe(
        `/funcionario/asignar?departamento=${set.key}&tipo=inscripcion`,
      );

      // Actualizar Token: the flags are words on the row.
      await menu(page).getByRole('link', { name: 'Actualizar Token' }).click();
      await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Actualizar Token');
      await expectMenu(page, 'Actualizar Token');
      await page.getByLabel('Buscar entidad').fill(set.department === 'Caldas' ? 'caldas' : 'boyaca');
      await page.getByRole('button', { name: 'Buscar' }).click();
      const row = (provider: ProviderFixture) => page.locator('tbody tr', { hasText: provider.name });
      await expect.poll(() => row(set.renewal).textContent(), SLOW).toContain('Resolicitud pendiente');
      const today = new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeZone: 'America/Bogota' }).format(new Date());
      expect(await row(set.rejected).textContent()).toContain(`Rechazada el ${today}`);
      expect(await row(set.first).textContent()).not.toMatch(/Resolicitud pendiente|Rechazada/);
      expect(await scrollsSideways(page)).toBe(false);
      await e2e.expectAccessible(page, `flujo-actualizar-avisos-${width}`);
    });
  }
});
