import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { axeViolations } from '../support/browser';
import { startE2e, type E2e } from '../support/e2e';
import { waitForEmails } from '../support/maildev';
import { call } from '../support/test-app';

let e2e: E2e;
const provider = providerFixture('Enlace del correo');
const officer = officerFixture();

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, [provider], [officer]);
});
afterAll(async () => e2e?.stop());

/** «Usuario», «Contraseña», «No soy un robot», «Ingresar» on the page as it is (the address bar is left alone). */
async function signInHere(page: import('playwright-core').Page, username: string) {
  await page.getByLabel(/^Usuario/).fill(username);
  await page.getByLabel(/^Contraseña/).fill(TEST_PASSWORD);
  await e2e.solveCaptcha(page);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

describe('a link opened while signed out leads, after signing in, to the page it pointed to (Chromium)', () => {
  it('an official opens «Ver la solicitud» from the e-mail, signs in with the second factor, and lands on that request', async () => {
    const { totpKey, username } = await signedInOfficer(e2e.app.services, officer);
    const delegate = await signedInDelegate(e2e.app.services, provider);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
    const mails = await waitForEmails(officer.email, 2, 15_000);
    const alert = mails.find((mail) => mail.subject.startsWith('Nueva solicitud'))!;
    const link = /https?:\/\/\S+\/funcionario\/prestadores\/\d+/.exec(alert.text)![0];

    const { page, problems } = await e2e.newPage();
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ingreso al sistema');
    await signInHere(page, username);
    await e2e.passSecondFactor(page, totpKey);
    await expect.poll(() => page.locator('h1').textContent()).toBe(provider.name);
    expect(new URL(page.url()).pathname).toBe(`/funcionario/prestadores/${provider.nit}`);

    // «Abrir la consola de funcionarios» (the security alert) links to /funcionario: the official's home, not a dead end.
    await page.goto(`${e2e.app.url}/funcionario`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Asignación de llaves de acceso');
    const signedOut = (await e2e.newPage()).page;
    await signedOut.goto(`${e2e.app.url}/funcionario`);
    await expect.poll(() => signedOut.locator('h1').textContent()).toBe('Ingreso al sistema');
    expect(problems).toEqual([]);
  }, 90_000);

  it('a delegate opens «Resolicitud Token» signed out, signs in, and lands there; the next sign-in goes home', async () => {
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.app.url}/delegado/resolicitud`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ingreso al sistema');
    await signInHere(page, `CC${provider.delegate.idNumber}-${provider.nit}`);
    await page.getByLabel('Usuario en sesión').waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Paso 1 – Solicitud de llaves de acceso');
    expect(new URL(page.url()).pathname).toBe('/delegado/resolicitud');

    // Followed once: signing out and in again lands on the home page.
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ingreso al sistema');
    await signInHere(page, `CC${provider.delegate.idNumber}-${provider.nit}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gestión de llaves de acceso');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(problems).toEqual([]);
  }, 90_000);
});

describe('a page whose code is loaded on demand (lazy-page.tsx), in Chromium', () => {
  it('keeps its title and breadcrumb, says «Cargando…» (aria-busy) while the code arrives and offers «Reintentar» when it does not', async () => {
    const { page } = await e2e.newPage(360);
    let fail = true;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/help-page-[^/]+\.js$/, async (route) => {
      if (fail) return route.abort('internetdisconnected');
      await held;
      await route.continue();
    });
    await page.goto(`${e2e.app.url}/ayuda`);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('No fue posible cargar esta página. Revise su conexión a internet e intente de nuevo.Reintentar');
    expect(await page.locator('h1').textContent()).toBe('No fue posible cargar la página');
    expect(await page.title()).toBe('Ayuda – IHCE Llaves de acceso');
    expect(await page.locator('.breadcrumb [aria-current="page"]').textContent()).toBe('Ayuda');
    const violations = await axeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

    fail = false;
    await page.getByRole('button', { name: 'Reintentar' }).click();
    await expect.poll(() => page.locator('main [aria-busy="true"]').textContent()).toBe('Cargando…');
    release();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ayuda');
    expect(await page.locator('main [aria-busy="true"]').count()).toBe(0);
    await e2e.expectAccessible(page, 'ayuda-tras-reintentar');
  });
});
