import { beforeAll, describe, expect, it } from 'vitest';
import { countSafety } from '../support/totals';
import { inject } from 'vitest';
import { definition as myConfigGet } from '../../functions/my-credentials-config-get';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as mySecretGet } from '../../functions/my-credentials-secret-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as myRequestsGet } from '../../functions/my-requests-get';
import { definition as notificationsSend } from '../../functions/notifications-send';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { InvocationContext } from '../../src/platform/functions-runtime';
import { createStorage } from '../../src/platform/storage/storage';
import { freePort } from '../../scripts/local-stack';
import { signedInDelegate, signedInOfficer, steppedUp, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { emailsTo, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { bound, call, testEnv, useTestServices } from '../support/test-app';

const env = testEnv({ MSPS_ALERT_EMAILS: 'mesa.ihce@minsalud-pruebas.example' });
const provider = providerFixture('Solicitud');
const other = providerFixture('Vecina');
const durable = providerFixture('Durable');
const officer = officerFixture();
let services: Services;
let delegate: { username: string; cookie: string };
let neighbour: { username: string; cookie: string };
let officerSession: { username: string; cookie: string };
let radicadoOfFirst: string;

const SECRET_PRE = 'pre~Secreto.De.Prueba_0123456789abcdef';
const SECRET_PRO = 'pro~Secreto.De.Prueba_fedcba9876543210';
const credentialsInput = (secrets: { pre?: string; pro?: string } = { pre: SECRET_PRE, pro: SECRET_PRO }) => {
  const env = (secret: string | undefined, suffix: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${suffix}`,
    ...(secret && { clientSecret: secret }),
    expiresOn: '2027-11-30',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${suffix}/.default`,
    endpoint: `https://apim-ihce-${suffix}.azure-api.example/fhir`,
  });
  return { preproduction: env(secrets.pre, '01'), production: env(secrets.pro, '02') };
};

const fieldMessage = (body: any, field: string): string | undefined => body.errors?.find((e: any) => e.field === field)?.message;
const context = () => new InvocationContext({ functionName: notificationsSend.name, logHandler: () => {} });

beforeAll(async () => {
  services = await buildServices(loadConfig(env), { log: () => {} });
  useTestServices(services);
  await seedDirectory(services, [provider, other, durable], [officer]);
  officerSession = await signedInOfficer(services, officer);
  delegate = await signedInDelegate(services, provider);
  neighbour = await signedInDelegate(services, other);
});

describe('Paso 1 – Solicitud de llaves de acceso', () => {
  it('a provider that never asked may only use Inscripción Token; Resolicitud says which button to use', async () => {
    const view = await call(myCredentialsGet, { cookie: delegate.cookie });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      nit: provider.nit,
      status: 'none',
      availability: { first: { allowed: true }, renewal: { allowed: false, message: expect.stringContaining('use «Inscripción Token»') } },
      requests: [],
      environments: {},
    });
    const refused = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('renewal') });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('Su entidad aún no ha solicitado llaves de acceso: use «Inscripción Token».');
  });

  it('validates every field in Spanish, naming it, and writes nothing', async () => {
    const bad = await call(myRequestsCreate, {
      cookie: delegate.cookie,
      body: validRequest('first', {
        techVendorName: ' ',
        softwareName: 'x'.repeat(151),
        techLead: { name: 'Camilo', email: 'camilo@', phone: '310 555 12' },
        dataProtectionOfficer: { name: 'Di', phone: '5551234' },
        acceptsTerms: false,
        authorizesPersonalData: 'sí',
      }),
    });
    expect(bad.status).toBe(400);
    expect(fieldMessage(bad.body, 'techVendorName')).toBe('Ingrese el nombre del proveedor tecnológico.');
    expect(fieldMessage(bad.body, 'softwareName')).toBe('Nombre del software no puede tener más de 150 caracteres.');
    expect(fieldMessage(bad.body, 'techLead.email')).toContain('El correo electrónico del líder técnico no es válido');
    expect(fieldMessage(bad.body, 'techLead.phone')).toContain('celular de 10 dígitos que empiece por 3');
    expect(fieldMessage(bad.body, 'dataProtectionOfficer.name')).toContain('al menos 3 caracteres');
    expect(fieldMessage(bad.body, 'dataProtectionOfficer.phone')).toContain('fijo que empiece por 60');
    expect(fieldMessage(bad.body, 'acceptsTerms')).toBe('Debe aceptar los términos para la solicitud de token.');
    expect(fieldMessage(bad.body, 'authorizesPersonalData')).toBe('Debe autorizar el tratamiento de datos personales.');
    expect((await call(myCredentialsGet, { cookie: delegate.cookie })).body.status).toBe('none');
  });

  it('Generar Llaves de Acceso saves the request: "Token solicitados por primera vez", with consents stored; a second one is refused with the date', async () => {
    const created = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', statusLabel: 'Token solicitados por primera vez', kind: 'first' });
    // The radicado: in the answer, in the delegate's history, on the stored row.
    expect(created.body.radicado).toMatch(/^IHCE-\d{4}-\d{6}$/);
    radicadoOfFirst = created.body.radicado;

    const view = await call(myCredentialsGet, { cookie: delegate.cookie });
    expect(view.body).toMatchObject({ status: 'pending-first', statusLabel: 'Token solicitados por primera vez' });
    expect(view.body.requests).toEqual([
      expect.objectContaining({ id: created.body.id, radicado: radicadoOfFirst, kindLabel: 'Inscripción Token', status: 'pending' }),
    ]);
    expect(view.body.previousRequest).toMatchObject({
      techLead: { phone: '+573105551234' },
      dataProtectionOfficer: { phone: '6015551234' },
    });

    const again = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/^Ya hay una solicitud pendiente \(Inscripción Token\) desde el \d{1,2} de \w+ de \d{4}/);

    const row = await services.storage.tableOf('keyfiles').get(provider.nit, `request-${created.body.id}`);
    expect(row).toMatchObject({
      radicado: radicadoOfFirst,
      termsVersion: expect.any(String),
      personalDataVersion: expect.any(String),
      createdBy: delegate.username,
    });
    const audit = await services.audit.list(`provider:${provider.nit}`);
    expect(audit[0]).toMatchObject({ action: 'solicitud.creada', actor: delegate.username, ip: '198.51.100.7' });
  });

  it('the queue trigger e-mails every active official and the distribution list once, with the provider data and no secret', async () => {
    const before = (await emailsTo(officer.email)).length;
    const queue = services.storage.queueOf('notifications');
    const received = await queue.receive({ max: 32, visibilityTimeoutSeconds: 5 });
    const alert = received.map((m) => JSON.parse(Buffer.from(m.text, 'base64').toString())).find((e) => e.type === 'request.submitted');
    expect(alert).toMatchObject({ nit: provider.nit });
    await bound(notificationsSend).handler(alert, context());
    await bound(notificationsSend).handler(alert, context());
    for (const m of received) await queue.delete(m);

    const [mail] = (await waitForEmails(officer.email, before + 1)).slice(before);
    expect(mail!.to.map((t) => t.address).sort()).toEqual([officer.email, 'mesa.ihce@minsalud-pruebas.example'].sort());
    // Issue 16: the subject carries the request's radicado.
    expect(mail!.subject).toBe(`Nueva solicitud de llaves IHCE – radicado ${radicadoOfFirst}: ${provider.name} (NIT ${provider.nit})`);
    for (const fact of [
      provider.nit,
      provider.habilitationCode,
      'Inscripción Token',
      'Token solicitados por primera vez',
      'Camilo Ríos Pardo',
      'camilo.rios@ips-ejemplo.example',
      `/funcionario/prestadores/${provider.nit}`,
    ]) {
      expect(mail!.text).toContain(fact);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(officer.email)).toHaveLength(before + 1);
  });
});

