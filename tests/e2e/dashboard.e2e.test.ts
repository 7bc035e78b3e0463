import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { saveProviderKeys } from '../support/officer-calls';
import { call } from '../support/test-app';

let e2e: E2e;
const waiting = providerFixture('Tablero Espera');
const holder = providerFixture('Tablero Llaves');
const delegates = { 1280: providerFixture('Tablero Qué Sigue Ancho'), 360: providerFixture('Tablero Qué Sigue Angosto') };
const officer = officerFixture();
let totpKey: string;
const SLOW = { timeout: 15_000 };

const keys = (n: string) => ({
  clientId: `2c5f39cb-3fa1-41d2-883f-0016d3cca4${n}`,
  clientSecret: `tablero~e2e${n}~0123456789abcdef`,
  expiresOn: addDays(bogotaDay(new Date()), 45),
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  scope: 'api://ihce/.default',
  endpoint: 'https://apim-ihce.example/fhir',
});

beforeAll(async () => {
  e2e = await startE2e();
  const { services } = e2e.app;
  await seedDirectory(services, [waiting, holder, ...Object.values(delegates)], [officer]);
  const signedIn = await signedInOfficer(services, officer);
  totpKey = signedIn.totpKey;
  for (const provider of [waiting, holder]) {
    const delegate = await signedInDelegate(services, provider);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  }
  expect((await saveProviderKeys(signedIn.cookie, holder.nit, { preproduction: keys('01'), production: keys('02') })).status).toBe(200);
  // The app's own queue worker counts the events into the Tablero's aggregate.
  for (let tries = 0; ; tries++) {
    const holders = (await services.dashboard.figures()).holders.map((h) => h.providers);
    if (holders.join() === '1,1') break;
    if (tries > 40) throw new Error(`El trabajador de la cola no contó las llaves asignadas: ${holders.join()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 120_000);
afterAll(async () => e2e?.stop());

async function officerPage(width: number): Promise<{ page: Page; chartRequests: string[] }> {
  const { page } = await e2e.newPage(width);
  const chartRequests: string[] = [];
  page.on('request', (request) => {
    if (/chart-setup|dashboard-page/.test(request.url())) chartRequests.push(request.url());
  });
  await e2e.signIn(page, `CC${officer.idNumber}`, TEST_PASSWORD);
  await e2e.passSecondFactor(page, totpKey);
  await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Asignación de llaves de acceso');
  return { page, chartRequests };
}

describe('the Tablero in Chromium', () => {
  for (const width of [1280, 360] as const) {
    it(`at ${width} px: charts with their sentence and table, nothing sideways, axe clean; chart.js only on the Tablero`, async () => {
      const { page, chartRequests } = await officerPage(width);
      expect(chartRequests, 'the home page does not download the Tablero or chart.js').toEqual([]);
      await page.goto(`${e2e.app.url}/funcionario/tablero`);
      await expect.poll(() => page.locator('figure.dashboard-chart').count(), SLOW).toBe(3);
      const canvases = page.locator('figure.dashboard-chart canvas[role="img"]');
      await expect.poll(() => canvases.count(), SLOW).toBe(3);
      for (const label of await canvases.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label'))))
        expect(label).toMatch(/^Gráfico: .+\. .+ Los datos están en la tabla siguiente\.$/);
      // chart.js drew: each canvas has a backing store the size of its box.
      await expect
        .poll(
          () =>
            canvases.evaluateAll((nodes) => nodes.every((n) => (n as HTMLCanvasElement).width > 0 && (n as HTMLCanvasElement).height > 0)),
          SLOW,
        )
        .toBe(true);
      expect(chartRequests.some((url) => url.includes('chart-setup'))).toBe(true);

      const ages = page.locator('#pendientes-antiguedad-titulo').locator('..');
      expect(await ages.locator('.dashboard-chart__summary').textContent()).toMatch(
        /^\d+ solicitud(es)? pendientes?: \d+ de Inscripción y \d+ de Resolicitud\./,
      );
      expect(await ages.locator('table caption').textContent()).toBe('Solicitudes pendientes por antigüedad (datos del gráfico)');
      expect(await ages.locator('tbody tr').count()).toBe(5);
      const expiring = page.locator('#vencimientos-titulo').locator('..');
      // The provider's keys expire in 45 days: one per environment within 60 and 90 days, none within 30.
      expect(await expiring.locator('tbody tr').allTextContents()).toEqual([
        expect.stringMatching(/30 días o menos.*0.*0/),
        expect.stringMatching(/60 días o menos.*1.*1/),
        expect.stringMatching(/90 días o menos.*1.*1/),
      ]);
      expect(await page.locator('.dashboard-stats').textContent()).toContain('Preproducción: 1 · Producción: 1');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await e2e.expectAccessible(page, `tablero-${width}`);
    });
  }

  it('«Solicitudes pendientes (CSV)» downloads a dated file with the BOM, «;» and the waiting provider; the keys file holds no credential', async () => {
    const { page } = await officerPage(1280);
    await page.goto(`${e2e.app.url}/funcionario/tablero`);
    const link = page.getByRole('link', { name: 'Solicitudes pendientes (CSV)' });
    await link.waitFor(SLOW);
    const [pending] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(pending.suggestedFilename()).toMatch(/^solicitudes-pendientes-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await pending.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' }) as string[][];
    expect(rows[0]).toEqual([
      'Radicado',
      'NIT',
      'Razón social',
      'Departamento',
      'Municipio',
      'Tipo de solicitud',
      'Fecha de solicitud',
      'Días de espera',
    ]);
    expect(rows.find((row) => row[1] === waiting.nit)).toEqual([
      expect.stringMatching(/^IHCE-\d{4}-\d{6}$/),
      waiting.nit,
      waiting.name,
      'Cundinamarca',
      'Chía',
      'Inscripción Token',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      '0',
    ]);

    const [keysFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Llaves por prestador con su fecha de expiración (CSV)' }).click(),
    ]);
    const text = (await readFile((await keysFile.path())!)).toString('utf8');
    expect(text).toContain(holder.nit);
    expect(text).not.toMatch(/tablero~e2e|2c5f39cb|72f988bf/);
  }, 60_000); // sign-in with the second factor, then two downloads
});

describe('«¿Qué sigue?» after Generar Llaves de Acceso', () => {
  for (const width of [1280, 360] as const) {
    it(`at ${width} px: the steps and the usual time (here too few assignments: the text without a figure)`, async () => {
      const delegate = await signedInDelegate(e2e.app.services, delegates[width]);
      const { page } = await e2e.newPage(width);
      await e2e.signIn(page, delegate.username, TEST_PASSWORD);
      await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Gestión de llaves de acceso');
      await page.goto(`${e2e.app.url}/delegado/inscripcion`);
      await page.locator('[id="techVendorName"]').fill('Soluciones Clínicas Andinas S.A.S.');
      await page.locator('[id="softwareName"]').fill('HistoriaAndina HIS 5');
      await page.locator('[id="techLead.name"]').fill('Camilo Ríos Pardo');
      await page.locator('[id="techLead.email"]').fill('camilo.rios@ips-tablero.example');
      await page.locator('[id="techLead.phone"]').fill('310 555 1234');
      await page.locator('[id="dataProtectionOfficer.name"]').fill('Diana Lucía Mora');
      await page.locator('[id="dataProtectionOfficer.phone"]').fill('601 555 1234');
      await page.locator('[id="acceptsTerms"]').check();
      await page.locator('[id="authorizesPersonalData"]').check();
      await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
      await expect.poll(() => page.locator('#que-sigue').textContent(), SLOW).toBe('¿Qué sigue?');
      await expect
        .poll(() => page.getByTestId('tiempo-habitual').textContent(), SLOW)
        .toMatch(/^El Ministerio revisa las solicitudes en orden de llegada\./);
      expect(await page.locator('.next-steps li').count()).toBe(3);
      // The section fits the screen (the «Estado de la solicitud» table above it is not this change's).
      const box = (await page.locator('.next-steps').boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await e2e.expectAccessible(page, `que-sigue-${width}`);
    });
  }
});
