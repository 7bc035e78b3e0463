import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providersGet } from '../../functions/providers-get';
import { definition as providersList } from '../../functions/providers-list';
import { definition as requestsList } from '../../functions/requests-list';
import type { SessionUser } from '../../src/accounts/accounts.schemas';
import type { Services } from '../../src/composition-root';
import type { KeyRequestInput } from '../../src/requests/requests.schemas';
import { createPendingQueue } from '../../src/requests/pending-queue';
import { createRadicados } from '../../src/requests/radicado';
import { createRequestService } from '../../src/requests/request.service';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { emailsTo, type CaughtEmail } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, startTestServices, uniqueNit, useTestServices } from '../support/test-app';

const meta = { ip: '198.51.100.7' };
const input = (kind: 'first' | 'renewal' = 'first') => validRequest(kind) as unknown as KeyRequestInput;
/** A delegate as the session check builds one: the request service needs no more (the directory is not read). */
const delegateOf = (nit: string): SessionUser => ({
  username: `CC1000000000-${nit}`,
  fullName: 'Delegada Concurrente',
  role: 'delegate',
  roleCode: 'DA',
  roleLabel: 'Delegado Administrativo',
  entity: { nit, checkDigit: 0, name: `IPS ${nit}` },
});
const yearNow = () => Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: 'America/Bogota' }).format(new Date()));

describe('numbering', () => {
  let services: Services;
  beforeAll(async () => {
    services = await startTestServices();
  });

  it('50 concurrent requests of 50 providers get IHCE-<year>-000001 … 000050, each exactly once', async () => {
    const nits = Array.from({ length: 50 }, () => uniqueNit());
    const saved = await Promise.all(nits.map((nit) => services.requests.submit(delegateOf(nit), input(), meta)));
    const year = yearNow();
    const expected = Array.from({ length: 50 }, (_, i) => `IHCE-${year}-${String(i + 1).padStart(6, '0')}`);
    expect(saved.map((s) => s.radicado).sort()).toEqual(expected);
    // Each stored request carries the number it was answered with.
    for (const [i, nit] of nits.entries()) {
      expect((await services.keyFiles.getRequest(nit, saved[i]!.id))?.radicado).toBe(saved[i]!.radicado);
    }
  });

  it('a number whose request was never saved is a gap: the next request takes the following one, never the lost one', async () => {
    const radicados = createRadicados(services.storage, services.clock);
    const failing = createRequestService({
      keyFiles: {
        ...services.keyFiles,
        saveRequest: async () => {
          throw new Error('Table Storage no responde');
        },
      },
      pendingQueue: createPendingQueue(services.storage),
      radicados,
      events: services.events,
      audit: services.audit,
      clock: services.clock,
      searchCardChanged: async () => {},
    });
    await expect(failing.submit(delegateOf(uniqueNit()), input(), meta)).rejects.toThrow('Table Storage no responde');
    const next = await services.requests.submit(delegateOf(uniqueNit()), input(), meta);
    expect(next.radicado).toBe(`IHCE-${yearNow()}-000052`);
    // The lost number points at no saved request: looking it up finds nothing.
    const entry = await radicados.find(`IHCE-${yearNow()}-000051`);
    expect(entry && (await services.keyFiles.getRequest(entry.nit, entry.requestId))).toBeUndefined();
  });

  it('the year is Bogotá’s: 04:59:59 UTC on 1 January is still 31 December there; at 05:00 the new year starts at 000001', async () => {
    let now = new Date('2027-01-01T04:59:58Z');
    const clocked = await startTestServices({ overrides: { clock: { now: () => now } } });
    const first = await clocked.requests.submit(delegateOf(uniqueNit()), input(), meta);
    now = new Date('2027-01-01T04:59:59.999Z');
    const second = await clocked.requests.submit(delegateOf(uniqueNit()), input(), meta);
    now = new Date('2027-01-01T05:00:00Z');
    const third = await clocked.requests.submit(delegateOf(uniqueNit()), input(), meta);
    expect([first.radicado, second.radicado, third.radicado]).toEqual(['IHCE-2026-000001', 'IHCE-2026-000002', 'IHCE-2027-000001']);
  });
});