describe('Paso 2 – Visualización de las llaves', () => {
  it('after the ministry assigns keys: "Se ha asignado token", ClientID, expiry, tenant, scope, endpoint and token URL, never the secret', async () => {
    await services.credentialAssignment.assign(
      (await services.sessions.authenticate(officerSession.cookie.split('=')[1]!))!,
      provider.nit,
      credentialsInput(),
      { ip: '198.51.100.9' },
    );
    const view = await call(myCredentialsGet, { cookie: delegate.cookie });
    expect(view.body.status).toBe('assigned');
    expect(view.body.statusLabel).toBe('Se ha asignado token');
    expect(view.body.environments.preproduction).toMatchObject({
      label: 'Preproducción',
      clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca401',
      expiresOn: '2027-11-30',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      scope: 'api://ihce-01/.default',
      endpoint: 'https://apim-ihce-01.azure-api.example/fhir',
      tokenUrl: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
    });
    expect(view.body.environments.production.label).toBe('Producción');
    expect(view.body.environments.preproduction.daysLeft).toBeGreaterThan(0);
    expect(JSON.stringify(view.body)).not.toContain(SECRET_PRE);
    expect(view.body.requests[0].statusLabel).toBe('Se ha asignado token');
  });

  it('Mostrar reveals the secret in a separate, uncached, audited call', async () => {
    // A production secret: the delegate passes the second factor first (step-up; the session id rotates).
    delegate = { ...delegate, cookie: (await steppedUp(services, delegate.cookie)).cookie };
    const secret = await call(mySecretGet, {
      cookie: delegate.cookie,
      path: 'my/credentials/production/secret',
      params: { environment: 'production' },
    });
    expect(secret.status).toBe(200);
    expect(secret.body).toEqual({ clientSecret: SECRET_PRO });
    expect(secret.headers.get('cache-control')).toBe('no-store');
    const audit = await services.audit.list(`provider:${provider.nit}`);
    expect(audit[0]).toMatchObject({
      action: 'secreto.revelado',
      actor: delegate.username,
      ip: '198.51.100.7',
      detail: { ambiente: 'production' },
    });

    const wrong = await call(mySecretGet, {
      cookie: delegate.cookie,
      path: 'my/credentials/staging/secret',
      params: { environment: 'staging' },
    });
    expect(wrong.status).toBe(400);
  });

  it('Descargar configuración gives a Postman environment with every variable, as an audited attachment', async () => {
    const file = await call(myConfigGet, {
      cookie: delegate.cookie,
      path: 'my/credentials/preproduction/postman',
      params: { environment: 'preproduction' },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="ihce-preproduction-${provider.nit}.postman_environment.json"`,
    );
    expect(file.headers.get('cache-control')).toBe('no-store');
    const values = Object.fromEntries(file.body.values.map((v: { key: string; value: string; type: string }) => [v.key, v]));
    expect(values.clientSecret).toMatchObject({ value: SECRET_PRE, type: 'secret' });
    expect(values.tokenUrl.value).toBe('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token');
    expect(values.scope.value).toBe('api://ihce-01/.default');
    expect(values.baseUrl.value).toBe('https://apim-ihce-01.azure-api.example/fhir');
    expect(file.body._postman_variable_scope).toBe('environment');
    expect((await services.audit.list(`provider:${provider.nit}`))[0]!.action).toBe('configuracion.descargada');
  });

  it('Resolicitud: refused as Inscripción, accepted without a reason (the guide lists none); the earlier keys stay visible while it waits', async () => {
    const asFirst = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') });
    expect(asFirst.status).toBe(409);
    expect(asFirst.body.detail).toBe('Su entidad ya solicitó llaves de acceso anteriormente: use «Resolicitud Token».');

    // Issue 16: 6.4.1.1 has no reason among its fields, so the reason became optional (it was required before).
    const renewal = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('renewal', { reason: '' }) });
    expect(renewal.status).toBe(201);
    expect(renewal.body.statusLabel).toBe('Resolicitud de token');
    const view = await call(myCredentialsGet, { cookie: delegate.cookie });
    expect(view.body).toMatchObject({ status: 'pending-renewal', statusLabel: 'Resolicitud de token' });
    expect(view.body.environments.preproduction.clientId).toBe('1b4e28ba-2fa1-41d2-883f-0016d3cca401');
    expect(view.body.requests.map((r: { kindLabel: string }) => r.kindLabel)).toEqual(['Resolicitud Token', 'Inscripción Token']);
  });
});

describe('isolation between providers', () => {
  it("another provider's request id answers 404 and the attempt is audited", async () => {
    const mine = (await call(myCredentialsGet, { cookie: delegate.cookie })).body.requests[0].id;
    expect((await call(myRequestsGet, { cookie: delegate.cookie, path: `my/requests/${mine}`, params: { id: mine } })).status).toBe(200);
    const theirs = await call(myRequestsGet, { cookie: neighbour.cookie, path: `my/requests/${mine}`, params: { id: mine } });
    expect(theirs.status).toBe(404);
    const audit = await services.audit.list(`provider:${other.nit}`);
    expect(audit[0]).toMatchObject({ action: 'acceso.no-encontrado', actor: neighbour.username });
  });

  it("a delegate without keys gets 404 for a secret, never another provider's", async () => {
    const result = await call(mySecretGet, {
      cookie: neighbour.cookie,
      path: 'my/credentials/production/secret',
      params: { environment: 'production' },
    });
    expect(result.status).toBe(404);
    expect(JSON.stringify(result.body)).not.toContain(SECRET_PRO);
  });

  it('officials get 403 and anonymous callers 401 on the delegate routes', async () => {
    for (const definition of [myCredentialsGet, myRequestsCreate, mySecretGet, myConfigGet]) {
      const params = { environment: 'production', id: 'x' };
      const asOfficer = await call(definition, {
        cookie: officerSession.cookie,
        params,
        ...(definition === myRequestsCreate && { body: validRequest('first') }),
      });
      expect(asOfficer.status, definition.name).toBe(403);
      const anonymous = await call(definition, { params, ...(definition === myRequestsCreate && { body: validRequest('first') }) });
      expect(anonymous.status, definition.name).toBe(401);
    }
  });
});

describe('durability', () => {
  it('with the queue down the request is saved (201) and the ministry alert goes out later through the outbox', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 2 });
    const session = await signedInDelegate(services, durable);
    const deadPort = await freePort();
    const deadQueues = createStorage(
      loadConfig({
        ...env,
        IHCE_STORAGE: inject('storageConnectionString').replace(
          /QueueEndpoint=[^;]+/,
          `QueueEndpoint=http://127.0.0.1:${deadPort}/devstoreaccount1`,
        ),
      }),
    );
    const degraded = await buildServices(loadConfig(env), {
      log: () => {},
      storage: { ...services.storage, queueOf: deadQueues.queueOf, ensureCreated: async () => {} },
    });
    useTestServices(degraded);
    const created = await call(myRequestsCreate, { cookie: session.cookie, body: validRequest('first') });
    expect(created.status).toBe(201);
    useTestServices(services);

    const before = (await emailsTo('mesa.ihce@minsalud-pruebas.example')).length;
    expect(await services.events.dispatchPending(0)).toBeGreaterThanOrEqual(1);
    await drainNotifications(services);
    const mails = await waitForEmails('mesa.ihce@minsalud-pruebas.example', before + 1);
    expect(mails.some((m) => m.subject.includes(durable.nit))).toBe(true);
  });

  it('with the mail server down the alert is retried, and sent once it is back', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 2 });
    const p = providerFixture('Correo');
    await seedDirectory(services, [provider, other, durable, p], [officer]);
    const session = await signedInDelegate(services, p);
    expect((await call(myRequestsCreate, { cookie: session.cookie, body: validRequest('first') })).status).toBe(201);
    const noMail = await buildServices(loadConfig({ ...env, SMTP_PORT: String(await freePort()) }), { log: () => {} });
    useTestServices(noMail);
    // Issue 16: two e-mails per request now (the ministry's alert and the acknowledgement), both retried.
    const { failed } = await drainNotifications(noMail);
    expect(failed).toHaveLength(2);
    useTestServices(services);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { handled } = await drainNotifications(services);
    expect(handled).toHaveLength(2);
    const mails = await waitForEmails('mesa.ihce@minsalud-pruebas.example', 1);
    expect(mails.filter((m) => m.subject.includes(p.nit))).toHaveLength(1);
  });
});

describe('secrets at rest', () => {
  it('no table row and no queue message holds a ClientSecret in clear', async () => {
    const { scanStorageFor } = await import('../support/secret-scan');
    const found = await scanStorageFor(env, [SECRET_PRE, SECRET_PRO]);
    expect(found.scanned.rows).toBeGreaterThan(10);
    expect(found.hits).toEqual([]);
  });
});
