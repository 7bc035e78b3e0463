import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { startLocalApp, type LocalApp } from '../../scripts/local-host/local-app';
import { freePort } from '../../scripts/local-stack';
import { freshTotpCode } from './accounts';
import { axeViolations, launchChromium, watchConsole } from './browser';
import { linkIn, waitForEmails } from './maildev';
import { testEnv, useTestServices } from './test-app';

export type E2e = Awaited<ReturnType<typeof startE2e>>;

/** The whole app on a free port (web, API, queue worker) and one Chromium, with the steps a person takes. */
export async function startE2e(extraEnv: Record<string, string> = {}, options: { port?: number } = {}) {
  const port = options.port ?? (await freePort());
  /** Every line the app logs (host, worker, invocation logs, service errors): scanned for secrets by tests. */
  const logs: string[] = [];
  const env = testEnv({ PUBLIC_BASE_URL: `http://localhost:${port}`, ...extraEnv });
  const app: LocalApp = await startLocalApp({
    env,
    port,
    webRoot: inject('webRoot'),
    queue: { visibilityTimeoutSeconds: 1 },
    timers: false,
    log: (line) => logs.push(line),
    overrides: {
      log: (message, error) =>
        logs.push(`${message} ${error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error ?? '')}`),
    },
  });
  // Tests also call functions directly (`call()`): against the very services the running app uses.
  useTestServices(app.services);
  const browser: Browser = await launchChromium();
  const screenshotDir = process.env.UPDATE_SCREENSHOTS ? path.resolve('docs/screenshots') : undefined;
  if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });

  async function newPage(width = 1280): Promise<{ page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'es-CO', acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    return { page, problems: watchConsole(page) };
  }

  async function expectAccessible(page: Page, screen: string) {
    // The app renders after its script loads: let the page's heading appear (axe reports it if it never does).
    await page
      .locator('h1')
      .first()
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    const violations = await axeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    await capture(page, screen);
  }

  /** The README's screenshot of a screen, only with UPDATE_SCREENSHOTS (pages that are not the app's, such as the local OpenID provider's, are not checked with axe here). */
  async function capture(page: Page, screen: string) {
    if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `${screen}.png`), fullPage: true });
  }

  async function solveCaptcha(page: Page) {
    await page.getByLabel('No soy un robot').check();
    await expect.poll(() => page.locator('.captcha__status').textContent(), { timeout: 15_000 }).toBe('Verificación completada.');
  }

  async function registerThroughUi(page: Page, kind: 'delegate' | 'officer', fields: { nit?: string; idNumber: string }) {
    await page.goto(`${app.url}/registro`);
    await page.getByLabel(kind === 'delegate' ? 'Delegado Administrativo' : 'Otro Usuario').check();
    if (fields.nit !== undefined) await page.getByLabel('NIT de la entidad').fill(fields.nit);
    await page.getByLabel(kind === 'delegate' ? /^Tipo identificación delegado/ : /^Tipo identificación/).selectOption('CC');
    await page.getByLabel(kind === 'delegate' ? /^Número identificación delegado/ : /^Número identificación/).fill(fields.idNumber);
    await solveCaptcha(page);
    await page.getByLabel('Acepto el acuerdo de confidencialidad').check();
    await page.getByRole('button', { name: 'Registrar' }).click();
  }

  async function activateFromEmail(page: Page, email: string, password: string) {
    const [mail] = await waitForEmails(email, 1, 15_000);
    await page.goto(linkIn(mail!, 'activar'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Activar cuenta');
    expect(new URL(page.url()).hash).toBe(''); // the token leaves the address bar at once
    await page.getByLabel(/^Contraseña/).fill(password);
    await page.getByLabel('Confirmar contraseña').fill(password);
    await page.getByRole('button', { name: 'Activar cuenta' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Su cuenta quedó activa');
  }

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${app.url}/ingresar`);
    await page.getByLabel(/^Usuario/).fill(username);
    await page.getByLabel(/^Contraseña/).fill(password);
    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Ingresar' }).click();
  }

  /** An official's first sign-in, after «Ingresar»: chooses the authenticator app, reads the key as text, types its code. */
  async function enrolTotpThroughUi(page: Page): Promise<string> {
    await expect.poll(() => page.locator('h1').textContent()).toBe('Configure su segundo factor');
    await page.getByRole('button', { name: 'Usar aplicación de autenticación' }).click();
    const key = (await page.locator('.totp-setup__key').textContent({ timeout: 10_000 }))!;
    await page.getByLabel(/^Código de verificación/).fill(await freshTotpCode(key, Date.now));
    await page.getByRole('button', { name: 'Verificar' }).click();
    return key;
  }

  /** Every later sign-in of an official, after «Ingresar»: the «Código de verificación» of the app enrolled with `key`. */
  async function passSecondFactor(page: Page, key: string) {
    await expect.poll(() => page.locator('h1').textContent()).toBe('Verificación en dos pasos');
    await page.getByLabel(/^Código de verificación/).fill(await freshTotpCode(key, Date.now));
    await page.getByRole('button', { name: 'Verificar' }).click();
  }

  return {
    app,
    env,
    logs,
    browser,
    newPage,
    expectAccessible,
    capture,
    solveCaptcha,
    registerThroughUi,
    activateFromEmail,
    signIn,
    enrolTotpThroughUi,
    passSecondFactor,
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}
