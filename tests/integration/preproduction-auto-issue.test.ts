import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providersGet } from '../../functions/providers-get';
import { definition as requestsList } from '../../functions/requests-list';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { buildServices, type Services } from '../../src/composition-root';
import { createLocalSecretStore } from '../../src/adapters/secrets/local-secret-store';
import { loadConfig, type AppConfig } from '../../src/config';
import { createStorage } from '../../src/platform/storage/storage';
import { environmentSettings } from '../../src/config/environments';
import { AUTO_ISSUED_STATUS } from '../../src/key-files/key-file.schemas';
import { AUTO_ISSUE_ACTOR } from '../../src/credentials/preproduction-auto-issue';
import { encodeQueueMessage } from '../../src/notifications/event-publisher';
import type { NotificationEvent } from '../../src/notifications/notification-events';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, testEnv, useTestServices } from '../support/test-app';

const PRE_TENANT = '21111111-2222-4333-8444-555555555555';
const PRD_TENANT = '76666666-7777-4888-9999-aaaaaaaaaaaa';

let entra: EntraSimulator;
let services: Services;
let config: AppConfig;
let officerCookie: string;
const officer = officerFixture();
const logLines: string[] = [];

const settings = (autoIssue: 'on' | 'off') =>
  testEnv({
    GRAPH_BASE_URL: entra.url,
    PREPRODUCTION_GRAPH_MODE: 'simulated',
    PREPRODUCTION_TENANT_ID: PRE_TENANT,
    PREPRODUCTION_SCOPE: 'api://ihce-preproduccion/.default',
    PREPRODUCTION_ENDPOINT: 'https://apim-ihce-preproduccion.example/fhir',
    PREPRODUCTION_AUTO_ISSUE: autoIssue,
    // Production generates in Entra ID too, and is configured completely: still never issued without an official.
    PRODUCTION_GRAPH_MODE: 'simulated',
    PRODUCTION_TENANT_ID: PRD_TENANT,
    PRODUCTION_SCOPE: 'api://ihce-produccion/.default',
    PRODUCTION_ENDPOINT: 'https://apim-ihce-produccion.example/fhir',
    // Even if someone sets it: the app knows no such setting.
    PRODUCTION_AUTO_ISSUE: 'on',
  });

