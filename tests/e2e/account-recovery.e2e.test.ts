import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { waitForEmails } from '../support/maildev';

let e2e: E2e;
const providers = [providerFixture('Recordar'), providerFixture('Movil')];
const PASSWORD = 'guayacán amarillo en flor';
const NEUTRAL = 'Si los datos corresponden a una cuenta, enviamos el usuario a su correo registrado.';

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, providers, []);
});

afterAll(async () => {
  await e2e?.stop();
});

async function askForUsername(page: Page, idNumber: string, screen: string) {
  await page.goto(`${e2e.app.url}/ingresar`);
  await page.getByRole('link', { name: '¿Olvidó su usuario?' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Recordar usuario');
  await e2e.expectAccessible(page, `${screen}-recordar-usuario`);
  await page.getByLabel(/^Tipo identificación/).selectOption('CC');
  await page.getByLabel(/^Número identificación/).fill(idNumber);
  await e2e.solveCaptcha(page);
  await page.getByRole('button', { name: 'Enviar usuario' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain(NEUTRAL);
  await e2e.expectAccessible(page, `${screen}-recordar-usuario-enviado`);
}

describe('account recovery in Chromium', () => {
  for (const [width, provider] of [
    [1280, providers[0]!],
    [360, providers[1]!],
  ] as const) {
    it(`«¿Olvidó su usuario?» from the sign-in page at ${width} px: the username arrives by e-mail`, async () => {
      const { page, problems } = await e2e.newPage(width);
      await e2e.registerThroughUi(page, 'delegate', { nit: provider.nit, idNumber: provider.delegate.idNumber });
      await e2e.activateFromEmail(page, provider.delegate.email, PASSWORD);

      await askForUsername(page, provider.delegate.idNumber, `30-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      const mails = await waitForEmails(provider.delegate.email, 2, 15_000);
      expect(mails.at(-1)!.subject).toBe('Su usuario de IHCE – Llaves de acceso');
      expect(mails.at(-1)!.text).toContain(`Usuario: CC${provider.delegate.idNumber}-${provider.nit}`);
      expect(problems).toEqual([]);
    });
  }

  it('every «¿Olvidó su contraseña?» in a message is a link to the recovery page', async () => {
    const { page, problems } = await e2e.newPage();
    await e2e.signIn(page, `CC55667788-${providers[0]!.nit}`, 'no es la contraseña');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Le quedan 2 intentos');
    const link = alert.getByRole('link', { name: '¿Olvidó su contraseña?' });
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('/recuperar');
    // The text reads as the API wrote it: the guillemets stay around the link.
    expect(await alert.textContent()).toContain('use «¿Olvidó su contraseña?».');
    await e2e.expectAccessible(page, '31-ingreso-aviso-intentos');
    await link.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Restablecer contraseña');
    // Who does not remember the username either finds the way from here.
    await page.getByRole('link', { name: '¿Olvidó su usuario?' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Recordar usuario');
    expect(problems).toEqual([]);
  });
});
