import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotpCode } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { linkIn, waitForEmails } from '../support/maildev';

let e2e: E2e;
let app: E2e['app'];
const delegateProvider = providerFixture('Navegador');
const badInputsProvider = providerFixture('Errores');
const officer = officerFixture();
const resetProvider = providerFixture('Restablecer');
const sessionsProvider = providerFixture('Sesiones');
const PASSWORD = 'guayacán amarillo en flor';

beforeAll(async () => {
  e2e = await startE2e();
  app = e2e.app;
  await seedDirectory(app.services, [delegateProvider, badInputsProvider, resetProvider, sessionsProvider], [officer]);
});

afterAll(async () => {
  await e2e?.stop();
});

const newPage = (width?: number) => e2e.newPage(width);
const expectAccessible = (page: Page, screen: string) => e2e.expectAccessible(page, screen);
const solveCaptcha = (page: Page) => e2e.solveCaptcha(page);
const registerThroughUi = (page: Page, kind: 'delegate' | 'officer', fields: { nit?: string; idNumber: string }) =>
  e2e.registerThroughUi(page, kind, fields);
const signIn = (page: Page, username: string, password: string) => e2e.signIn(page, username, password);

async function activateFromEmail(page: Page, email: string, password: string) {
  await e2e.activateFromEmail(page, email, password);
}

