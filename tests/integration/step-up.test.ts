import { beforeAll, describe, expect, it } from 'vitest';
import { definition as myConfigGet } from '../../functions/my-credentials-config-get';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as mySecretGet } from '../../functions/my-credentials-secret-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import type { SessionUser } from '../../src/accounts/accounts.schemas';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/platform/clock';
import { signedInDelegate, signedInOfficer, steppedUp, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { call, testEnv, useTestServices } from '../support/test-app';

/**
 * Issue 14: revealing or downloading a production secret needs a second factor passed within the last 10
 * minutes (step-up); pre-production needs none. Delegates enrol the first time they need it.
 */
const env = testEnv();
let services: Services;
let now = new Date('2026-11-26T14:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const advance = (ms: number) => (now = new Date(now.getTime() + ms));
const MINUTE = 60_000;
const provider = providerFixture('Paso adicional');
const ageing = providerFixture('Paso adicional edad');
const officer = officerFixture();
const SECRET_PRE = 'pre~PasoAdicional_0123456789abcdef';
const SECRET_PRO = 'pro~PasoAdicional_fedcba9876543210';
const SECRET_PRO_NEW = 'pro~PasoAdicional_Nuevo_0123456789';
let delegate: { username: string; cookie: string };
let totpKey: string;
let officerUser: SessionUser;

const keys = (pro: string) => {
  const one = (secret: string, suffix: string) => ({
    clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${suffix}`,
    clientSecret: secret,
    expiresOn: '2027-11-30',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    scope: `api://ihce-${suffix}/.default`,
    endpoint: `https://apim-ihce-${suffix}.azure-api.example/fhir`,
  });
  // Issue 16: an update no request asked for says why; the motive is harmless on a first assignment.
  return {
    preproduction: one(SECRET_PRE, '01'),
    production: one(pro, '02'),
    updateReason: 'Corrección de datos inconsistentes del prestador.',
  };
};
const secret = (cookie: string, environment: string, query = '') =>
  call(mySecretGet, { cookie, path: `my/credentials/${environment}/secret${query}`, params: { environment } });
const config = (cookie: string, environment: string) =>
  call(myConfigGet, { cookie, path: `my/credentials/${environment}/postman`, params: { environment } });
const auditOf = async () => services.audit.list(`provider:${provider.nit}`);

function expectStepUpRefusal(result: Awaited<ReturnType<typeof call>>) {
  expect(result.status).toBe(403);
  expect(result.headers.get('content-type')).toContain('application/problem+json');
  expect(result.body.type).toBe('urn:ihce:problema:segundo-factor-requerido');
  expect(result.body.detail).toMatch(/Por seguridad, para ver o descargar las llaves de Producción confirme que es usted/);
  expect(JSON.stringify(result.body)).not.toMatch(/PasoAdicional|clientSecret/);
}

beforeAll(async () => {
  services = await buildServices(loadConfig(env), { clock, log: () => {} });
  useTestServices(services);
  await seedDirectory(services, [provider, ageing], [officer]);
  const official = await signedInOfficer(services, officer);
  delegate = await signedInDelegate(services, provider);
  expect((await call(myRequestsCreate, { cookie: delegate.cookie, body: validRequest('first') })).status).toBe(201);
  officerUser = (await services.sessions.authenticate(official.cookie.split('=')[1]!))!;
  await services.credentialAssignment.assign(officerUser, provider.nit, keys(SECRET_PRO), { ip: '198.51.100.9' });
});

describe('production secrets need a recent second factor (step-up)', () => {
  it('without a factor: Mostrar and Descargar configuración of production are refused (403, a stable code, nothing revealed, audited); pre-production answers', async () => {
    expectStepUpRefusal(await secret(delegate.cookie, 'production'));
    expect((await auditOf())[0]).toMatchObject({
      action: 'secreto.segundo-factor-requerido',
      actor: delegate.username,
      detail: { ambiente: 'production', accion: 'secreto.revelado' },
    });
    expectStepUpRefusal(await config(delegate.cookie, 'production'));
    expect((await auditOf())[0]).toMatchObject({
      action: 'secreto.segundo-factor-requerido',
      detail: { ambiente: 'production', accion: 'configuracion.descargada' },
    });
    expect((await auditOf()).filter((row) => row.action === 'secreto.revelado' || row.action === 'configuracion.descargada')).toEqual([]);

    const pre = await secret(delegate.cookie, 'preproduction');
    expect(pre.status).toBe(200);
    expect(pre.body.clientSecret).toBe(SECRET_PRE);
    const preFile = await config(delegate.cookie, 'preproduction');
    expect(preFile.status).toBe(200);
    expect(preFile.body.values).toContainEqual(expect.objectContaining({ key: 'clientSecret', value: SECRET_PRE }));
  });

  it('within 10 minutes of passing the factor production answers; at 11 minutes it is refused again until the next step-up', async () => {
    ({ cookie: delegate.cookie, totpKey } = await steppedUp(services, delegate.cookie));
    expect((await secret(delegate.cookie, 'production')).body.clientSecret).toBe(SECRET_PRO);
    advance(9 * MINUTE + 59_000);
    const file = await config(delegate.cookie, 'production');
    expect(file.status).toBe(200);
    expect(file.body.values).toContainEqual(expect.objectContaining({ key: 'clientSecret', value: SECRET_PRO }));
    expect((await auditOf())[0]).toMatchObject({ action: 'configuracion.descargada', detail: { ambiente: 'production' } });

    advance(MINUTE + 1_000);
    expectStepUpRefusal(await secret(delegate.cookie, 'production'));
    expectStepUpRefusal(await config(delegate.cookie, 'production'));
    expect((await secret(delegate.cookie, 'preproduction')).status).toBe(200);

    // Verifying the factor enrolled before (no second enrolment) opens production again.
    delegate.cookie = (await steppedUp(services, delegate.cookie, totpKey)).cookie;
    expect((await secret(delegate.cookie, 'production')).body.clientSecret).toBe(SECRET_PRO);
  });

  it('the earlier production secret (?version=anterior) needs the same step-up', async () => {
    // Actualizar with a new production secret: the earlier one keeps working through the transition.
    await services.credentialAssignment.assign(officerUser, provider.nit, keys(SECRET_PRO_NEW), { ip: '198.51.100.9' });
    advance(11 * MINUTE);
    expectStepUpRefusal(await secret(delegate.cookie, 'production', '?version=anterior'));
    expect((await auditOf())[0]).toMatchObject({ action: 'secreto.segundo-factor-requerido', detail: { anterior: true } });
    delegate.cookie = (await steppedUp(services, delegate.cookie, totpKey)).cookie;
    const earlier = await secret(delegate.cookie, 'production', '?version=anterior');
    expect(earlier.status).toBe(200);
    expect(earlier.body.clientSecret).toBe(SECRET_PRO);
    expect((await secret(delegate.cookie, 'production')).body.clientSecret).toBe(SECRET_PRO_NEW);
  });
});

describe('a step-up mid-session keeps the session’s limits', () => {
  it('the session stays alive after the step-up (not idle from its start) and still ends 8 hours after sign-in', async () => {
    const started = now.getTime();
    const session = await signedInDelegate(services, ageing);
    let cookie = session.cookie;
    // 40 minutes of activity, then the step-up: the new id must not be born idle.
    for (let i = 0; i < 2; i++) {
      advance(20 * MINUTE);
      expect((await call(myCredentialsGet, { cookie })).status).toBe(200);
    }
    cookie = (await steppedUp(services, cookie)).cookie;
    expect((await call(myCredentialsGet, { cookie })).status).toBe(200);
    const found = await services.sessions.resolve(cookie.split('=')[1]);
    expect(found?.session.createdAt.getTime()).toBeLessThanOrEqual(started + MINUTE);
    expect(found?.session.secondFactorAt?.getTime()).toBe(now.getTime());
    // Active until just before the absolute limit, gone just after it.
    while (now.getTime() + 25 * MINUTE < started + 8 * 60 * MINUTE) {
      advance(25 * MINUTE);
      expect((await call(myCredentialsGet, { cookie })).status).toBe(200);
    }
    now = new Date(started + 8 * 60 * MINUTE + 2 * MINUTE);
    expect((await call(myCredentialsGet, { cookie })).status).toBe(401);
  });
});
