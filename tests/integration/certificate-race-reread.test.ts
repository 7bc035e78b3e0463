import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntraSimulator } from '../../scripts/local-host/entra-simulator';
import type { SessionUser } from '../../src/accounts/accounts.schemas';
import { graphRegistrar } from '../../src/adapters/adapters-from-config';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { checkCertificate } from '../../src/credentials/certificate-check';
import {
  createCertificateLeases,
  createCertificateTableRepository,
  type CertificateRepository,
} from '../../src/credentials/certificate.repository';
import { createCertificates } from '../../src/credentials/certificates.service';
import { ConcurrencyError } from '../../src/platform/storage/concurrency';
import type { Leases } from '../../src/platform/storage/lease';
import { startCertificateApp } from '../support/certificate-app';
import { makeCertificate } from '../support/certificates';
import { providerFixture, type ProviderFixture } from '../support/directory-fixtures';

// Review of the upload lease (issue 17): the record is read again under the lease, «Marcar como registrado» takes the
// same lease, a lost upload puts back a winner registered by hand, and a restore that cannot run says so.

let entra: EntraSimulator;
let env: Record<string, string>;
let services: Services;
const providers = Array.from({ length: 5 }, (_, i) => providerFixture(`Relectura ${i}`));
const PATCH_APPLICATION = { method: 'PATCH', path: /^\/v1\.0\/applications\/[0-9a-f-]{36}$/ };
const officer: SessionUser = {
  username: 'funcionaria@minsalud.gov.co',
  fullName: 'Funcionaria',
  role: 'officer',
  roleCode: 'F',
  roleLabel: 'Funcionario',
};

const patches = () => entra.calls.filter((call) => call.method === 'PATCH').length;
const appOf = (p: ProviderFixture) => entra.applications().find((app) => app.displayName === `IHCE-PRE-${p.nit}`)!;
const onApplication = (p: ProviderFixture) => (appOf(p).keyCredentials ?? []).map((k) => k.customKeyIdentifier).sort();
const sha1Base64 = (der: Buffer) => createHash('sha1').update(der).digest('base64');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The certificates use case over the same table and simulator, with its leases, repository or log replaced. */
function certificatesWith(over: {
  leases?: Leases;
  repository?: CertificateRepository;
  log?: (m: string, e?: unknown) => void;
  planExpiry?: () => Promise<void>;
}) {
  return createCertificates({
    certificates: over.repository ?? createCertificateTableRepository(services.storage),
    registrar: graphRegistrar(loadConfig(env)),
    directory: services.directory,
    audit: services.audit,
    clock: { now: () => new Date() },
    leases: over.leases ?? createCertificateLeases(services.storage, { now: () => new Date() }),
    credentialTypes: { preproduction: 'either', production: 'either' },
    ...(over.log && { log: over.log }),
    ...(over.planExpiry && { planExpiry: over.planExpiry }),
  });
}
/** A certificate kept as uploaded but not registered (before Graph was enabled for the environment). */
async function pendingRecord(p: ProviderFixture, pem: string) {
  const summary = checkCertificate(pem, new Date());
  const record = { ...summary, uploadedAt: new Date().toISOString(), uploadedBy: 'delegada', registration: 'pending' as const };
  await createCertificateTableRepository(services.storage).save(p.nit, 'preproduction', record, undefined);
}

beforeAll(async () => {
  ({ entra, env, services } = await startCertificateApp({ providers, signIn: false, use: false }));
});
afterAll(() => entra.close());

