import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as certificateLinkUploadsCreate } from '../../functions/certificate-link-uploads-create';
import { definition as myCertificateLinksCreate } from '../../functions/my-certificate-links-create';
import type { EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { graphRegistrar } from '../../src/adapters/adapters-from-config';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createCertificateLeases } from '../../src/credentials/certificate.repository';
import { startCertificateApp, uploadCertificate } from '../support/certificate-app';
import { makeCertificate } from '../support/certificates';
import { providerFixture, type ProviderFixture } from '../support/directory-fixtures';
import { call } from '../support/test-app';

// Two certificate uploads for one provider and environment at once (the delegate on Paso 2, the vendor through
// the one-time link): whatever the interleaving, the record and the application's keyCredentials must agree.

let entra: EntraSimulator;
let env: Record<string, string>;
let services: Services;
const providers = Array.from({ length: 5 }, (_, i) => providerFixture(`Carrera ${i}`));
let cookies: Map<string, string>;
const PATCH_APPLICATION = { method: 'PATCH', path: /^\/v1\.0\/applications\/[0-9a-f-]{36}$/ };

const delegateUpload = (p: ProviderFixture, certificate: string) => uploadCertificate(cookies.get(p.nit)!, 'preproduction', certificate);
async function vendorLink(p: ProviderFixture) {
  const created = await call(myCertificateLinksCreate, {
    method: 'POST',
    cookie: cookies.get(p.nit)!,
    body: { environment: 'preproduction' },
  });
  const token = /#token=(.+)$/.exec(created.body.url)![1]!;
  return (certificate: string) => call(certificateLinkUploadsCreate, { method: 'POST', body: { token, certificate } });
}
const identifierOf = (thumbprintSha1: string) => Buffer.from(thumbprintSha1, 'hex').toString('base64');
const appOf = (p: ProviderFixture) => entra.applications().find((app) => app.displayName === `IHCE-PRE-${p.nit}`)!;
const onApplication = (p: ProviderFixture) => (appOf(p).keyCredentials ?? []).map((k) => k.customKeyIdentifier).sort();
const sha1Base64 = (der: Buffer) => createHash('sha1').update(der).digest('base64');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The record and the simulated application agree: its certificate (same keyId) and the kept previous one, nothing else. */
async function expectAgreement(p: ProviderFixture) {
  const record = (await services.certificates.current(p.nit, 'preproduction'))!;
  const expected = [record.thumbprintSha1, record.previous?.thumbprintSha1].filter((t): t is string => !!t).map(identifierOf);
  expect(onApplication(p)).toEqual(expected.sort());
  const credential = appOf(p).keyCredentials!.find((k) => k.customKeyIdentifier === identifierOf(record.thumbprintSha1));
  expect(record.entra?.keyId).toBe(credential?.keyId);
  return record;
}

beforeAll(async () => {
  ({ entra, env, services, cookies } = await startCertificateApp({ providers }));
});
afterAll(() => entra.close());

