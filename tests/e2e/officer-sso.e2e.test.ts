import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officersAtLocalIdp } from '../../scripts/local-host/local-idp-directory';
import { LOCAL_IDP_DEFAULT_PASSWORD } from '../../scripts/local-host/local-oidc-provider';
import { freePort } from '../../scripts/local-stack';
import { officerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { startTestIdp } from '../support/local-idp';

let e2e: E2e;
let closeIdp: () => Promise<void>;
const officer = officerFixture();

beforeAll(async () => {
  const port = await freePort();
  const known: { e2e?: E2e } = {};
  // The local provider reads the officers' directory of the running app, as `npm start` wires it.
  const { idp, env } = await startTestIdp(
    (email) => (known.e2e ? officersAtLocalIdp(known.e2e.app.services.directory)(email) : Promise.resolve(undefined)),
    `http://localhost:${port}`,
  );
  closeIdp = idp.close;
  e2e = await startE2e(env, { port });
  known.e2e = e2e;
  await seedDirectory(e2e.app.services, [], [officer]);
});

afterAll(async () => {
  await e2e?.stop();
  await closeIdp?.();
});

describe("an official signs in with the ministry's Entra ID (local OpenID provider) in Chromium", () => {
  it('is refused without the second factor, with the reason on the sign-in page, and admitted with it', async () => {
    const { page, problems } = await e2e.newPage();
    const signInAtProvider = async (secondFactor: boolean) => {
      await page.goto(`${e2e.app.url}/ingresar`);
      await page.getByRole('link', { name: 'Ingresar con cuenta institucional (Microsoft Entra ID)' }).click();

      await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
      expect(await page.locator('h1').textContent()).toBe('Iniciar sesión');
      await page.getByLabel('Correo institucional').fill(officer.email);
      await page.getByLabel('Contraseña').fill(LOCAL_IDP_DEFAULT_PASSWORD);
      if (secondFactor) {
        await page.getByLabel('Verificar con segundo factor').check();
        await e2e.capture(page, '29-proveedor-openid-local');
      }
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    };

    await page.goto(`${e2e.app.url}/ingresar`);
    await expect.poll(() => page.getByRole('link', { name: /cuenta institucional/ }).count()).toBe(1);
    await e2e.expectAccessible(page, '06c-ingreso-con-entra');

    await signInAtProvider(false);
    await page.waitForURL(`${e2e.app.url}/ingresar?sso=sin-segundo-factor`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('no usó un segundo factor de autenticación');
    await e2e.expectAccessible(page, '06d-ingreso-entra-sin-segundo-factor');

    await signInAtProvider(true);
    await page.waitForURL(`${e2e.app.url}/`);
    await expect.poll(() => page.getByLabel('Usuario en sesión').textContent()).toContain(officer.firstNames);
    expect(await page.locator('h1').textContent()).not.toBe('Ingreso al sistema');
    expect(problems).toEqual([]);
  });

  it('a link opened signed out («Ver la solicitud», «Asignar Token») is where the official lands after Entra ID', async () => {
    const { page, problems } = await e2e.newPage();
    await page.goto(`${e2e.app.url}/funcionario/asignar`);
    await page.getByRole('link', { name: 'Ingresar con cuenta institucional (Microsoft Entra ID)' }).click();
    await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
    await page.getByLabel('Correo institucional').fill(officer.email);
    await page.getByLabel('Contraseña').fill(LOCAL_IDP_DEFAULT_PASSWORD);
    await page.getByLabel('Verificar con segundo factor').check();
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL(`${e2e.app.url}/funcionario/asignar`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Asignar Token');
    expect(problems).toEqual([]);
  });
});
