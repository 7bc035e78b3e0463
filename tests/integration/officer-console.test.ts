import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { countSafety } from '../support/totals';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as mySecretGet } from '../../functions/my-credentials-secret-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import { definition as providerAuditGet } from '../../functions/provider-audit-get';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providerRejectionsCreate } from '../../functions/provider-rejections-create';
import { definition as providerSecretGet } from '../../functions/provider-secret-get';
import { definition as providersGet } from '../../functions/providers-get';
import { definition as providersList } from '../../functions/providers-list';
import { definition as requestsList } from '../../functions/requests-list';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createKeyVaultSecretStore } from '../../src/adapters/secrets/key-vault-secret-store';
import { signedInDelegate, signedInOfficer, steppedUp, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { createKeyVaultContract, VAULT_URL } from '../support/key-vault-contract';
import { waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { scanStorageFor } from '../support/secret-scan';
import { getProviderFile, putProviderKeys } from '../support/officer-calls';
import { call, testEnv, useTestServices } from '../support/test-app';

const env = testEnv({ SECRET_STORE: 'keyvault', KEY_VAULT_URL: VAULT_URL, PRODUCTION_SCOPE: 'api://ihce-prod/.default' });
let vaultDown = false;
const vault = createKeyVaultContract({ failWrites: () => vaultDown });
/** The providers' secrets in the vault (the officials' authenticator-app keys live there too, as `totp-…`). */
const providerSecretsStored = () => [...vault.stored.keys()].filter((name) => !name.startsWith('totp-')).length;
const providers = [providerFixture('Clínica Ñandú Antioquia'), providerFixture('Hospital Mar'), providerFixture('Centro Médico Río')];
const officers = [officerFixture(), officerFixture()];
let services: Services;
const delegates: { username: string; cookie: string }[] = [];
const team: { username: string; cookie: string }[] = [];
const secretsUsed: string[] = [];

const future = (days: number) => addDays(bogotaDay(new Date()), days);
function keys(tag: string, options: { withSecrets?: boolean; expiresInDays?: number } = {}) {
  const env = (n: string) => {
    const secret = `${tag}~${n}~Secreto.0123456789abcdef`;
    if (options.withSecrets !== false) secretsUsed.push(secret);
    return {
      clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
      ...(options.withSecrets !== false && { clientSecret: secret }),
      expiresOn: future(options.expiresInDays ?? 365),
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      scope: `api://ihce-${n}/.default`,
      endpoint: `https://apim-ihce-${n}.azure-api.example/fhir`,
    };
  };
  // Issue 16: an update no request asked for says why; the motive is harmless on a first assignment.
  return { preproduction: env('01'), production: env('02'), updateReason: 'Corrección de datos inconsistentes del prestador.' };
}
/** Officials give a reason to see a typed-in secret (it goes to the provider's trail). */
const REASON = encodeURIComponent('Auditoría del cambio de llaves');
const fieldMessage = (body: any, field: string): string | undefined => body.errors?.find((e: any) => e.field === field)?.message;
const getFile = (p: ProviderFixture, cookie = team[0]!.cookie) => getProviderFile(cookie, p.nit);
const put = (p: ProviderFixture, body: unknown, ifMatch: string | undefined, cookie = team[0]!.cookie) =>
  putProviderKeys(cookie, p.nit, body, ifMatch);

beforeAll(async () => {
  services = await buildServices(loadConfig(env), {
    log: () => {},
    secrets: createKeyVaultSecretStore({
      vaultUrl: VAULT_URL,
      credential: vault.credential,
      clientOptions: { httpClient: vault.httpClient, retryOptions: { maxRetries: 0 } },
    }),
  });
  useTestServices(services);
  await seedDirectory(services, providers, officers);
  for (const officer of officers) team.push(await signedInOfficer(services, officer));
  for (const provider of providers) {
    const session = await signedInDelegate(services, provider);
    // Past the second factor, so the production reveals below pass the step-up.
    delegates.push({ ...session, cookie: (await steppedUp(services, session.cookie)).cookie });
    expect((await call(myRequestsCreate, { cookie: delegates.at(-1)!.cookie, body: validRequest('first') })).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await drainNotifications(services);
});

describe('Asignar Token', () => {
  // Issue 16: numbered pages with the total («Mostrando 1–50 de N») replace the cursor.
  it('lists waiting requests oldest first with name, NIT, codes, place, kind and days waiting, counted and paged', async () => {
    const first = await call(requestsList, { cookie: team[0]!.cookie, path: 'requests?status=pending&limit=2' });
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { nit: string }) => i.nit)).toEqual([providers[0]!.nit, providers[1]!.nit]);
    expect(first.body.items[0]).toMatchObject({
      name: providers[0]!.name,
      habilitationCodes: [providers[0]!.habilitationCode],
      department: 'Cundinamarca',
      municipality: 'Chía',
      kind: 'first',
      kindLabel: 'Token solicitados por primera vez',
      daysWaiting: 0,
    });
    expect(first.body).toMatchObject({ total: 3, capped: false, page: 1, pageSize: 2, offset: 0 });
    const second = await call(requestsList, { cookie: team[0]!.cookie, path: 'requests?status=pending&limit=2&pagina=2' });
    expect(second.body.items.map((i: { nit: string }) => i.nit)).toEqual([providers[2]!.nit]);
    expect(second.body).toMatchObject({ total: 3, page: 2, offset: 2 });
    const bad = await call(requestsList, { cookie: team[0]!.cookie, path: 'requests?status=assigned' });
    expect(bad.status).toBe(400);
  });

  it('Ingresar Info: the file shows the request data, defaults from configuration and a version (ETag)', async () => {
    const file = await getFile(providers[0]!);
    expect(file.status).toBe(200);
    expect(file.headers.get('etag')).toBe(file.body.version);
    expect(file.body.request).toMatchObject({
      kindLabel: 'Inscripción Token',
      techVendorName: 'Soluciones Clínicas Andinas S.A.S.',
      techLead: { name: 'Camilo Ríos Pardo' },
    });
    expect(file.body.defaults.production.scope).toBe('api://ihce-prod/.default');
    expect(file.body.status).toBe('pending-first');
  });

  it('validates each environment field in Spanish and stores nothing', async () => {
    const file = await getFile(providers[0]!);
    const body = keys('malo');
    const bad = await put(
      providers[0]!,
      {
        preproduction: {
          ...body.preproduction,
          clientId: 'no-es-guid',
          expiresOn: '2020-01-01',
          scope: 'ihce',
          endpoint: 'http://inseguro.example',
        },
        production: { ...body.production, expiresOn: future(800) },
      },
      file.body.version,
    );
    expect(bad.status).toBe(400);
    // Issue 16: each message names its environment, and the date rules come in the same answer as the formats.
    expect(fieldMessage(bad.body, 'preproduction.clientId')).toContain('El ClientID de Preproducción debe ser un GUID');
    expect(fieldMessage(bad.body, 'preproduction.expiresOn')).toContain('ya pasó');
    expect(fieldMessage(bad.body, 'production.expiresOn')).toContain('pasa del máximo de 24 meses');
    expect(fieldMessage(bad.body, 'preproduction.scope')).toContain('api://<aplicación>/.default');
    expect(fieldMessage(bad.body, 'preproduction.endpoint')).toContain('https://');
    const expiry = await put(providers[0]!, { ...body, production: { ...body.production, expiresOn: future(800) } }, file.body.version);
    expect(fieldMessage(expiry.body, 'production.expiresOn')).toContain('pasa del máximo de 24 meses');
    expect(providerSecretsStored()).toBe(0);
    expect((await put(providers[0]!, body, undefined)).status).toBe(428);
  });

  it('Guardar stores the secrets in Key Vault, says "El registro se realizó de manera correcta", and the request leaves the queue', async () => {
    const file = await getFile(providers[0]!);
    const saved = await put(providers[0]!, keys('uno'), file.body.version);
    expect(saved.status).toBe(200);
    expect(saved.body.message).toBe('El registro se realizó de manera correcta.');
    expect(saved.headers.get('etag')).not.toBe(file.body.version);
    expect(saved.body.file.status).toBe('assigned');
    expect(providerSecretsStored()).toBe(2);

    const queue = await call(requestsList, { cookie: team[0]!.cookie, path: 'requests?status=pending' });
    expect(queue.body.items.map((i: { nit: string }) => i.nit)).not.toContain(providers[0]!.nit);

    const delegateView = await call(myCredentialsGet, { cookie: delegates[0]!.cookie });
    expect(delegateView.body.statusLabel).toBe('Se ha asignado token');
    const secret = await call(mySecretGet, {
      cookie: delegates[0]!.cookie,
      path: 'my/credentials/preproduction/secret',
      params: { environment: 'preproduction' },
    });
    expect(secret.body.clientSecret).toBe('uno~01~Secreto.0123456789abcdef');

    await drainNotifications(services);
    const mails = await waitForEmails(providers[0]!.delegate.email, 2);
    const notice = mails.find((m) => m.subject.startsWith('Llaves de acceso IHCE asignadas'))!;
    expect(notice.to.map((t) => t.address)).toEqual(
      expect.arrayContaining([providers[0]!.delegate.email, 'camilo.rios@ips-ejemplo.example']),
    );
    expect(notice.text).toContain('ClientID 1b4e28ba-2fa1-41d2-883f-0016d3cca401');
    expect(notice.text + notice.html).not.toContain('Secreto.0123456789');
  });

  it('two officials saving the same provider: the second gets 409 and nothing is overwritten', async () => {
    const [a, b] = await Promise.all([getFile(providers[1]!, team[0]!.cookie), getFile(providers[1]!, team[1]!.cookie)]);
    const first = await put(providers[1]!, keys('primero'), a.body.version, team[0]!.cookie);
    expect(first.status).toBe(200);
    const second = await put(providers[1]!, keys('segundo'), b.body.version, team[1]!.cookie);
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain('Otro funcionario guardó cambios en este prestador');
    const secret = await call(providerSecretGet, {
      cookie: team[0]!.cookie,
      path: `providers/${providers[1]!.nit}/credentials/production/secret?reason=${REASON}`,
      params: { nit: providers[1]!.nit, environment: 'production' },
    });
    expect(secret.body.clientSecret).toBe('primero~02~Secreto.0123456789abcdef');
  });

  it('with Key Vault down the save fails with 503, no half state is visible, and saving again works', async (testContext) => {
    countSafety(testContext, { faultsInjected: 1, invariantsHeld: 3 });
    const p = providers[2]!;
    const file = await getFile(p);
    vaultDown = true;
    const failed = await put(p, keys('caido'), file.body.version);
    vaultDown = false;
    expect(failed.status).toBe(503);
    expect(failed.body.detail).toContain('No se cambió nada');
    expect((await getFile(p)).body.status).toBe('pending-first');
    expect((await call(myCredentialsGet, { cookie: delegates[2]!.cookie })).body.environments).toEqual({});
    expect((await put(p, keys('tres'), file.body.version)).status).toBe(200);
  });
  it('two officials saving at the very same moment: one wins, the other gets 409, and only the winner is announced', async () => {
    const p = providers[2]!;
    await drainNotifications(services);
    const before = (await waitForEmails(p.delegate.email, 0)).length;
    const version = (await getFile(p)).body.version;
    const results = await Promise.all([
      put(p, keys('carrera-a'), version, team[0]!.cookie),
      put(p, keys('carrera-b'), version, team[1]!.cookie),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    await drainNotifications(services);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const notices = (await waitForEmails(p.delegate.email, before))
      .slice(before)
      .filter((m) => m.subject.startsWith('Llaves de acceso IHCE'));
    expect(notices).toHaveLength(1);
    const winner = results.find((r) => r.status === 200)!;
    expect(notices[0]!.text).toContain(winner.body.file.environments.production.clientId);
  });

  it('a new ClientID without its own ClientSecret is refused', async () => {
    const p = providers[2]!;
    const file = await getFile(p);
    const body = keys('x', { withSecrets: false });
    const changed = await put(
      p,
      { ...body, production: { ...body.production, clientId: '9b4e28ba-2fa1-41d2-883f-0016d3cca499' } },
      file.body.version,
    );
    expect(changed.status).toBe(400);
    expect(fieldMessage(changed.body, 'production.clientSecret')).toContain(
      'Cambió el ClientID o el id. de directorio (tenant) de Producción',
    );
  });
});

describe('Actualizar Token', () => {
  it('finds providers with keys by NIT, by a word of the name typed without accents or case, and by habilitation code', async () => {
    const target = providers[0]!;
    const byNit = await call(providersList, { cookie: team[0]!.cookie, path: `providers?assigned=true&q=${target.nit}` });
    expect(byNit.body.items.map((i: { nit: string }) => i.nit)).toEqual([target.nit]);
    const byWord = await call(providersList, { cookie: team[0]!.cookie, path: 'providers?assigned=true&q=NANDU' });
    expect(byWord.body.items.map((i: { nit: string }) => i.nit)).toEqual([target.nit]);
    const byPrefix = await call(providersList, { cookie: team[0]!.cookie, path: `providers?q=${encodeURIComponent('clinica ñan')}` });
    expect(byPrefix.body.items.map((i: { nit: string }) => i.nit)).toContain(target.nit);
    const byCode = await call(providersList, { cookie: team[0]!.cookie, path: `providers?q=${target.habilitationCode}` });
    expect(byCode.body.items.map((i: { nit: string }) => i.nit)).toEqual([target.nit]);
    const all = await call(providersList, { cookie: team[0]!.cookie, path: 'providers?assigned=true&limit=2' });
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items[0]).toMatchObject({
      nit: expect.any(String),
      name: expect.any(String),
      expiresOn: { preproduction: expect.any(String) },
    });
  });

  it('Actualizar Info keeps the secrets unless replaced; a replaced one stays readable by officials only', async () => {
    const p = providers[0]!;
    const file = await getFile(p);
    const kept = await put(p, keys('uno', { withSecrets: false, expiresInDays: 500 }), file.body.version);
    expect(kept.status).toBe(200);
    expect(
      (
        await call(mySecretGet, {
          cookie: delegates[0]!.cookie,
          path: 'my/credentials/production/secret',
          params: { environment: 'production' },
        })
      ).body.clientSecret,
    ).toBe('uno~02~Secreto.0123456789abcdef');
    const replaced = await put(p, keys('rotado'), kept.headers.get('etag')!);
    expect(replaced.status).toBe(200);
    const versions = replaced.body.file.environments.production.secretVersions;
    expect(versions).toHaveLength(2);
    expect(
      (
        await call(mySecretGet, {
          cookie: delegates[0]!.cookie,
          path: 'my/credentials/production/secret',
          params: { environment: 'production' },
        })
      ).body.clientSecret,
    ).toBe('rotado~02~Secreto.0123456789abcdef');
    const old = await call(providerSecretGet, {
      cookie: team[0]!.cookie,
      path: `providers/${p.nit}/credentials/production/secret?version=${versions[1].version}&reason=${REASON}`,
      params: { nit: p.nit, environment: 'production' },
    });
    expect(old.body.clientSecret).toBe('uno~02~Secreto.0123456789abcdef');
    expect(old.headers.get('cache-control')).toBe('no-store');
  });
});

describe('Rechazar and the audit trail', () => {
  it('a rejection needs a reason; the delegate sees "Solicitud rechazada" with it, is e-mailed, and may request again', async () => {
    const p = providers[1]!;
    expect((await call(myRequestsCreate, { cookie: delegates[1]!.cookie, body: validRequest('renewal') })).status).toBe(201);
    const version = (await getFile(p)).body.version as string;
    const noVersion = await call(providerRejectionsCreate, {
      cookie: team[0]!.cookie,
      path: `providers/${p.nit}/rejections`,
      params: { nit: p.nit },
      body: { reason: 'Motivo suficientemente largo.' },
    });
    expect(noVersion.status).toBe(428);
    const empty = await call(providerRejectionsCreate, {
      cookie: team[0]!.cookie,
      path: `providers/${p.nit}/rejections`,
      params: { nit: p.nit },
      body: { reason: 'no' },
      headers: { 'if-match': version },
    });
    expect(fieldMessage(empty.body, 'reason')).toContain('al menos 10 caracteres');
    const rejected = await call(providerRejectionsCreate, {
      cookie: team[0]!.cookie,
      path: `providers/${p.nit}/rejections`,
      params: { nit: p.nit },
      body: { reason: 'El líder técnico no pertenece a la entidad.' },
      headers: { 'if-match': version },
    });
    expect(rejected.status).toBe(201);
    const view = await call(myCredentialsGet, { cookie: delegates[1]!.cookie });
    expect(view.body).toMatchObject({
      status: 'rejected',
      statusLabel: 'Solicitud rechazada',
      rejection: { reason: 'El líder técnico no pertenece a la entidad.' },
    });
    expect(view.body.rejection.by).toBeUndefined(); // the official's identity stays with the ministry
    expect(view.body.availability.renewal.allowed).toBe(true);
    await drainNotifications(services);
    const mails = await waitForEmails(p.delegate.email, 3);
    expect(
      mails.some(
        (m) => m.subject.startsWith('Solicitud de llaves IHCE rechazada') && m.text.includes('El líder técnico no pertenece a la entidad.'),
      ),
    ).toBe(true);
    const again = await call(providerRejectionsCreate, {
      cookie: team[0]!.cookie,
      path: `providers/${p.nit}/rejections`,
      params: { nit: p.nit },
      body: { reason: 'Segundo rechazo sin solicitud.' },
      headers: { 'if-match': (await getFile(p)).body.version },
    });
    expect(again.status).toBe(409);
  });

  it('the provider page shows requests, assignments, updates, rejections and secret reveals, with who and when', async () => {
    const trail = await call(providerAuditGet, {
      cookie: team[0]!.cookie,
      path: `providers/${providers[0]!.nit}/audit`,
      params: { nit: providers[0]!.nit },
    });
    const actions = trail.body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['solicitud.creada', 'llaves.asignadas', 'llaves.actualizadas', 'secreto.revelado']));
    expect(trail.body.items[0]).toMatchObject({ actor: expect.any(String), at: expect.any(String), ip: '198.51.100.7' });
    const rejectedTrail = await call(providerAuditGet, {
      cookie: team[0]!.cookie,
      path: `providers/${providers[1]!.nit}/audit`,
      params: { nit: providers[1]!.nit },
    });
    expect(rejectedTrail.body.items.map((i: { action: string }) => i.action)).toContain('solicitud.rechazada');
  });
});

describe('officials only', () => {
  it('a delegate gets 403 on every officer route, an anonymous caller 401', async () => {
    const nit = providers[0]!.nit;
    const routes = [
      [requestsList, { path: 'requests?status=pending' }],
      [providersList, { path: 'providers' }],
      [providersGet, { params: { nit } }],
      [providerCredentialsPut, { method: 'PUT', params: { nit }, body: keys('x'), headers: { 'if-match': 'x' } }],
      [providerRejectionsCreate, { params: { nit }, body: { reason: 'motivo suficiente' }, headers: { 'if-match': 'x' } }],
      [providerAuditGet, { params: { nit } }],
      [providerSecretGet, { params: { nit, environment: 'production' } }],
    ] as const;
    for (const [definition, options] of routes) {
      expect((await call(definition, { ...options, cookie: delegates[0]!.cookie })).status, definition.name).toBe(403);
      expect((await call(definition, options)).status, definition.name).toBe(401);
    }
  });

  it('after all of the above, no table row or queue message holds any secret in clear', async () => {
    const found = await scanStorageFor(env, secretsUsed);
    expect(found.hits).toEqual([]);
    expect(found.scanned.rows).toBeGreaterThan(20);
  });
});