const appsOf = (p: ProviderFixture, tag: 'PRE' | 'PRD') => entra.applications().filter((app) => app.displayName === `IHCE-${tag}-${p.nit}`);
const getFile = (p: ProviderFixture) => call(providersGet, { cookie: officerCookie, path: `providers/${p.nit}`, params: { nit: p.nit } });
/** The provider's row in Asignar Token (oldest first: other suites' requests may come before it). */
async function pendingItem(p: ProviderFixture) {
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const path = `requests?status=pending&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { body } = await call(requestsList, { cookie: officerCookie, path });
    const item = body.items.find((candidate: { nit: string }) => candidate.nit === p.nit);
    if (item || !body.cursor) return item;
    cursor = body.cursor;
  }
}
const techLead = (p: ProviderFixture) => ({ name: 'Líder Técnico', email: `lider.${p.nit}@proveedor.example`, phone: '+57 310 555 1234' });

/** A provider with its delegate, who sends «Inscripción Token» (the queue not yet drained). */
async function requested(name: string) {
  const provider = providerFixture(name);
  await seedDirectory(services, [provider], []);
  const delegate = await signedInDelegate(services, provider);
  const created = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first', { techLead: techLead(provider) }) });
  expect(created.status).toBe(201);
  return { provider, delegate };
}

/** Takes the queued request.auto-issue message out of the queue (the others stay). */
async function takeAutoIssueMessage(nit: string): Promise<NotificationEvent> {
  const queue = services.storage.queueOf('notifications');
  for (let tries = 0; tries < 20; tries++) {
    for (const message of await queue.receive({ max: 32, visibilityTimeoutSeconds: 1 })) {
      const event = JSON.parse(Buffer.from(message.text, 'base64').toString('utf8')) as NotificationEvent;
      if (event.type === 'request.auto-issue' && event.nit === nit) {
        await queue.delete(message);
        return event;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }
  throw new Error(`No llegó el evento request.auto-issue de ${nit}`);
}

beforeAll(async () => {
  entra = await startEntraSimulator();
  config = loadConfig(settings('on'));
  services = await buildServices(config, {
    log: (message, error) => logLines.push(`${message} ${error instanceof Error ? error.message : ''}`),
  });
  useTestServices(services);
  await seedDirectory(services, [], [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
});
afterAll(() => entra.close());

describe('pre-production keys issued automatically (PREPRODUCTION_AUTO_ISSUE)', () => {
  it('when a request arrives, the queue worker generates pre-production in Entra ID, e-mails the delegate and the technical lead, audits it as the system and leaves production to an official', async () => {
    const { provider, delegate } = await requested('Automática Ñ');
    await drainNotifications(services);

    const [pre] = appsOf(provider, 'PRE');
    expect(pre?.passwordCredentials).toHaveLength(1);
    expect(appsOf(provider, 'PRD')).toEqual([]);

    const file = (await getFile(provider)).body;
    expect(file.status).toBe('pending-first');
    expect(file.environments.preproduction).toMatchObject({ clientId: pre!.appId, source: 'entra', assignedBy: AUTO_ISSUE_ACTOR });
    expect(file.environments.production).toBeUndefined();
    expect(file.progress).toEqual({ autoIssued: true, labels: ['Preproducción: asignada automáticamente', 'Producción: pendiente'] });
    expect((await pendingItem(provider)).progress.labels).toEqual(['Preproducción: asignada automáticamente', 'Producción: pendiente']);

    const mine = (await call(myCredentialsGet, { cookie: delegate.cookie })).body;
    expect(mine.statusLabel).toBe(AUTO_ISSUED_STATUS);
    expect(mine.environments.preproduction.clientId).toBe(pre!.appId);
    expect(mine.environments.production).toBeUndefined();

    for (const address of [provider.delegate.email, techLead(provider).email]) {
      const mails = await waitForEmails(address, 2);
      const automatic = mails.find((mail) => mail.subject.includes('asignadas automáticamente'))!;
      expect(automatic.subject).toContain('Llaves de acceso IHCE de Preproducción asignadas automáticamente');
      expect(automatic.text).toContain('Las llaves de Producción siguen en revisión');
      expect(automatic.text).toContain(pre!.appId);
      expect(automatic.text).not.toContain(pre!.passwordCredentials[0]!.secretText);
    }
    const trail = await services.audit.list(`provider:${provider.nit}`);
    expect(trail.find((entry) => entry.action === 'llaves.asignadas-automaticamente')).toMatchObject({
      actor: AUTO_ISSUE_ACTOR,
      detail: { ambiente: 'preproduction', clientIdPreproduccion: pre!.appId, requestId: file.request.id },
    });

    // The official assigns production: pre-production is kept as it is (the form pre-fills it), not generated again.
    const current = file.environments.preproduction;
    const saved = await call(providerCredentialsPut, {
      method: 'PUT',
      cookie: officerCookie,
      path: `providers/${provider.nit}/credentials`,
      params: { nit: provider.nit },
      headers: { 'if-match': file.version },
      body: {
        preproduction: {
          clientId: current.clientId,
          tenantId: current.tenantId,
          expiresOn: current.expiresOn,
          scope: current.scope,
          endpoint: current.endpoint,
        },
        production: {
          mode: 'entra',
          expiresOn: current.expiresOn,
          scope: 'api://ihce-produccion/.default',
          endpoint: 'https://apim-ihce-produccion.example/fhir',
        },
      },
    });
    expect(saved.status).toBe(200);
    expect(appsOf(provider, 'PRE')[0]!.passwordCredentials).toHaveLength(1);
    expect(appsOf(provider, 'PRD')[0]!.passwordCredentials).toHaveLength(1);
    const after = (await getFile(provider)).body;
    expect(after.status).toBe('assigned');
    expect(after.environments.preproduction.secretVersions).toHaveLength(1);
    expect(after.environments.preproduction.secretVersions[0].version).toBe(current.secretVersions[0].version);
    expect(after.progress).toBeUndefined();
    // The official's save is the request's assignment («asignadas»), not an update of keys the provider had.
    expect((await services.audit.list(`provider:${provider.nit}`))[0]).toMatchObject({ action: 'llaves.asignadas' });
  }, 60_000);

  it('when the same message is delivered twice, or the event is recorded again for the same request, then one application with one secret', async () => {
    const { provider } = await requested('Duplicada');
    const event = await takeAutoIssueMessage(provider.nit);
    const queue = services.storage.queueOf('notifications');
    await queue.send(encodeQueueMessage(event));
    await queue.send(encodeQueueMessage(event));
    await queue.send(encodeQueueMessage({ ...event, id: randomUUID() }));
    await drainNotifications(services);
    // Delivered once more after all that, as an outbox resend would.
    expect(await services.notifications.handle(JSON.stringify(event))).toBe('already-sent');

    expect(appsOf(provider, 'PRE')).toHaveLength(1);
    expect(appsOf(provider, 'PRE')[0]!.passwordCredentials).toHaveLength(1);
    const trail = await services.audit.list(`provider:${provider.nit}`);
    expect(trail.filter((entry) => entry.action === 'llaves.asignadas-automaticamente')).toHaveLength(1);
  }, 60_000);

  it('when Entra ID throttles, then both environments stay pending with the reason shown to officials, nothing half-written, and the retry issues it on the same application', async () => {
    const { provider, delegate } = await requested('Limitada Graph');
    entra.inject({ method: 'POST', path: /addPassword$/, status: 429, times: 10, headers: { 'Retry-After': '0' } });
    const first = await drainNotifications(services);
    entra.clearFaults();
    expect(first.failed).toEqual([expect.objectContaining({ type: 'request.auto-issue', nit: provider.nit })]);

    const file = (await getFile(provider)).body;
    expect(file.status).toBe('pending-first');
    expect(file.environments).toEqual({});
    expect(file.progress.labels).toEqual(['Preproducción: pendiente', 'Producción: pendiente']);
    expect(file.progress.failure).toContain('Microsoft Entra ID está limitando las solicitudes de Preproducción');
    expect((await pendingItem(provider)).progress.failure).toContain('La emisión automática de Preproducción falló (1 intento');
    expect((await call(myCredentialsGet, { cookie: delegate.cookie })).body.statusLabel).toBe('Token solicitados por primera vez');
    expect(appsOf(provider, 'PRE')[0]?.passwordCredentials ?? []).toEqual([]);

    // The queue shows the message again after its visibility timeout: this time Entra ID answers.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const retry = await drainNotifications(services);
    expect(retry.failed).toEqual([]);
    expect(appsOf(provider, 'PRE')).toHaveLength(1);
    expect(appsOf(provider, 'PRE')[0]!.passwordCredentials).toHaveLength(1);
    const issued = (await getFile(provider)).body;
    expect(issued.progress.autoIssued).toBe(true);
    expect(issued.environments.preproduction.clientId).toBe(appsOf(provider, 'PRE')[0]!.appId);
  }, 60_000);

  it('when the secret store refuses the generated secret, then the password leaves Entra ID, nothing is stored, and the retry issues it on the same application', async () => {
    // The same settings (and local secret key) as the suite's services: only the secret store's writes fail.
    const local = createLocalSecretStore(createStorage(config), config.LOCAL_SECRET_KEY!);
    let down = true;
    const flaky = await buildServices(config, {
      log: () => {},
      secrets: { ...local, put: (name, value) => (down ? Promise.reject(new Error('almacén caído')) : local.put(name, value)) },
    });
    useTestServices(flaky);
    try {
      const provider = providerFixture('Almacén Caído');
      await seedDirectory(flaky, [provider], []);
      const delegate = await signedInDelegate(flaky, provider);
      expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
      const first = await drainNotifications(flaky);
      expect(first.failed).toEqual([expect.objectContaining({ type: 'request.auto-issue', nit: provider.nit })]);
      // Created in Entra ID, then taken back out: the application stays for the retry, its password does not.
      expect(appsOf(provider, 'PRE')).toHaveLength(1);
      expect(appsOf(provider, 'PRE')[0]!.passwordCredentials).toEqual([]);
      const file = (await getFile(provider)).body;
      expect(file.environments).toEqual({});
      expect(file.status).toBe('pending-first');
      expect(file.progress.failure).toContain('No fue posible guardar los secretos en el almacén seguro');

      down = false;
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect((await drainNotifications(flaky)).failed).toEqual([]);
      expect(appsOf(provider, 'PRE')).toHaveLength(1);
      expect(appsOf(provider, 'PRE')[0]!.passwordCredentials).toHaveLength(1);
      expect((await getFile(provider)).body.environments.preproduction.clientId).toBe(appsOf(provider, 'PRE')[0]!.appId);
    } finally {
      useTestServices(services);
    }
  }, 60_000);

  it('production is never issued automatically: the app has no setting for it, and with pre-production off nothing is issued', async () => {
    expect(Object.keys(environmentSettings)).toContain('PREPRODUCTION_AUTO_ISSUE');
    expect(Object.keys(environmentSettings).filter((key) => /^PRODUCTION_.*AUTO/.test(key))).toEqual([]);
    expect(loadConfig(settings('on'))).not.toHaveProperty('PRODUCTION_AUTO_ISSUE');

    const off = await buildServices(loadConfig(settings('off')), { log: () => {} });
    useTestServices(off);
    try {
      const provider = providerFixture('Sin Automática');
      await seedDirectory(off, [provider], []);
      const delegate = await signedInDelegate(off, provider);
      expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
      const { handled } = await drainNotifications(off);
      expect(handled.filter((event) => (event as NotificationEvent).type === 'request.auto-issue')).toEqual([]);
      // An event queued before the switch was turned off does nothing either.
      const late = {
        id: randomUUID(),
        type: 'request.auto-issue',
        nit: provider.nit,
        requestId: 'x',
        occurredAt: new Date().toISOString(),
      };
      expect(await off.notifications.handle(JSON.stringify(late))).toBe('nothing-to-send');
      expect(appsOf(provider, 'PRE')).toEqual([]);
      expect(appsOf(provider, 'PRD')).toEqual([]);
    } finally {
      useTestServices(services);
    }
  }, 60_000);
});
