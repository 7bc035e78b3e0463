import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as credentialsRemind } from '../../functions/credentials-remind';
import { definition as credentialsRetire } from '../../functions/credentials-retire';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerSecretGet } from '../../functions/provider-secret-get';
import { definition as providersList } from '../../functions/providers-list';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as sessionsGetCurrent } from '../../functions/sessions-get-current';
import type { SessionUser } from '../../src/accounts/accounts.schemas';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { bogotaDay } from '../../src/credentials/expiry-calendar';
import { formatBogotaDay } from '../../src/kernel/bogota-date';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { createKeyVaultSecretStore } from '../../src/adapters/secrets/key-vault-secret-store';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { SIMULATOR_TOKEN } from '../../src/adapters/entra/simulated-credential';
import { passTotp, signedInDelegate, signedInOfficer, TEST_PASSWORD, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { createKeyVaultContract, VAULT_URL } from '../support/key-vault-contract';
import { emailsTo } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { getProviderFile, putProviderKeys, saveProviderKeys } from '../support/officer-calls';
import { bound, call, sessionCookieHeader, solvedCaptcha, testEnv, useTestServices } from '../support/test-app';

const DAY = 86_400_000;
const T0 = Date.now();
let now = T0;
const clock = { now: () => new Date(now) };
const dayOf = (ms: number) => bogotaDay(new Date(ms));

let entra: EntraSimulator;
const vault = createKeyVaultContract();
const provider = providerFixture('Calendario');
const officer = officerFixture();
let services: Services;
let officerUsername: string;
let officerTotpKey: string;
let delegate: SessionUser;
const expiresOn = dayOf(T0 + 90 * DAY);

const runTimer = (definition: typeof credentialsRetire | typeof credentialsRemind) =>
  bound(definition).handler(
    { isPastDue: false, scheduleStatus: { last: '', next: '', lastUpdated: '' } } as never,
    new InvocationContext({ functionName: definition.name, logHandler: () => {} }),
  );

/**
 * Sessions expire as the injected clock moves on: sign in again (password, then the code), as the official would.
 * A session still open is kept, as the official would too: a code serves once, and the clock here stands still.
 */
let officerSession: string | undefined;
async function officerCookie(): Promise<string> {
  if (officerSession && (await call(sessionsGetCurrent, { cookie: officerSession })).status === 200) return officerSession;
  const signedIn = await call(sessionsCreate, {
    body: { username: officerUsername, password: TEST_PASSWORD, captcha: await solvedCaptcha() },
  });
  expect(signedIn.status).toBe(200);
  officerSession = await passTotp(services, sessionCookieHeader(signedIn), officerTotpKey);
  return officerSession;
}
const versionsOf = (file: any, env: 'preproduction' | 'production') =>
  file.environments[env].secretVersions as { version: string; current: boolean; validUntil?: string; retiredAt?: string }[];
const vaultVersion = (name: string, version: string) => vault.stored.get(name)?.get(version);

beforeAll(async () => {
  entra = await startEntraSimulator();
  const env = testEnv({
    SECRET_STORE: 'keyvault',
    KEY_VAULT_URL: VAULT_URL,
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    // Issue 17: this suite is about the official's «Generar»; the automatic issuance has its own (preproduction-auto-issue).
    PREPRODUCTION_AUTO_ISSUE: 'off',
    PREPRODUCTION_TENANT_ID: '11111111-2222-4333-8444-555555555555',
    PRODUCTION_TENANT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  });
  services = await buildServices(loadConfig(env), {
    clock,
    log: () => {},
    secrets: createKeyVaultSecretStore({
      vaultUrl: VAULT_URL,
      credential: vault.credential,
      clientOptions: { httpClient: vault.httpClient, retryOptions: { maxRetries: 0 } },
    }),
  });
  useTestServices(services);
  await seedDirectory(services, [provider], [officer]);
  ({ username: officerUsername, totpKey: officerTotpKey } = await signedInOfficer(services, officer));
  const session = await signedInDelegate(services, provider);
  delegate = (await call(sessionsGetCurrent, { cookie: session.cookie })).body.user;
  expect((await call(myRequestsCreate, { cookie: session.cookie, body: validRequest('first') })).status).toBe(201);

  // Keys for 90 days: preproduction generated in Entra ID, production typed by hand.
  const cookie = await officerCookie();
  const put = async (secretTag: string) => {
    const result = await saveProviderKeys(cookie, provider.nit, {
      preproduction: { mode: 'entra', expiresOn, scope: 'api://ihce-pre/.default', endpoint: 'https://apim-pre.example/fhir' },
      production: {
        clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
        clientSecret: `manual~${secretTag}~0123456789`,
        tenantId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
        expiresOn,
        scope: 'api://ihce-prd/.default',
        endpoint: 'https://apim-prd.example/fhir',
      },
    });
    expect(result.status).toBe(200);
    return result.body.file;
  };
  await put('uno');
  await drainNotifications(services);
});
afterAll(() => entra.close());

describe('rotation with overlap', () => {
  it('Actualizar keeps the earlier secrets working for the whole grace period; the hourly timer retires them once it ends, run twice each time', async () => {
    const cookie = await officerCookie();
    const before = (await getProviderFile(cookie, provider.nit)).body;
    const app = () => entra.applications().find((item) => item.displayName === `IHCE-PRE-${provider.nit}`)!;
    const [oldKey] = app().passwordCredentials.map((credential) => credential.keyId);
    const rotated = await putProviderKeys(
      cookie,
      provider.nit,
      {
        updateReason: 'Corrección de datos inconsistentes del prestador.', // issue 16: an update no request asked for says why
        preproduction: { mode: 'entra', expiresOn, scope: 'api://ihce-pre/.default', endpoint: 'https://apim-pre.example/fhir' },
        production: {
          clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
          clientSecret: 'manual~dos~0123456789',
          tenantId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
          expiresOn,
          scope: 'api://ihce-prd/.default',
          endpoint: 'https://apim-prd.example/fhir',
        },
      },
      before.version,
    );
    expect(rotated.status).toBe(200);
    const [, oldPre] = versionsOf(rotated.body.file, 'preproduction');
    const [, oldPrd] = versionsOf(rotated.body.file, 'production');
    const validUntil = Date.parse(oldPre!.validUntil!);
    expect(validUntil).toBe(T0 + 7 * DAY);
    expect(oldPrd!.validUntil).toBe(oldPre!.validUntil);
    expect(app().passwordCredentials).toHaveLength(2);

    const seen: { hour: number; inEntra: boolean; enabled: boolean; delegateSeesPrevious: boolean; retiredInFile: boolean }[] = [];
    for (let hour = 0; hour <= 9 * 24; hour += 6) {
      now = T0 + hour * 3_600_000 + 60_000;
      await runTimer(credentialsRetire);
      await runTimer(credentialsRetire);
      const file = await services.keyFiles.getFile(provider.nit);
      const view = await services.myCredentials.view(delegate);
      seen.push({
        hour,
        inEntra: app().passwordCredentials.some((credential) => credential.keyId === oldKey),
        enabled: vaultVersion(`ihce-${provider.nit}-preproduction-client-secret`, oldPre!.version)!.enabled,
        delegateSeesPrevious:
          view.environments.preproduction?.previous !== undefined && view.environments.production?.previous !== undefined,
        retiredInFile:
          file.environments.preproduction!.previousSecrets[0]!.retiredAt !== undefined &&
          file.environments.production!.previousSecrets[0]!.retiredAt !== undefined,
      });
    }
    for (const point of seen) {
      const over = T0 + point.hour * 3_600_000 + 60_000 >= validUntil;
      expect(point, `hora ${point.hour}`).toEqual({
        hour: point.hour,
        inEntra: !over,
        enabled: !over,
        delegateSeesPrevious: !over,
        retiredInFile: over,
      });
    }
    // The production secret was typed by hand: disabled in Key Vault, and the trail says to remove it in the portal.
    expect(vaultVersion(`ihce-${provider.nit}-production-client-secret`, oldPrd!.version)!.enabled).toBe(false);
    const trail = await services.audit.list(`provider:${provider.nit}`, 100);
    const retirements = trail.filter((record) => record.action === 'secreto.retirado');
    expect(retirements).toHaveLength(2);
    expect(retirements.map((record) => record.detail?.retiradoDeEntraId).sort()).toEqual([
      'no (registrado a mano: retírelo en el portal de Entra ID)',
      'sí',
    ]);
    expect(app().passwordCredentials).toHaveLength(1);

    // An official can no longer read a retired version: 410 with the date.
    const again = await officerCookie();
    const gone = await call(providerSecretGet, {
      cookie: again,
      path: `providers/${provider.nit}/credentials/preproduction/secret?version=${oldPre!.version}&reason=${encodeURIComponent('Revisión de la versión retirada')}`,
      params: { nit: provider.nit, environment: 'preproduction' },
    });
    expect(gone.status).toBe(410);
    expect(gone.body.detail).toMatch(/se retiró el \d{1,2} de [a-z]+ de \d{4}, \d{1,2}:\d{2} [ap]\. m\. al terminar/);
  });
});

describe('generated credentials whose save never landed', () => {
  it('the retirement timer removes them from Entra ID once their check time passes, and leaves saved ones alone', async () => {
    now = T0 + 8 * DAY;
    const app = entra.applications().find((item) => item.displayName === `IHCE-PRE-${provider.nit}`)!;
    // As if the process died between addPassword and the save: Entra ID has the credential, the file does not.
    const response = await fetch(`${entra.url}/v1.0/applications/${app.id}/addPassword`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SIMULATOR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ passwordCredential: { displayName: 'huérfana' } }),
    });
    const orphan = (await response.json()) as { keyId: string };
    const saved = app.passwordCredentials[0]!.keyId;
    const checkAt = new Date(now + 30 * 60_000).toISOString();
    await services.schedule.watchGenerated({
      nit: provider.nit,
      environment: 'preproduction',
      objectId: app.id,
      keyId: orphan.keyId,
      checkAt,
    });
    await services.schedule.watchGenerated({ nit: provider.nit, environment: 'preproduction', objectId: app.id, keyId: saved, checkAt });

    await runTimer(credentialsRetire);
    expect(app.passwordCredentials.map((c) => c.keyId)).toContain(orphan.keyId);
    now += 31 * 60_000;
    await runTimer(credentialsRetire);
    await runTimer(credentialsRetire);
    expect(app.passwordCredentials.map((c) => c.keyId)).toEqual([saved]);
  });
});