describe('registration, activation and sign-in in Chromium', () => {
  it('a delegate registers, activates from the e-mail, signs in, sees the header and home of the role, and signs out', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${app.url}/registro`);
    expect(await page.locator('h1').textContent()).toBe('Registro de Usuarios');
    expect(await page.locator('.govco-bar a').getAttribute('href')).toBe('https://www.gov.co');
    await expectAccessible(page, '01-registro');

    await page.getByLabel('Delegado Administrativo').check();
    expect(await page.getByLabel('Tipo de Entidad').inputValue()).toBe('PSS');
    await expectAccessible(page, '02-registro-delegado');
    await registerThroughUi(page, 'delegate', { nit: delegateProvider.nit, idNumber: delegateProvider.delegate.idNumber });

    const username = `CC${delegateProvider.delegate.idNumber}-${delegateProvider.nit}`;
    await expect.poll(() => page.locator('h1').textContent()).toBe('Resumen del registro');
    expect(await page.locator('.summary__username').textContent()).toBe(username);
    expect(await page.locator('.summary').textContent()).toContain(delegateProvider.name);
    // Anyone can type someone's document number here: the summary names no person.
    expect(await page.locator('.summary').textContent()).not.toContain(delegateProvider.delegate.lastNames);
    await expectAccessible(page, '03-resumen-registro');

    await activateFromEmail(page, delegateProvider.delegate.email, PASSWORD);
    await expectAccessible(page, '05-cuenta-activada');

    await signIn(page, username, PASSWORD);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gestión de llaves de acceso');
    const banner = await page.getByLabel('Usuario en sesión').textContent();
    expect(banner).toContain(`${delegateProvider.delegate.firstNames} ${delegateProvider.delegate.lastNames}`);
    expect(banner).toContain('Delegado Administrativo');
    expect(banner).toContain('SECURITYADMIN- IHCE IPS');
    expect(banner).toContain(`${delegateProvider.name} – NIT ${delegateProvider.nit}-`);
    // Issue 16 (6.3): the breadcrumb starts at the role's home and never lists a page twice (it read
    // «Inicio › Delegado Administrativo › Gestión de llaves de acceso», three crumbs for the same page).
    expect(await page.getByRole('navigation', { name: 'Ruta de exploración' }).textContent()).toBe('Gestión de llaves de acceso');
    expect(await page.getByRole('link', { name: /Inscripción Token/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Resolicitud Token/ }).count()).toBe(1);
    await expectAccessible(page, '07-inicio-delegado');

    await page.reload();
    await expect.poll(() => page.getByLabel('Usuario en sesión').textContent()).toContain(delegateProvider.name);

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Ingreso al sistema');
    const after = await page.evaluate(async () => (await fetch('/api/sessions/current')).status);
    expect(after).toBe(401);
    expect(problems).toEqual([]);
  });

  it('an official ("Otro Usuario") registers, activates, signs in by keyboard alone, enrols the second factor and sees Asignar Token and Actualizar Token', async () => {
    const { page, problems } = await newPage();
    await registerThroughUi(page, 'officer', { idNumber: officer.idNumber });
    await expect.poll(() => page.locator('.summary__username').textContent()).toBe(`CC${officer.idNumber}`);
    await activateFromEmail(page, officer.email, PASSWORD);

    await page.goto(`${app.url}/ingresar`);
    await expectAccessible(page, '06-ingreso');
    for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.id)) !== 'username'; i++) await page.keyboard.press('Tab');
    await page.keyboard.type(`cc${officer.idNumber}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('captcha');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.captcha__status').textContent(), { timeout: 15_000 }).toBe('Verificación completada.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // The first sign-in enrols the second factor, by keyboard too: the first button is the passkey, the next the app.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Configure su segundo factor');
    await page.getByRole('button', { name: 'Usar llave de acceso (passkey)' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const key = (await page.locator('.totp-setup__key').textContent({ timeout: 10_000 }))!;
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('totp-setup-titulo'); // focus is set in an effect after paint
    await page.getByLabel(/^Código de verificación/).focus();
    await page.keyboard.type(await freshTotpCode(key, Date.now));
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('h1').textContent()).toBe('Asignación de llaves de acceso');
    const banner = await page.getByLabel('Usuario en sesión').textContent();
    expect(banner).toContain('Funcionario MSPS');
    expect(banner).toContain('ROL IHCE MSPS');
    // Issue 16 (6.3): officials see their entity too, the ministry (before, no entity was shown).
    expect(banner).toContain('EntidadMinisterio de Salud y Protección Social');
    // Issue 16: the officials' menu («Menú de funcionarios») repeats them on every page; the home's cards stay one each.
    expect(
      await page
        .getByRole('main')
        .getByRole('link', { name: /Asignar Token/ })
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole('main')
        .getByRole('link', { name: /Actualizar Token/ })
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole('navigation', { name: 'Menú de funcionarios' })
        .getByRole('link', { name: /Asignar Token/ })
        .count(),
    ).toBe(1);
    await expectAccessible(page, '08-inicio-funcionario');
    expect(problems).toEqual([]);
  });

  it('every bad input gets its Spanish message beside the field, announced, and accessible', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${app.url}/registro`);
    await page.getByLabel('Delegado Administrativo').check();
    await page.getByRole('button', { name: 'Registrar' }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.textContent()).toContain('Revise los siguientes datos');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary'); // focus is set in an effect after paint
    const text = await summary.textContent();
    for (const message of [
      'Ingrese el NIT de la entidad.',
      'Seleccione un tipo de identificación de la lista.',
      'Ingrese el número de identificación.',
      'Complete la verificación «No soy un robot».',
      'Debe aceptar el acuerdo de confidencialidad para registrarse.',
    ]) {
      expect(text).toContain(message);
    }
    expect(await page.getByLabel('NIT de la entidad').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#nit-error').textContent()).toContain('Ingrese el NIT de la entidad.');
    await expectAccessible(page, '04-registro-errores');

    await page.getByLabel('NIT de la entidad').fill('900.000.001-2');
    await page.getByRole('button', { name: 'Registrar' }).click();
    await expect
      .poll(() => page.locator('#nit-error').textContent())
      .toContain('El NIT debe ir solo con números, sin espacios, sin comas, sin guiones, sin puntos y sin dígito de verificación.');

    await registerThroughUi(page, 'delegate', { nit: badInputsProvider.nit, idNumber: '1.020.304' });
    await expect.poll(() => page.locator('#idNumber-error').textContent()).toContain('sin puntos');

    await registerThroughUi(page, 'delegate', { nit: badInputsProvider.nit, idNumber: delegateProvider.delegate.idNumber });
    await expect.poll(() => page.locator('#idNumber-error').textContent()).toContain('no está designada como Delegado Administrativo');

    await registerThroughUi(page, 'officer', { idNumber: '3000000009' });
    await expect.poll(() => page.locator('#idNumber-error').textContent()).toContain('no figura como funcionario del Ministerio');

    await registerThroughUi(page, 'delegate', { nit: '123456789', idNumber: badInputsProvider.delegate.idNumber });
    await expect.poll(() => page.locator('#nit-error').textContent()).toContain('no está registrado como Prestador de Servicios de Salud');
    // Each verification works once: after the refusal the box is cleared (the page does it right after showing the error).
    await expect.poll(() => page.getByLabel('No soy un robot').isChecked()).toBe(false);

    await registerThroughUi(page, 'delegate', { nit: badInputsProvider.nit, idNumber: badInputsProvider.delegate.idNumber });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Resumen del registro');
    const [mail] = await waitForEmails(badInputsProvider.delegate.email, 1, 15_000);
    await page.goto(linkIn(mail!, 'activar'));
    await page.getByLabel(/^Contraseña/).fill('Colombia2026!');
    await page.getByLabel('Confirmar contraseña').fill('Colombia2026!');
    await page.getByRole('button', { name: 'Activar cuenta' }).click();
    await expect.poll(() => page.locator('#password-error').textContent()).toContain('demasiado común');
    await page.getByLabel(/^Contraseña/).fill('una frase distinta y larga');
    await page.getByLabel('Confirmar contraseña').fill('otra frase distinta y larga');
    await page.getByRole('button', { name: 'Activar cuenta' }).click();
    await expect.poll(() => page.locator('#confirmation-error').textContent()).toContain('La confirmación no coincide');
    await expectAccessible(page, '04b-activar-errores');

    await signIn(page, `CC${delegateProvider.delegate.idNumber}-${delegateProvider.nit}`, 'no es la contraseña');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Usuario o contraseña incorrectos, o la cuenta aún no está activa.');
    await expectAccessible(page, '06b-ingreso-error');
    expect(problems).toEqual([]);
  });

  it('¿Olvidó su contraseña? sends a link by e-mail; the new password works and the old one no longer does', async () => {
    const { page, problems } = await newPage();
    await registerThroughUi(page, 'delegate', { nit: resetProvider.nit, idNumber: resetProvider.delegate.idNumber });
    await activateFromEmail(page, resetProvider.delegate.email, PASSWORD);
    const username = `CC${resetProvider.delegate.idNumber}-${resetProvider.nit}`;

    await page.goto(`${app.url}/ingresar`);
    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Restablecer contraseña');
    await expectAccessible(page, '10-recuperar');
    await page.getByLabel(/^Usuario/).fill(username);
    await solveCaptcha(page);
    await page.getByRole('button', { name: 'Enviar enlace' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Si el usuario existe y está activo');

    const mails = await waitForEmails(resetProvider.delegate.email, 2, 15_000);
    const reset = mails.find((mail) => mail.subject.startsWith('Restablezca'))!;
    await page.goto(linkIn(reset, 'restablecer'));
    await expectAccessible(page, '11-restablecer');
    await page.getByLabel(/^Contraseña/).fill('sabana de bogotá con niebla');
    await page.getByLabel('Confirmar contraseña').fill('sabana de bogotá con niebla');
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Su contraseña se cambió correctamente.');

    await signIn(page, username, PASSWORD);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Usuario o contraseña incorrectos');
    await signIn(page, username, 'sabana de bogotá con niebla');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gestión de llaves de acceso');
    expect(problems).toEqual([]);
  });

  it('«Cerrar todas mis sesiones» ends the session on every computer, and says so', async () => {
    const first = await newPage();
    await registerThroughUi(first.page, 'delegate', { nit: sessionsProvider.nit, idNumber: sessionsProvider.delegate.idNumber });
    await activateFromEmail(first.page, sessionsProvider.delegate.email, PASSWORD);
    const username = `CC${sessionsProvider.delegate.idNumber}-${sessionsProvider.nit}`;
    await signIn(first.page, username, PASSWORD);
    await expect.poll(() => first.page.locator('h1').textContent()).toBe('Gestión de llaves de acceso');
    const other = await newPage();
    await signIn(other.page, username, PASSWORD);
    await expect.poll(() => other.page.locator('h1').textContent()).toBe('Gestión de llaves de acceso');

    await first.page.getByRole('button', { name: 'Cerrar todas mis sesiones' }).click();
    await expect.poll(() => first.page.locator('h1').textContent()).toBe('Ingreso al sistema');
    expect(await first.page.getByRole('status').first().textContent()).toContain('Se cerraron todas sus sesiones');
    await expectAccessible(first.page, '28-sesiones-cerradas');
    for (const { page } of [first, other]) expect(await page.evaluate(async () => (await fetch('/api/sessions/current')).status)).toBe(401);
    expect([...first.problems, ...other.problems]).toEqual([]);
  });

  it('works on a phone-sized screen without sideways scrolling', async () => {
    const { page } = await newPage(360);
    await page.goto(`${app.url}/registro`);
    await page.getByLabel('Delegado Administrativo').check();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, '09-registro-movil');
  });
});
