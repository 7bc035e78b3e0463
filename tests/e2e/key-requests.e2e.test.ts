import { readFile } from 'node:fs/promises';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInOfficer, TEST_PASSWORD } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { emailsTo, waitForEmails } from '../support/maildev';

let e2e: E2e;
const provider = providerFixture('Llaves');
const officer = officerFixture();
const SECRET = 'Xk9~Secreto-de-preproduccion.0123456789';

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, [provider], [officer]);
});
afterAll(async () => e2e?.stop());

describe('delegate requests keys and views them, in Chromium', () => {
  it('Inscripción → "Token solicitados por primera vez" and the ministry e-mail; second request refused; keys shown, revealed, copied, downloaded; Resolicitud', async () => {
    const { app } = e2e;
    await signedInOfficer(app.services, officer); // an active official receives the alert
    const { page, problems } = await e2e.newPage();
    await e2e.registerThroughUi(page, 'delegate', { nit: provider.nit, idNumber: provider.delegate.idNumber });
    await e2e.activateFromEmail(page, provider.delegate.email, TEST_PASSWORD);
    const username = `CC${provider.delegate.idNumber}-${provider.nit}`;
    await e2e.signIn(page, username, TEST_PASSWORD);
    await expect.poll(() => page.locator('.status').textContent()).toContain('Sin solicitud de llaves');

    await page.getByRole('link', { name: /Resolicitud Token/ }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Su entidad aún no ha solicitado llaves de acceso: use «Inscripción Token».');
    await page.goBack();

    await page.getByRole('link', { name: /Inscripción Token/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paso 1 – Solicitud de llaves de acceso');
    await e2e.expectAccessible(page, '12-paso-1-solicitud');
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Ingrese el nombre del proveedor tecnológico.');
    await e2e.expectAccessible(page, '13-paso-1-errores');

    await page.getByLabel(/^Nombre del proveedor tecnológico/).fill('Soluciones Clínicas Andinas S.A.S.');
    await page.getByLabel(/^Nombre del software/).fill('HistoriaAndina HIS 5');
    await page.getByLabel(/^Nombre del líder técnico/).fill('Camilo Ríos Pardo');
    await page.getByLabel(/^Correo electrónico institucional del líder técnico/).fill('camilo.rios@ips-llaves.example');
    await page.getByLabel(/^Teléfono de contacto del líder técnico/).fill('310 555 1234');
    await page.getByLabel(/^Nombre del responsable de la protección de datos/).fill('Diana Lucía Mora');
    await page.getByLabel(/^Teléfono de contacto del responsable/).fill('12345');
    await page.getByLabel('Aceptación términos para la solicitud de token').check();
    await page.getByLabel('Autorización de datos personales').check();
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect.poll(() => page.locator('[id="dataProtectionOfficer.phone-error"]').textContent()).toContain('fijo que empiece por 60');
    await page.getByLabel(/^Teléfono de contacto del responsable/).fill('+57 601 555 1234');
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();

    await expect.poll(() => page.locator('table').textContent()).toContain('Token solicitados por primera vez');
    expect(await page.locator('table').textContent()).toMatch(/\d{1,2} de \w+ de \d{4}/);
    await e2e.expectAccessible(page, '14-solicitud-registrada');
    // On a phone the «Estado de la solicitud» table stacks: nothing on this page scrolls sideways at 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await e2e.expectAccessible(page, '14-solicitud-registrada-360');
    await page.setViewportSize({ width: 1280, height: 900 });

    const [alert] = await waitForEmails(officer.email, 2, 15_000).then((mails) =>
      mails.filter((m) => m.subject.startsWith('Nueva solicitud')),
    );
    // Issue 16: the subject carries the request's radicado.
    expect(alert!.subject).toMatch(/^Nueva solicitud de llaves IHCE – radicado IHCE-\d{4}-\d{6}: /);
    expect(alert!.subject.endsWith(`: ${provider.name} (NIT ${provider.nit})`)).toBe(true);
    expect(alert!.text).toContain(provider.habilitationCode);
    expect(alert!.text).toContain('Camilo Ríos Pardo, camilo.rios@ips-llaves.example, 3105551234');

    await page.goto(`${app.url}/delegado/inscripcion`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Ya hay una solicitud pendiente (Inscripción Token) desde el');
    await page.goto(`${app.url}/`);
    await expect.poll(() => page.locator('.status').textContent()).toContain('Token solicitados por primera vez');

    // The officer screen of the next delivery calls this same use case.
    const officerUser = {
      username: `CC${officer.idNumber}`,
      fullName: 'x',
      role: 'officer' as const,
      roleCode: 'ROL IHCE MSPS',
      roleLabel: 'Funcionario MSPS',
    };
    const environment = (suffix: string, secret: string) => ({
      clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${suffix}`,
      clientSecret: secret,
      expiresOn: addDays(bogotaDay(new Date()), 200),
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      scope: `api://ihce-${suffix}/.default`,
      endpoint: `https://apim-ihce-${suffix}.azure-api.example/fhir`,
    });
    await app.services.credentialAssignment.assign(
      officerUser,
      provider.nit,
      { preproduction: environment('01', SECRET), production: environment('02', `${SECRET}-prod`) },
      {},
    );

    await page.reload();
    await expect.poll(() => page.locator('.status').textContent()).toContain('Se ha asignado token');
    await expect.poll(() => page.locator('#paso-2').textContent()).toBe('Paso 2 – Visualización de las llaves');
    const pre = page.getByRole('article', { name: 'Preproducción', exact: true });
    expect(await pre.textContent()).toContain('1b4e28ba-2fa1-41d2-883f-0016d3cca401');
    expect(await pre.textContent()).toContain('quedan 200 días');
    expect(await page.content()).not.toContain(SECRET);
    await e2e.expectAccessible(page, '15-paso-2-llaves');

    await pre.getByRole('button', { name: 'Mostrar ClientSecret de Preproducción' }).click();
    await expect.poll(() => pre.locator('code.secret').textContent()).toBe(SECRET);
    await pre.getByRole('button', { name: 'Copiar ClientSecret de Preproducción' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(SECRET);
    await pre.getByRole('button', { name: 'Ocultar ClientSecret de Preproducción' }).click();
    expect(await pre.locator('code.secret').textContent()).not.toContain(SECRET);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      pre.getByRole('button', { name: /Descargar configuración/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`ihce-preproduction-${provider.nit}.postman_environment.json`);
    const postman = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(postman.values.find((v: { key: string }) => v.key === 'clientSecret').value).toBe(SECRET);

    await page.getByRole('link', { name: /Resolicitud Token/ }).click();
    await expect.poll(() => page.getByLabel(/^Nombre del proveedor tecnológico/).inputValue()).toBe('Soluciones Clínicas Andinas S.A.S.');
    await page.getByLabel('Motivo de la resolicitud').fill('Cambio de proveedor del software clínico.');
    await page.getByLabel('Aceptación términos para la solicitud de token').check();
    await page.getByLabel('Autorización de datos personales').check();
    await page.getByRole('button', { name: 'Generar Llaves de Acceso' }).click();
    await expect.poll(() => page.locator('table').textContent()).toContain('Resolicitud de token');

    await page.goto(`${app.url}/`);
    await expect.poll(() => page.locator('.status').textContent()).toContain('Resolicitud de token');
    expect(await page.getByRole('article', { name: 'Producción', exact: true }).textContent()).toContain(
      '1b4e28ba-2fa1-41d2-883f-0016d3cca402',
    );
    await e2e.expectAccessible(page, '16-resolicitud-pendiente');
    for (const mail of await emailsTo(provider.delegate.email)) expect(mail.text + mail.html).not.toContain(SECRET); // no secret ever mailed
    expect(problems).toEqual([]);
  }, 120_000);
});
