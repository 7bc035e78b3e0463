import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';

let e2e: E2e;
const provider = providerFixture('Foco');

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, [provider], []);
});
afterAll(async () => e2e?.stop());

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
const verified = (page: Page) =>
  expect.poll(() => page.locator('.captcha__status').textContent(), { timeout: 15_000 }).toBe('Verificación completada.');

/** «No soy un robot» ticked from the keyboard: focus stays on the box while it verifies and after, and Enter submits. */
async function tickByKeyboardAndSubmit(page: Page) {
  await page.getByLabel('No soy un robot').focus();
  await page.keyboard.press('Space');
  expect(await focused(page)).toBe('captcha');
  await verified(page);
  expect(await focused(page)).toBe('captcha');
  // Announced politely where the box's description points, never by moving focus.
  const status = page.locator('#captcha-estado');
  expect(await status.getAttribute('aria-live')).toBe('polite');
  expect(await page.getByLabel('No soy un robot').getAttribute('aria-describedby')).toContain('captcha-estado');
  await page.keyboard.press('Enter');
}

describe('the bot check never takes the keyboard focus away, in Chromium', () => {
  it('Ingreso al sistema: ticked by keyboard, Enter submits; typing in «Usuario» while it verifies keeps the focus there', async () => {
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.app.url}/ingresar`);
    await page.getByLabel(/^Usuario/).fill('CC1234567890');
    await page.getByLabel(/^Contraseña/).fill('una contraseña que no es');
    await tickByKeyboardAndSubmit(page);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No fue posible ingresar');
    expect(await page.getByRole('alert').textContent()).not.toContain('No soy un robot');

    await page.goto(`${e2e.app.url}/ingresar`);
    await page.getByLabel(/^Contraseña/).fill('una contraseña que no es');
    await page.getByLabel('No soy un robot').check();
    await page.getByLabel(/^Usuario/).focus();
    await page.keyboard.type('CC1234567890');
    await verified(page);
    expect(await focused(page)).toBe('username');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('No fue posible ingresar');
    expect(problems).toEqual([]);
  });

  it('¿Olvidó su contraseña?: ticked by keyboard, Enter sends the link', async () => {
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.app.url}/recuperar`);
    await page.getByLabel(/^Usuario/).fill(`CC${provider.delegate.idNumber}-${provider.nit}`);
    await tickByKeyboardAndSubmit(page);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/correo/);
    expect(problems).toEqual([]);
  });

  it('Registro de Usuarios: ticked by keyboard, Enter registers', async () => {
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.app.url}/registro`);
    await page.getByLabel('Delegado Administrativo').check();
    await page.getByLabel('NIT de la entidad').fill(provider.nit);
    await page.getByLabel(/^Tipo identificación delegado/).selectOption('CC');
    await page.getByLabel(/^Número identificación delegado/).fill(provider.delegate.idNumber);
    await page.getByLabel('Acepto el acuerdo de confidencialidad').check();
    await tickByKeyboardAndSubmit(page);
    await expect.poll(() => page.locator('.summary__username').textContent()).toBe(`CC${provider.delegate.idNumber}-${provider.nit}`);
    expect(problems).toEqual([]);
  });
});
