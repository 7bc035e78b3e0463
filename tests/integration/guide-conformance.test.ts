import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerAuditGet } from '../../functions/provider-audit-get';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { getProviderFile, saveProviderKeys } from '../support/officer-calls';
import { call, testEnv, useTestServices } from '../support/test-app';

/** Issue 16: what the guide (6.4.1.1, 6.4.2.1) asks and the API now enforces. */
const env = testEnv();
const webmail = providerFixture('Correo');
const declared = providerFixture('Declara');
const updated = providerFixture('Actualiza');
const officer = officerFixture();
let services: Services;
let officerCookie: string;
const delegateCookies = new Map<string, string>();

const fieldMessage = (body: any, field: string): string | undefined => body.errors?.find((e: any) => e.field === field)?.message;
const future = (days: number) => addDays(bogotaDay(new Date()), days);
const keys = (suffix: string, extra: Record<string, unknown> = {}) => {
  const one = (n: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
    clientSecret: `guia~${suffix}~${n}~Secreto.0123456789`,
    expiresOn: future(300),
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${n}/.default`,
    endpoint: `https://apim-ihce-${n}.azure-api.example/fhir`,
  });
  return { preproduction: one('01'), production: one('02'), ...extra };
};
const getFile = (p: ProviderFixture) => getProviderFile(officerCookie, p.nit);
const put = (p: ProviderFixture, body: unknown) => saveProviderKeys(officerCookie, p.nit, body);

beforeAll(async () => {
  services = await buildServices(loadConfig(env), { log: () => {} });
  useTestServices(services);
  await seedDirectory(services, [webmail, declared, updated], [officer]);
  officerCookie = (await signedInOfficer(services, officer)).cookie;
  for (const p of [webmail, declared, updated]) delegateCookies.set(p.nit, (await signedInDelegate(services, p)).cookie);
});

describe('6.4.1.1: the technical lead’s e-mail is institutional', () => {
  it('a free webmail address is refused with a Spanish problem naming the field, and nothing is written', async () => {
    for (const email of ['camilo.rios@gmail.com', 'Camilo@Hotmail.com', 'lider@outlook.com', 'x@yahoo.com.co']) {
      const refused = await call(myRequestsCreate, {
        cookie: delegateCookies.get(webmail.nit)!,
        body: validRequest('first', { techLead: { name: 'Camilo Ríos Pardo', email, phone: '3105551234' } }),
      });
      expect(refused.status, email).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldMessage(refused.body, 'techLead.email'), email).toMatch(
        /^El correo electrónico institucional del líder técnico no puede ser de un servicio de correo gratuito \(/,
      );
    }
    expect((await call(myCredentialsGet, { cookie: delegateCookies.get(webmail.nit)! })).body.requests).toEqual([]);
  });

  it('with the declaration that the provider has no institutional domain it is accepted, recorded, and shown to officials', async () => {
    const techLead = { name: 'Camilo Ríos Pardo', email: 'camilo.rios@gmail.com', phone: '3105551234', noInstitutionalDomain: true };
    const saved = await call(myRequestsCreate, { cookie: delegateCookies.get(declared.nit)!, body: validRequest('first', { techLead }) });
    expect(saved.status).toBe(201);
    const [stored] = await services.keyFiles.listRequests(declared.nit, 1);
    expect(stored!.techLead).toMatchObject({ email: 'camilo.rios@gmail.com', noInstitutionalDomain: true });
    expect((await getFile(declared)).body.request.techLead.noInstitutionalDomain).toBe(true);
  });
});

describe('6.4.1.1: the Resolicitud reason is optional', () => {
  it('a Resolicitud without a reason is accepted; one with a reason shows it to officials', async () => {
    // `declared` has a pending Inscripción: assign it, then ask again without a reason.
    expect((await put(declared, keys('a'))).status).toBe(200);
    const bare = await call(myRequestsCreate, {
      cookie: delegateCookies.get(declared.nit)!,
      body: validRequest('renewal', { reason: undefined }),
    });
    expect(bare.status).toBe(201);
    expect((await getFile(declared)).body.request.reason).toBeUndefined();

    expect((await put(declared, keys('b'))).status).toBe(200);
    const reason = 'Cambio de proveedor tecnológico del HIS.';
    expect(
      (await call(myRequestsCreate, { cookie: delegateCookies.get(declared.nit)!, body: validRequest('renewal', { reason }) })).status,
    ).toBe(201);
    expect((await getFile(declared)).body.request.reason).toBe(reason);
  });
});

describe('6.4.2.1: Actualizar Info asks for «Motivo de la actualización»', () => {
  it('an update no request asked for is refused without a motive; with one it is audited and the delegate sees it in the history', async () => {
    expect((await call(myRequestsCreate, { cookie: delegateCookies.get(updated.nit)!, body: validRequest('first') })).status).toBe(201);
    // Answering a request needs no motive: the request is the reason.
    expect((await put(updated, keys('1'))).status).toBe(200);

    const refused = await put(updated, keys('2'));
    expect(refused.status).toBe(400);
    expect(fieldMessage(refused.body, 'updateReason')).toBe(
      'Escriba el motivo de la actualización (al menos 10 caracteres): queda en la trazabilidad y el delegado lo ve en su historial.',
    );
    expect((await getFile(updated)).body.environments.production.clientId).toBe('1b4e28ba-2fa1-41d2-883f-0016d3cca402');

    const motive = 'El endpoint de producción registrado era el de preproducción.';
    expect((await put(updated, keys('2', { updateReason: `  ${motive} ` }))).status).toBe(200);
    const trail = await call(providerAuditGet, {
      cookie: officerCookie,
      path: `providers/${updated.nit}/audit`,
      params: { nit: updated.nit },
    });
    const row = trail.body.items.find((item: { action: string }) => item.action === 'llaves.actualizadas');
    expect(row.detail.motivoActualizacion).toBe(motive);
    // «Trazabilidad» says it as a sentence: local dates, the motive quoted once, no ClientID.
    expect(row.sentence).toContain('Se actualizaron las llaves de Preproducción y Producción; ');
    expect(row.sentence).toMatch(/vence el \d{1,2} de [a-z]+ de \d{4}/);
    expect(row.sentence).toContain(`Motivo de la actualización: ${motive}`);
    expect(row.sentence).not.toMatch(/\.\.$/);
    expect(row.sentence).not.toContain(row.detail.clientIdProduccion);

    const view = (await call(myCredentialsGet, { cookie: delegateCookies.get(updated.nit)! })).body;
    expect(view.updates).toEqual([{ at: expect.any(String), reason: motive }]);
  });

  it('a motive with markup is refused naming the field', async () => {
    const refused = await put(updated, keys('3', { updateReason: '<script>alert(1)</script> motivo' }));
    expect(refused.status).toBe(400);
    expect(fieldMessage(refused.body, 'updateReason')).toBe(
      'El motivo de la actualización no puede contener los caracteres < > ni de control.',
    );
  });
});
