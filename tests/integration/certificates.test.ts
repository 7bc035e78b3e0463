import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myCertificateFileGet } from '../../functions/my-certificate-file-get';
import { definition as myCertificatesGet } from '../../functions/my-certificates-get';
import { definition as myCertificateLinksCreate } from '../../functions/my-certificate-links-create';
import { definition as certificateLinkUploadsCreate } from '../../functions/certificate-link-uploads-create';
import { definition as providerAuditGet } from '../../functions/provider-audit-get';
import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providersGet } from '../../functions/providers-get';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { CLIENT_ASSERTION_TYPE } from '../../src/credentials/client-assertion-guide';
import { definition as providerCertificateFileGet } from '../../functions/provider-certificate-file-get';
import { definition as providerCertificatesGet } from '../../functions/provider-certificates-get';
import type { EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { certificatesOf } from '../../scripts/local-host/entra-simulator-keys';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { registerByHand, startCertificateApp, uploadCertificate } from '../support/certificate-app';
import { makeCertificate } from '../support/certificates';
import { officerFixture, providerFixture, type ProviderFixture } from '../support/directory-fixtures';
import { scanStorageFor } from '../support/secret-scan';
import { call } from '../support/test-app';

const DAY = 86_400_000;

let entra: EntraSimulator;
let env: Record<string, string>;
let services: Services;
const providers = [providerFixture('Certificado Ñ'), providerFixture('Rechazos'), providerFixture('Manual')];
const officer = officerFixture();
let officerCookie: string;
let cookies: Map<string, string>;
const privateKeys: string[] = [];

const upload = (p: ProviderFixture, environment: string, certificate: unknown) =>
  uploadCertificate(cookies.get(p.nit)!, environment, certificate);
const mine = (p: ProviderFixture) => call(myCertificatesGet, { cookie: cookies.get(p.nit)! });
const appOf = (p: ProviderFixture) => entra.applications().find((app) => app.displayName === `IHCE-PRE-${p.nit}`);
const sha1Base64 = (der: Buffer) => createHash('sha1').update(der).digest('base64');

beforeAll(async () => {
  ({ entra, env, services, officerCookie, cookies } = await startCertificateApp({
    env: { PRODUCTION_CREDENTIAL_TYPE: 'certificate' },
    providers,
    officers: [officer],
  }));
});
afterAll(() => entra.close());

describe('certificates instead of secrets', () => {
  it('when a delegate uploads a certificate for an environment that generates in Entra ID, then Graph adds it to the application as a key credential, it is stored, shown and audited', async () => {
    const [provider] = providers;
    const { pem, der, privateKeyPem } = await makeCertificate({ key: 'rsa2048' });
    privateKeys.push(privateKeyPem);
    const result = await upload(provider!, 'preproduction', pem);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ registration: 'entra', keyDescription: 'RSA 2048', environment: 'preproduction' });
    expect(result.body.derBase64).toBeUndefined();

    const app = appOf(provider!)!;
    expect(result.body.appId).toBe(app.appId);
    expect(app.keyCredentials).toEqual([
      expect.objectContaining({
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: der.toString('base64'),
        customKeyIdentifier: sha1Base64(der),
      }),
    ]);
    const patch = entra.calls.filter((c) => c.method === 'PATCH' && c.path === `/v1.0/applications/${app.id}`);
    expect(patch).toEqual([expect.objectContaining({ status: 204, caller: 'runtime' })]);
    // What the token endpoint reads (helper A): the certificate's thumbprints as a client assertion carries them.
    expect(certificatesOf(app)[0]!.thumbprintSha1.toUpperCase()).toBe(result.body.thumbprintSha1);
    expect(entra.keyCredentials(app.appId)).toHaveLength(1);

    const seen = await mine(provider!);
    expect(seen.body.environments.preproduction.certificate).toMatchObject({
      thumbprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
      registrationLabel: 'Registrado en la aplicación del prestador en Microsoft Entra ID',
    });
    expect(seen.body.environments.production).toEqual({ credentialType: 'certificate' });

    const file = await call(myCertificateFileGet, {
      cookie: cookies.get(provider!.nit)!,
      path: 'my/certificates/preproduction/cer',
      params: { environment: 'preproduction' },
    });
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="ihce-preproduction-${provider!.nit}.cer"`);
    expect(String(file.body).replace(/\s+/g, '')).toBe(pem.replace(/\s+/g, ''));

    const trail = await services.audit.list(`provider:${provider!.nit}`);
    expect(trail.find((entry) => entry.action === 'certificado.cargado')?.detail).toMatchObject({
      ambiente: 'preproduction',
      huellaSha1: result.body.thumbprintSha1,
      registro: 'entra',
    });
  });

  it('when the certificate is replaced, then the previous one stays on the application until the next change (rotation without a cut)', async () => {
    const [provider] = providers;
    const second = await makeCertificate();
    const third = await makeCertificate();
    const first = appOf(provider!)!.keyCredentials![0]!;
    expect((await upload(provider!, 'preproduction', second.pem)).body.previous).toMatchObject({ replacedAt: expect.any(String) });
    expect(appOf(provider!)!.keyCredentials!.map((k) => k.customKeyIdentifier)).toEqual([
      first.customKeyIdentifier,
      sha1Base64(second.der),
    ]);
    // Same certificate again: nothing changes on the application.
    const before = entra.calls.filter((c) => c.method === 'PATCH').length;
    expect((await upload(provider!, 'preproduction', second.der.toString('base64'))).status).toBe(200);
    expect(entra.calls.filter((c) => c.method === 'PATCH').length).toBe(before);
    await upload(provider!, 'preproduction', third.pem);
    expect(appOf(provider!)!.keyCredentials!.map((k) => k.customKeyIdentifier)).toEqual([sha1Base64(second.der), sha1Base64(third.der)]);
    const trail = await services.audit.list(`provider:${provider!.nit}`);
    expect(trail.filter((entry) => entry.action === 'certificado.reemplazado')).toHaveLength(2);
  });

  it('when the certificate is expired, too long, a CA, weak, garbage or carries a private key, then 400 with a Spanish message on the field, and nothing is stored or sent to Graph', async () => {
    const provider = providers[1]!;
    const now = Date.now();
    const cases: [unknown, RegExp][] = [
      [(await makeCertificate({ notBefore: new Date(now - 300 * DAY), notAfter: new Date(now - DAY) })).pem, /venció/],
      [(await makeCertificate({ notBefore: new Date(now - DAY), notAfter: new Date(now + 800 * DAY) })).pem, /supera 24 meses/],
      [(await makeCertificate({ ca: true })).pem, /autoridad de certificación/],
      [(await makeCertificate({ key: 'rsa1024' })).pem, /RSA de 1024 bits/],
      ['-----BEGIN CERTIFICATE-----\nbm8gc295IHVuIGNlcnRpZmljYWRv\n-----END CERTIFICATE-----', /no es un certificado X\.509/],
      [(await makeCertificate()).privateKeyPem, /Nunca envíe la llave privada/],
      ['', /Adjunte el certificado/],
      [42, /texto|certificado/i],
    ];
    const patches = entra.calls.filter((c) => c.method === 'PATCH').length;
    for (const [certificate, message] of cases) {
      const result = await upload(provider, 'preproduction', certificate);
      expect(result.status).toBe(400);
      expect(result.headers.get('content-type')).toContain('application/problem+json');
      expect(result.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'certificate', message: expect.stringMatching(message) })]),
      );
    }
    expect((await mine(provider)).body.environments.preproduction).toEqual({ credentialType: 'either' });
    expect(entra.calls.filter((c) => c.method === 'PATCH').length).toBe(patches);
    expect(appOf(provider)).toBeUndefined();
  });

  it('when Graph refuses (403), then the delegate is told which permission is missing and nothing is stored', async () => {
    const provider = providers[1]!;
    entra.inject({ method: 'PATCH', path: /^\/v1\.0\/applications\/[0-9a-f-]{36}$/, status: 403, times: 1 });
    const result = await upload(provider, 'preproduction', (await makeCertificate()).pem);
    expect(result.status).toBe(502);
    expect(result.body.detail).toMatch(/Application\.ReadWrite\.OwnedBy/);
    expect((await mine(provider)).body.environments.preproduction.certificate).toBeUndefined();
  });

  it('when the environment registers by hand, then the official sees it, downloads the .cer and marks it registered (audited)', async () => {
    const provider = providers[2]!;
    const { pem } = await makeCertificate();
    const uploaded = await upload(provider, 'production', pem);
    expect(uploaded.body).toMatchObject({
      registration: 'pending',
      registrationLabel: 'Pendiente: el Ministerio lo registrará en Microsoft Entra ID',
    });
    const params = { nit: provider.nit, environment: 'production' };
    const seen = await call(providerCertificatesGet, { cookie: officerCookie, path: `providers/${provider.nit}/certificates`, params });
    expect(seen.body.environments.production).toMatchObject({
      credentialType: 'certificate',
      certificate: { thumbprintSha1: uploaded.body.thumbprintSha1 },
    });
    const file = await call(providerCertificateFileGet, {
      cookie: officerCookie,
      path: `providers/${provider.nit}/certificates/production/cer`,
      params,
    });
    expect(String(file.body)).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const marked = await registerByHand(officerCookie, provider.nit);
    expect(marked.body).toMatchObject({ registration: 'manual', registrationLabel: 'Registrado por el Ministerio en Microsoft Entra ID' });
    const trail = await call(providerAuditGet, { cookie: officerCookie, path: `providers/${provider.nit}/audit`, params });
    expect(JSON.stringify(trail.body)).toContain('certificado.registrado-a-mano');
  });

  it('when an environment accepts only ClientSecret, then a certificate is refused (409) and nothing is stored', async () => {
    const secretOnly = await buildServices(loadConfig({ ...env, PREPRODUCTION_CREDENTIAL_TYPE: 'secret' }), { log: () => {} });
    const provider = providers[2]!;
    const user = { role: 'delegate', username: 'x', entity: { nit: provider.nit } } as Parameters<typeof secretOnly.certificates.upload>[0];
    await expect(secretOnly.certificates.upload(user, 'preproduction', (await makeCertificate()).pem, {})).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/Preproducción usa solo ClientSecret/),
    });
    expect((await secretOnly.certificates.ofProvider(provider.nit)).environments.preproduction).toEqual({ credentialType: 'secret' });
  });

  it('when an environment accepts only certificates, then the configuration download has no ClientSecret and explains the client assertion (aud = token URL, x5t#S256)', async () => {
    const [provider] = providers;
    const file = await call(providersGet, { cookie: officerCookie, path: `providers/${provider!.nit}`, params: { nit: provider!.nit } });
    const common = {
      expiresOn: addDays(bogotaDay(new Date()), 300),
      scope: 'api://ihce/.default',
      endpoint: 'https://apim-ihce.example/fhir',
    };
    const manual = (n: string) => ({
      mode: 'manual',
      clientId: `1b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
      clientSecret: `Manual~${n}~0123456789abcdefABCDEFGH`,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      ...common,
    });
    const saved = await call(providerCredentialsPut, {
      method: 'PUT',
      cookie: officerCookie,
      path: `providers/${provider!.nit}/credentials`,
      params: { nit: provider!.nit },
      headers: { 'if-match': file.headers.get('etag')! },
      // Production accepts only certificates (PRODUCTION_CREDENTIAL_TYPE=certificate): no ClientSecret is typed for it.
      body: { preproduction: manual('21'), production: { ...manual('22'), clientSecret: undefined } },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const certOnly = await buildServices(loadConfig({ ...env, PREPRODUCTION_CREDENTIAL_TYPE: 'certificate' }), { log: () => {} });
    const user = { role: 'delegate', username: 'x', entity: { nit: provider!.nit } } as Parameters<
      typeof certOnly.myCredentials.exportPostman
    >[0];
    const values = (await certOnly.myCredentials.exportPostman(user, 'preproduction', {}, {})).content.values;
    const value = (key: string) => values.find((item) => item.key === key)?.value;
    const tokenUrl = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token';
    expect(value('clientSecret')).toBeUndefined();
    expect(JSON.stringify(values)).not.toContain('Manual~21~');
    expect(value('client_assertion_type')).toBe(CLIENT_ASSERTION_TYPE);
    expect(value('clientAssertionAudience')).toBe(tokenUrl);
    const { thumbprintSha256 } = (await certOnly.certificates.thumbprintsOf(provider!.nit, 'preproduction'))!;
    expect(value('x5tS256')).toBe(Buffer.from(thumbprintSha256, 'hex').toString('base64url'));
    expect(value('instrucciones')).toMatch(/no ClientSecret[\s\S]*"aud" = https:\/\/login\.microsoftonline\.com\/[\s\S]*client_assertion=/);
    // Nor does «Mostrar» hand it out.
    await expect(certOnly.myCredentials.revealSecret(user, 'preproduction', {}, {})).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/usa solo certificado/),
    });
    // An environment that accepts secrets keeps the ClientSecret in its file.
    const both = (await services.myCredentials.exportPostman(user, 'preproduction', {}, {})).content.values;
    expect(both.find((item) => item.key === 'clientSecret')?.value).toBe('Manual~21~0123456789abcdefABCDEFGH');
  });

  it('when production accepts only certificates, then a typed production ClientSecret is refused naming the field and nothing is written', async () => {
    const provider = providers[2]!;
    const params = { nit: provider.nit };
    const before = await call(providersGet, { cookie: officerCookie, path: `providers/${provider.nit}`, params });
    const entry = (n: string) => ({
      mode: 'manual',
      clientId: `2b4e28ba-2fa1-41d2-883f-0016d3cca4${n}`,
      clientSecret: `Rechazo~${n}~0123456789abcdefABCDEFGH`,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      expiresOn: addDays(bogotaDay(new Date()), 300),
      scope: 'api://ihce/.default',
      endpoint: 'https://apim-ihce.example/fhir',
    });
    const refused = await call(providerCredentialsPut, {
      method: 'PUT',
      cookie: officerCookie,
      path: `providers/${provider.nit}/credentials`,
      params,
      headers: { 'if-match': before.headers.get('etag')! },
      body: { preproduction: entry('31'), production: entry('32') },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([
      { field: 'production.clientSecret', message: 'Producción acepta solo certificado: no escriba un ClientSecret.' },
    ]);
    const after = await call(providersGet, { cookie: officerCookie, path: `providers/${provider.nit}`, params });
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    // The file kept its version and no table holds either secret: the refusal comes before anything is stored.
    const { hits } = await scanStorageFor(env, ['Rechazo~31~0123456789abcdefABCDEFGH', 'Rechazo~32~0123456789abcdefABCDEFGH']);
    expect(hits).toEqual([]);
  });

  it('a one-time link lets the vendor upload once without an account: a wrong file does not spend it, a second use and an expired link are refused, the token is stored only hashed', async () => {
    const provider = providers[2]!;
    const created = await call(myCertificateLinksCreate, {
      method: 'POST',
      cookie: cookies.get(provider.nit)!,
      body: { environment: 'production' },
    });
    expect(created.status).toBe(201);
    const token = /#token=([A-Za-z0-9_-]{43})$/.exec(created.body.url)![1]!;
    expect(created.body.url).toMatch(/^http.*\/certificado-proveedor#token=/);
    const use = (certificate: string, t = token) =>
      call(certificateLinkUploadsCreate, { method: 'POST', body: { token: t, certificate }, ip: '203.0.113.9:1234' });

    const { pem, privateKeyPem } = await makeCertificate({ key: 'ec256' });
    privateKeys.push(privateKeyPem);
    const wrong = await use(pem + privateKeyPem);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].message).toMatch(/Nunca envíe la llave privada/);
    const uploaded = await use(pem);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    expect(uploaded.body).toMatchObject({ environment: 'production', environmentLabel: 'Producción', registration: 'pending' });
    expect(uploaded.body.uploadedBy).toMatch(/^Enlace de un solo uso \(creado por /);
    const again = await use(pem);
    expect(again.status).toBe(410);
    expect(again.body.detail).toMatch(/ya se usó/);
    expect((await use(pem, 'A'.repeat(43))).status).toBe(404);
    const trail = (await services.audit.list(`provider:${provider.nit}`)).map((entry) => entry.action);
    expect(trail).toEqual(expect.arrayContaining(['certificado.enlace-creado', 'certificado.reemplazado']));

    // A link past its 72 hours is refused.
    const later = await call(myCertificateLinksCreate, {
      method: 'POST',
      cookie: cookies.get(provider.nit)!,
      body: { environment: 'production' },
    });
    const laterToken = /#token=(.+)$/.exec(later.body.url)![1]!;
    const future = await buildServices(loadConfig(env), { log: () => {}, clock: { now: () => new Date(Date.now() + 73 * 3_600_000) } });
    await expect(future.certificates.links.upload(laterToken, pem, {})).rejects.toMatchObject({
      status: 410,
      message: expect.stringMatching(/venció/),
    });
    const { hits } = await scanStorageFor(env, [token, laterToken]);
    expect(hits).toEqual([]);
  });

  it('never stores a private key: none of the test keys is in any table', async () => {
    const { hits, scanned } = await scanStorageFor(
      env,
      privateKeys.map((key) => key.split('\n')[1]!),
    );
    expect(hits).toEqual([]);
    // The scan read the certificates the suite stored: an empty read would pass for nothing.
    expect(scanned.rows).toBeGreaterThan(0);
  });
});