describe('shown, sent and searchable', () => {
  const provider = providerFixture('Radicado');
  const legacy = providerFixture('Antigua');
  const officer = officerFixture();
  let services: Services;
  let delegate: { username: string; cookie: string };
  let officerSession: { username: string; cookie: string };
  let radicado: string;

  const mailWith = async (address: string, text: string): Promise<CaughtEmail> => {
    for (let tries = 0; tries < 50; tries++) {
      const found = (await emailsTo(address)).find((mail) => mail.subject.includes(text));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Ningún correo a ${address} con «${text}» en el asunto`);
  };

  beforeAll(async () => {
    services = await startTestServices({ env: { MSPS_ALERT_EMAILS: 'mesa.radicado@minsalud-pruebas.example' } });
    await seedDirectory(services, [provider, legacy], [officer]);
    officerSession = await signedInOfficer(services, officer);
    delegate = await signedInDelegate(services, provider);
    useTestServices(services);
  });

  it('the delegate gets it on «Generar Llaves de Acceso» and in the history', async () => {
    const created = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') });
    expect(created.status).toBe(201);
    expect(created.body.radicado).toMatch(/^IHCE-\d{4}-\d{6}$/);
    radicado = created.body.radicado;
    const view = await call(myCredentialsGet, { cookie: delegate.cookie });
    expect(view.body.requests[0]).toMatchObject({ id: created.body.id, radicado });
  });

  it('the acknowledgement reaches the delegate (e-mail from the directory) and the technical lead: radicado, what was asked, what comes next', async () => {
    await drainNotifications(services);
    const mail = await mailWith(provider.delegate.email, radicado);
    expect(mail.subject).toBe(`Solicitud de llaves IHCE recibida – radicado ${radicado}: ${provider.name}`);
    expect(mail.to.map((to) => to.address).sort()).toEqual([provider.delegate.email, 'camilo.rios@ips-ejemplo.example'].sort());
    for (const fact of [`Número de radicado: ${radicado}`, 'Inscripción Token', 'Preproducción y Producción', 'Qué sigue', 'Paso 2']) {
      expect(mail.text).toContain(fact);
    }
    const alert = await mailWith('mesa.radicado@minsalud-pruebas.example', radicado);
    expect(alert.subject).toBe(`Nueva solicitud de llaves IHCE – radicado ${radicado}: ${provider.name} (NIT ${provider.nit})`);
    expect(alert.text).toContain(`Número de radicado: ${radicado}.`);
  });

  it('the official sees it on Asignar Token and on the provider page, with who asked from the directory', async () => {
    const pending = await call(requestsList, { path: 'requests?status=pending', cookie: officerSession.cookie });
    expect(pending.body.items.find((item: { nit: string }) => item.nit === provider.nit)).toMatchObject({ radicado });
    const page = await call(providersGet, { params: { nit: provider.nit }, cookie: officerSession.cookie });
    expect(page.body.request).toMatchObject({
      radicado,
      createdBy: delegate.username,
      requester: {
        inDirectory: true,
        name: `${provider.delegate.firstNames} ${provider.delegate.lastNames}`,
        email: provider.delegate.email,
      },
    });
    expect(page.body.requests[0]).toMatchObject({ radicado });
  });

  it('typing the radicado in the officials’ search finds the provider, keys or not; an unknown one finds nothing', async () => {
    for (const typed of [radicado, ` ${radicado.toLowerCase()} `]) {
      const found = await call(providersList, { path: `providers?q=${encodeURIComponent(typed)}`, cookie: officerSession.cookie });
      expect(found.status).toBe(200);
      expect(found.body.items).toEqual([expect.objectContaining({ nit: provider.nit, name: provider.name, radicado })]);
    }
    const unknown = await call(providersList, { path: 'providers?q=IHCE-2031-999999', cookie: officerSession.cookie });
    expect(unknown.body.items).toEqual([]);
  });

  it('the rejection and the keys-assigned e-mails carry the radicado of the request they answer', async () => {
    const officerUser = (await services.sessions.authenticate(officerSession.cookie.split('=')[1]!))!;
    await services.requestReview.reject(officerUser, provider.nit, 'El NIT no corresponde a la razón social registrada.', meta);
    await drainNotifications(services);
    const rejection = await mailWith(provider.delegate.email, 'rechazada');
    expect(rejection.subject).toContain(`radicado ${radicado}`);
    expect(rejection.text).toContain(`Número de radicado de la solicitud: ${radicado}.`);

    const renewal = await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('renewal') });
    expect(renewal.status).toBe(201);
    expect(renewal.body.radicado).not.toBe(radicado);
    const env = (suffix: string) => ({
      clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${suffix}`,
      clientSecret: `Secreto.De.Prueba_${suffix}_0123456789abcdef`,
      expiresOn: '2027-11-30',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      scope: `api://ihce-${suffix}/.default`,
      endpoint: `https://apim-ihce-${suffix}.azure-api.example/fhir`,
    });
    await services.credentialAssignment.assign(officerUser, provider.nit, { preproduction: env('01'), production: env('02') }, meta);
    await drainNotifications(services);
    const assigned = await mailWith(provider.delegate.email, 'asignadas');
    expect(assigned.subject).toContain(`radicado ${renewal.body.radicado}`);
    expect(assigned.text).toContain(`Número de radicado de la solicitud: ${renewal.body.radicado}.`);
  });

  it('a request made before radicados existed still lists and opens, without one', async () => {
    const file = await services.keyFiles.getFile(legacy.nit);
    const at = new Date('2026-10-01T15:00:00Z');
    const request = {
      id: 'antigua-1',
      nit: legacy.nit,
      kind: 'first' as const,
      createdAt: at,
      createdBy: `CC1-${legacy.nit}`,
      techVendorName: 'Proveedor Antiguo',
      softwareName: 'SIH Antiguo',
      techLead: { name: 'Líder Antiguo', email: 'lider.antiguo@pruebas.example', phone: '3105551234' },
      dataProtectionOfficer: { name: 'Protección Antigua', phone: '6015551234' },
      termsVersion: 'v',
      termsAcceptedAt: at,
      personalDataVersion: 'v',
      personalDataAcceptedAt: at,
      status: 'pending' as const,
    };
    await services.keyFiles.saveRequest(
      { ...file, everRequested: true, pendingRequestId: request.id, pendingKind: 'first', pendingSince: at, updatedAt: at },
      request,
    );
    const page = await call(providersGet, { params: { nit: legacy.nit }, cookie: officerSession.cookie });
    expect(page.status).toBe(200);
    expect(page.body.request.radicado).toBeUndefined();
    expect(page.body.request.requester).toEqual({ username: `CC1-${legacy.nit}`, inDirectory: false });
  });
});
