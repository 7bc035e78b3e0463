import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providerSecretGet } from '../../functions/provider-secret-get';
import { definition as providersGet } from '../../functions/providers-get';
import { signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';
import { call } from '../support/test-app';

let e2e: E2e;
const providers = [providerFixture('Bloqueo Uno'), providerFixture('Bloqueo Dos')];
const officers = [officerFixture(), officerFixture()];
const sessions: { username: string; cookie: string; totpKey: string }[] = [];

const reveal = (cookie: string, p: ProviderFixture) =>
  call(providerSecretGet, {
    cookie,
    path: `providers/${p.nit}/credentials/production/secret?reason=${encodeURIComponent('Revisión de control interno')}`,
    params: { nit: p.nit, environment: 'production' },
  });

beforeAll(async () => {
  e2e = await startE2e({ OFFICER_REVEAL_BURST_PROVIDERS: '1', MSPS_SECURITY_EMAILS: 'seguridad@minsalud-pruebas.example' });
  await seedDirectory(e2e.app.services, providers, officers);
  for (const officer of officers) sessions.push(await signedInOfficer(e2e.app.services, officer));
  for (const p of providers) {
    const delegate = await signedInDelegate(e2e.app.services, p);
    expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
    const file = await call(providersGet, { cookie: sessions[0]!.cookie, path: `providers/${p.nit}`, params: { nit: p.nit } });
    const typed = {
      clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca401',
      clientSecret: `bloqueo~${p.nit}~0123456789`,
      expiresOn: addDays(bogotaDay(new Date()), 200),
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      scope: 'api://ihce/.default',
      endpoint: 'https://apim-ihce.example/fhir',
    };
    const saved = await call(providerCredentialsPut, {
      method: 'PUT',
      cookie: sessions[0]!.cookie,
      path: `providers/${p.nit}/credentials`,
      params: { nit: p.nit },
      headers: { 'if-match': file.body.version },
      body: { preproduction: typed, production: typed },
    });
    expect(saved.status).toBe(200);
  }
}, 180_000);
afterAll(async () => e2e?.stop());

describe('«Desbloquear revelaciones» in Chromium', () => {
  it('a blocked official sees that a colleague must lift it; the colleague lifts it from the home page, and reveals work again', async () => {
    const [blocked, colleague] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
    expect((await reveal(blocked.cookie, providers[0]!)).status).toBe(200);
    expect((await reveal(blocked.cookie, providers[1]!)).status).toBe(423);

    const own = await e2e.newPage();
    await e2e.signIn(own.page, blocked.username, TEST_PASSWORD);
    await e2e.passSecondFactor(own.page, blocked.totpKey);
    await expect.poll(() => own.page.getByRole('heading', { name: 'Revelaciones bloqueadas' }).count()).toBe(1);
    expect(await own.page.getByRole('button', { name: /Desbloquear revelaciones/ }).count()).toBe(0);
    expect(await own.page.locator('.reveal-blocks').textContent()).toContain('Otro funcionario debe desbloquearlo.');

    const { page, problems } = await e2e.newPage();
    await e2e.signIn(page, colleague.username, TEST_PASSWORD);
    await e2e.passSecondFactor(page, colleague.totpKey);
    const button = page.getByRole('button', { name: `Desbloquear revelaciones de ${blocked.username}` });
    await button.waitFor();
    expect(await page.locator('.reveal-blocks').textContent()).toContain('nadie puede desbloquearse a sí mismo');
    await e2e.expectAccessible(page, '30-revelaciones-bloqueadas');
    await button.click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(`Se desbloquearon las revelaciones de ${blocked.username}`);
    await e2e.expectAccessible(page, '31-revelaciones-desbloqueadas');
    expect(problems).toEqual([]);
    expect((await reveal(blocked.cookie, providers[0]!)).status).toBe(200);
  }, 120_000);
});