describe('two certificate uploads for the same provider and environment at once', () => {
  it('when the delegate and the vendor upload at the same moment, then the record and the application agree and a loser gets the Spanish 409', async () => {
    const provider = providers[0]!;
    const [a, b] = await Promise.all([makeCertificate(), makeCertificate()]);
    const vendor = await vendorLink(provider);
    const results = await Promise.all([delegateUpload(provider, a.pem), vendor(b.pem)]);
    expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).toContain(200);
    for (const result of results.filter((r) => r.status !== 200)) {
      expect(result.status).toBe(409);
      expect(result.body.detail).toMatch(/^Otra carga de certificado para este ambiente terminó primero; recargue la página/);
    }
    await expectAgreement(provider);
  });

  it('when the vendor uploads while the delegate’s PATCH is still on its way, then the vendor waits, gets 409 and its certificate never reaches the application', async () => {
    const provider = providers[1]!;
    const [first, delegates, vendors] = await Promise.all([makeCertificate(), makeCertificate(), makeCertificate()]);
    expect((await delegateUpload(provider, first.pem)).status).toBe(200);
    const vendor = await vendorLink(provider);

    const held = entra.hold(PATCH_APPLICATION);
    const delegate = delegateUpload(provider, delegates.pem);
    await held.arrived;
    const late = vendor(vendors.pem);
    // Without the lock the vendor's upload would run to its end here (its own PATCH and save); with it, it waits.
    await Promise.race([late, sleep(1_500)]);
    held.release();
    const [won, lost] = await Promise.all([delegate, late]);

    expect(won.status, JSON.stringify(won.body)).toBe(200);
    expect(lost.status, JSON.stringify(lost.body)).toBe(409);
    expect(lost.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(lost.body.detail).toMatch(/^Otra carga de certificado para este ambiente terminó primero; recargue la página/);
    const record = await expectAgreement(provider);
    expect(record.thumbprintSha256).toBe(won.body.thumbprintSha256);
    expect(onApplication(provider)).not.toContain(sha1Base64(vendors.der));
    expect(onApplication(provider)).toHaveLength(2); // the delegate's and the first one (rotation without a cut)
    // The link was given back: the vendor can reload and try again.
    expect((await vendor(vendors.pem)).status).toBe(200);
    await expectAgreement(provider);
  });

  it('when an upload outlives its lock and loses the record to a later one, then the application is put back to the winner (its certificate, same keyId) and the slow one gets 409', async () => {
    const provider = providers[2]!;
    const [first, slow, fast] = await Promise.all([makeCertificate(), makeCertificate(), makeCertificate()]);
    expect((await delegateUpload(provider, first.pem)).status).toBe(200);
    // An instance whose clock is 3 minutes ahead sees the slow upload's 2-minute lock as expired.
    const later = await buildServices(loadConfig(env), { log: () => {}, clock: { now: () => new Date(Date.now() + 180_000) } });

    const held = entra.hold(PATCH_APPLICATION);
    const slowUpload = delegateUpload(provider, slow.pem);
    await held.arrived;
    const fastView = await later.certificates.store(provider.nit, 'preproduction', fast.pem, 'Proveedor', {});
    held.release(); // the slow PATCH now replaces the list with its own certificate
    const lost = await slowUpload;

    expect(lost.status, JSON.stringify(lost.body)).toBe(409);
    expect(lost.body.detail).toMatch(/terminó primero/);
    const record = await expectAgreement(provider);
    expect(record.thumbprintSha256).toBe(fastView.thumbprintSha256);
    expect(onApplication(provider)).toEqual([sha1Base64(first.der), sha1Base64(fast.der)].sort());
    expect(onApplication(provider)).not.toContain(sha1Base64(slow.der));
    // certfollow: the restore that changed Entra ID is on record, for the upload that lost.
    const restored = (await services.audit.list(`provider:${provider.nit}`)).filter((row) => row.action === 'certificado.restaurado');
    expect(restored).toHaveLength(1);
    expect(restored[0]!.detail).toMatchObject({
      ambiente: 'preproduction',
      retiradoSha1: expect.stringMatching(new RegExp(`^${createHash('sha1').update(slow.der).digest('hex')}$`, 'i')),
      huellaSha1: record.thumbprintSha1,
    });
  });

  it('when a crashed upload left its lock behind, then it expires: the next upload goes through', async () => {
    const provider = providers[3]!;
    const stale = new Date(Date.now() - 1_000).toISOString();
    await services.storage
      .tableOf('certificates')
      .upsert({ partitionKey: 'bloqueo', rowKey: `${provider.nit}-preproduction`, holder: 'caido', expiresAt: stale });
    const started = Date.now();
    const { pem } = await makeCertificate();
    const result = await delegateUpload(provider, pem);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectAgreement(provider);
    expect(await services.storage.tableOf('certificates').get('bloqueo', `${provider.nit}-preproduction`)).toBeUndefined();
  });

  it('the Graph adapter takes one certificate off the application (what a lost upload leaves behind when the winner was registered by hand), and only that one', async () => {
    const provider = providers[3]!;
    const { pem, der } = await makeCertificate();
    expect((await delegateUpload(provider, pem)).status).toBe(200);
    const before = onApplication(provider);
    expect(before).toHaveLength(2);
    const other = before.find((identifier) => identifier !== sha1Base64(der))!;
    const thumbprintSha1 = Buffer.from(other, 'base64').toString('hex');
    const registrar = graphRegistrar(loadConfig(env));
    await registrar.removeKeyCredential!('preproduction', appOf(provider).id, thumbprintSha1);
    expect(onApplication(provider)).toEqual([sha1Base64(der)]);
    const patches = entra.calls.filter((c) => c.method === 'PATCH').length;
    await registrar.removeKeyCredential!('preproduction', appOf(provider).id, thumbprintSha1);
    expect(entra.calls.filter((c) => c.method === 'PATCH').length).toBe(patches);
  });

  it('a live lock is not taken: a second holder waits, gives up after its wait, and takes it once it has expired', async () => {
    const key = `${providers[4]!.nit}-preproduction`;
    let now = Date.now();
    const leases = createCertificateLeases(services.storage, { now: () => new Date(now) }, { ttlMs: 60_000, waitMs: 300, pollMs: 50 });
    const first = (await leases.acquire(key))!;
    expect(first.waited).toBe(false);
    expect(await leases.acquire(key)).toBeUndefined();
    now += 61_000;
    const second = (await leases.acquire(key))!;
    expect(second).toBeDefined();
    await first.release(); // the crashed holder coming back late does not free the new holder's lock
    expect(await leases.acquire(key)).toBeUndefined();
    await second.release();
    expect((await leases.acquire(key))?.waited).toBe(false);
  });
});