describe('expiry reminders', () => {
  it('the daily timer, run twice every day, e-mails the delegate once per stage (60, 30, 15, 7, 1 days and expired) and the ministry one summary per day', async () => {
    const delegateDays = new Map<number, number>();
    const ministryDays = new Map<number, number>();
    const count = async () => ({
      delegate: (await emailsTo(provider.delegate.email)).filter((mail) => mail.subject.startsWith('Llaves IHCE de')).length,
      ministry: (await emailsTo(officer.email)).filter((mail) => mail.subject.startsWith('Vencimiento de llaves IHCE')).length,
    });
    let last = await count();
    expect(last).toEqual({ delegate: 0, ministry: 0 });
    for (let day = 9; day <= 100; day++) {
      now = T0 + day * DAY;
      await runTimer(credentialsRemind);
      await runTimer(credentialsRemind);
      await drainNotifications(services);
      const current = await count();
      if (current.delegate > last.delegate) delegateDays.set(day, current.delegate - last.delegate);
      if (current.ministry > last.ministry) ministryDays.set(day, current.ministry - last.ministry);
      last = current;
    }
    // Both environments expire the same day: two reminders on each stage day, one summary.
    expect(Object.fromEntries(delegateDays)).toEqual({ 30: 2, 60: 2, 75: 2, 83: 2, 89: 2, 91: 2 });
    expect(Object.fromEntries(ministryDays)).toEqual({ 30: 1, 60: 1, 75: 1, 83: 1, 89: 1, 91: 1 });

    const mails = await emailsTo(provider.delegate.email);
    const subjects = mails
      .filter((mail) => mail.subject.startsWith('Llaves IHCE de'))
      .map((mail) => mail.subject.replace(`: ${provider.name}`, ''));
    expect(subjects).toEqual(
      expect.arrayContaining([
        'Llaves IHCE de Preproducción vencen en 60 días',
        'Llaves IHCE de Producción vencen en 30 días',
        'Llaves IHCE de Preproducción vencen en 15 días',
        'Llaves IHCE de Producción vencen en 7 días',
        'Llaves IHCE de Preproducción vencen mañana',
        'Llaves IHCE de Producción vencidas',
      ]),
    );
    const digest = (await emailsTo(officer.email)).find((mail) => mail.subject.startsWith('Vencimiento de llaves IHCE'))!;
    // Dates as people read them (issue 16), never ISO.
    expect(digest.text).toContain(
      `${provider.name} (NIT ${provider.nit}), Preproducción: vencen el ${formatBogotaDay(expiresOn)} (en 60 días).`,
    );
    expect(digest.text).not.toContain(expiresOn);
  }, 120_000); // about 130 daily runs: 6 s alone, up to 30 s with the whole suite on 2 cores

  it('the officials filter «Por vencer» and «Vencidas» find the provider on the right days, also after the indexes are rebuilt', async () => {
    now = T0 + 40 * DAY;
    // Keys saved before the indexes existed: the rebuild puts them back.
    const expiries = services.storage.tableOf('expiries');
    for await (const row of expiries.query()) await expiries.delete(row.partitionKey, row.rowKey);
    expect(await services.credentialLifecycle.replanAll()).toEqual({ files: 1, certificates: 0, failed: 0 });
    let cookie = await officerCookie();
    const soon = await call(providersList, { cookie, path: 'providers?filtro=por-vencer' });
    expect(soon.status).toBe(200);
    expect(soon.body.items.filter((item: any) => item.nit === provider.nit).map((item: any) => [item.environment, item.daysLeft])).toEqual([
      ['preproduction', 50],
      ['production', 50],
    ]);
    expect(
      (await call(providersList, { cookie, path: 'providers?filtro=vencidas' })).body.items.some((item: any) => item.nit === provider.nit),
    ).toBe(false);

    now = T0 + 92 * DAY;
    cookie = await officerCookie();
    const expired = await call(providersList, { cookie, path: 'providers?filtro=vencidas' });
    expect(expired.body.items.filter((item: any) => item.nit === provider.nit).map((item: any) => item.daysLeft)).toEqual([-2, -2]);
    const both = await call(providersList, { cookie, path: 'providers?filtro=vencidas&q=clinica' });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('q');
  });
});