describe('the certificate upload lease, after review', () => {
  it('when another upload runs whole between this one’s read and its lease, then this one PATCHes nothing and gets 409', async () => {
    const provider = providers[0]!;
    const [first, winner, late] = await Promise.all([makeCertificate(), makeCertificate(), makeCertificate()]);
    await services.certificates.store(provider.nit, 'preproduction', first.pem, 'delegada', {});
    const real = createCertificateLeases(services.storage, { now: () => new Date() });
    let patchesAfterWinner = -1;
    const leases: Leases = {
      async acquire(key) {
        // The lock is free when asked (waited = false), but the record changed since this upload read it.
        await services.certificates.store(provider.nit, 'preproduction', winner.pem, 'Proveedor', {});
        patchesAfterWinner = patches();
        return real.acquire(key);
      },
    };
    const lost = certificatesWith({ leases }).store(provider.nit, 'preproduction', late.pem, 'delegada', {});
    await expect(lost).rejects.toMatchObject({ status: 409, code: 'certificado-modificado' });
    expect(patches()).toBe(patchesAfterWinner); // no PATCH without the winner's certificate ever reached Entra ID
    expect(onApplication(provider)).toEqual([sha1Base64(first.der), sha1Base64(winner.der)].sort());
  });

  it('«Marcar como registrado» waits for an upload in progress instead of changing the record under its PATCH', async () => {
    const provider = providers[1]!;
    const [byHand, uploaded] = await Promise.all([makeCertificate(), makeCertificate()]);
    await pendingRecord(provider, byHand.pem);
    const held = entra.hold(PATCH_APPLICATION);
    const upload = services.certificates.store(provider.nit, 'preproduction', uploaded.pem, 'delegada', {});
    await held.arrived;
    const marking = services.certificates.markRegistered(officer, provider.nit, 'preproduction', {});
    marking.catch(() => undefined);
    const settled = await Promise.race([
      marking.then(
        () => 'marcado',
        () => 'rechazado',
      ),
      sleep(1_500).then(() => 'esperando'),
    ]);
    held.release();
    expect(settled).toBe('esperando');
    expect((await upload).registration).toBe('entra');
    await expect(marking).rejects.toMatchObject({ status: 409, code: 'certificado-modificado' });
    expect(onApplication(provider)).toEqual([sha1Base64(uploaded.der)]);
  });

  it('when an upload that outlived its lock lost to a certificate registered by hand, then that certificate is put back on the application', async () => {
    const provider = providers[2]!;
    const [byHand, slow] = await Promise.all([makeCertificate(), makeCertificate()]);
    await pendingRecord(provider, byHand.pem);
    // The official adds it by hand in the Entra portal (here through Graph, before anything else).
    const registrar = graphRegistrar(loadConfig(env));
    const application = await registrar.ensureApplication('preproduction', provider.nit, provider.name);
    const { thumbprintSha1, notBefore, notAfter, derBase64 } = checkCertificate(byHand.pem, new Date());
    const input = { derBase64, thumbprintSha1, displayName: 'a mano', startDateTime: notBefore, endDateTime: notAfter };
    await registrar.putKeyCredential!('preproduction', application.objectId, input, []);
    // The official's instance is 3 minutes ahead: it sees the slow upload's 2-minute lock as expired.
    const later = await buildServices(loadConfig(env), { log: () => {}, clock: { now: () => new Date(Date.now() + 180_000) } });

    const held = entra.hold(PATCH_APPLICATION);
    const slowUpload = services.certificates.store(provider.nit, 'preproduction', slow.pem, 'delegada', {});
    slowUpload.catch(() => undefined);
    await held.arrived;
    expect((await later.certificates.markRegistered(officer, provider.nit, 'preproduction', {})).registration).toBe('manual');
    held.release(); // the slow PATCH keeps [] (it read the certificate as pending): the one added by hand goes
    await expect(slowUpload).rejects.toMatchObject({ status: 409 });
    expect(onApplication(provider)).toEqual([sha1Base64(byHand.der)]);
  });

  it('when a lost upload cannot take the lock to put the application back, then it answers 503 and logs the alert marker', async () => {
    const provider = providers[3]!;
    const { pem } = await makeCertificate();
    const real = createCertificateLeases(services.storage, { now: () => new Date() });
    let asked = 0;
    const leases: Leases = { acquire: async (key) => (++asked === 1 ? real.acquire(key) : undefined) };
    const table = createCertificateTableRepository(services.storage);
    const repository = { ...table, save: async () => Promise.reject(new ConcurrencyError('otra carga ganó')) };
    const log = vi.fn();
    const upload = certificatesWith({ leases, repository, log }).store(provider.nit, 'preproduction', pem, 'delegada', {});
    await expect(upload).rejects.toMatchObject({ status: 503, code: 'certificado-sin-restaurar' });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^IHCE-CERTIFICADO-SIN-RESTAURAR: .*${provider.nit}`)), undefined);
  });

  it('a retried upload of the certificate already registered plans its expiry again (a first planning may have failed)', async () => {
    const provider = providers[4]!;
    const { pem } = await makeCertificate();
    const planExpiry = vi.fn().mockRejectedValueOnce(new Error('cola caída')).mockResolvedValue(undefined);
    const certificates = certificatesWith({ planExpiry });
    await certificates.store(provider.nit, 'preproduction', pem, 'delegada', {}).catch(() => undefined); // its planning fails
    expect((await certificates.store(provider.nit, 'preproduction', pem, 'delegada', {})).registration).toBe('entra');
    expect(planExpiry).toHaveBeenCalledTimes(2);
  });
});
