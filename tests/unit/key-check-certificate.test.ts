import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/accounts/accounts.schemas';
import type { RegisteredKeyCredential } from '../../src/credentials/app-registrar.port';
import type { CertificateRecord } from '../../src/credentials/certificate.repository';
import { checkCertificateKeys, CLIENT_ASSERTION_NOTE, type CertificateSource } from '../../src/credentials/key-check-certificate';
import { createKeyCheck } from '../../src/credentials/key-check.service';

/** Issue 17, review: «Probar llaves» of a certificate-only environment checks the key credential, never a stored secret. */
const NIT = '900123456';
const NOW = new Date('2026-11-28T15:00:00Z');
const THUMB = 'AB12CD34EF56AB12CD34EF56AB12CD34EF56AB12';
const record = (over: Partial<CertificateRecord> = {}): CertificateRecord => ({
  subject: 'CN=Proveedor',
  issuer: 'CN=Proveedor',
  serialNumber: '01',
  thumbprintSha256: 'f'.repeat(64),
  thumbprintSha1: THUMB,
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-06-30T00:00:00.000Z',
  keyDescription: 'RSA 2048',
  derBase64: 'AAAA',
  uploadedAt: '2026-11-01T00:00:00.000Z',
  uploadedBy: 'delegado',
  registration: 'entra',
  entra: { applicationObjectId: 'obj-1', appId: 'app-1', keyId: 'key-1' },
  ...over,
});
const source = (stored: CertificateRecord | undefined): CertificateSource => ({
  credentialTypeOf: () => 'certificate',
  current: async () => stored,
});
const onApp = (credentials: RegisteredKeyCredential[]) => ({ readKeyCredentials: vi.fn(async () => credentials) });
const check = (stored: CertificateRecord | undefined, credentials: RegisteredKeyCredential[] = []) =>
  checkCertificateKeys({ certificates: source(stored), registrar: onApp(credentials), now: NOW }, NIT, 'production');

describe('«Probar llaves» for a certificate-only environment', () => {
  it('on the application (read through Graph) with the same thumbprint and within its dates: ok, and the vendor proves the rest', async () => {
    const registrar = onApp([
      { thumbprintSha1: 'ffff', endDateTime: '2030-01-01T00:00:00Z' },
      { thumbprintSha1: THUMB.toLowerCase(), startDateTime: '2026-01-01T00:00:00Z', endDateTime: '2027-06-30T00:00:00Z' },
    ]);
    const view = await checkCertificateKeys({ certificates: source(record()), registrar, now: NOW }, NIT, 'production');
    expect(registrar.readKeyCredentials).toHaveBeenCalledWith('production', 'obj-1');
    expect(view).toMatchObject({
      ok: true,
      kind: 'certificate',
      message: `El certificado está registrado en la aplicación app-1 de Microsoft Entra ID, con la huella SHA-1 ${THUMB.toLowerCase()}, y vigente hasta el 2027-06-30.`,
      rolesMessage: CLIENT_ASSERTION_NOTE,
    });
    expect(CLIENT_ASSERTION_NOTE).toContain('primera solicitud de token');
    expect(CLIENT_ASSERTION_NOTE).toContain('(client assertion)');
  });

  it('not on the application, expired there, not yet valid, pending registration, or none uploaded: what is wrong, in Spanish', async () => {
    expect(await check(record(), [{ thumbprintSha1: 'ffff' }])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('no aparece en la aplicación app-1 de Producción'),
    });
    expect(await check(record(), [{ thumbprintSha1: THUMB.toLowerCase(), endDateTime: '2026-11-01T00:00:00Z' }])).toMatchObject({
      ok: false,
      problem: expect.stringContaining('venció el 2026-11-01'),
    });
    expect(await check(record({ registration: 'manual', entra: undefined, notBefore: '2026-12-01T00:00:00Z' }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('aún no es válido: empieza a regir el 2026-12-01'),
    });
    expect(await check(record({ registration: 'pending', entra: undefined }))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('aún no está registrado en la aplicación de Producción'),
    });
    const none = await check(undefined);
    expect(none).toMatchObject({ ok: false, problem: 'Producción acepta solo certificados y su entidad no ha cargado uno.' });
    if (!none.ok) expect(none.action).toContain(CLIENT_ASSERTION_NOTE);
  });

  it('registered by hand (an environment that does not generate in Entra ID): the record’s dates, no Graph read', async () => {
    const registrar = onApp([]);
    const view = await checkCertificateKeys(
      { certificates: source(record({ registration: 'manual', entra: undefined, registeredBy: 'funcionario' })), registrar, now: NOW },
      NIT,
      'production',
    );
    expect(view).toMatchObject({ ok: true, message: expect.stringContaining('registrado a mano por el Ministerio (funcionario)') });
    expect(registrar.readKeyCredentials).not.toHaveBeenCalled();
  });

  it('the service never reads a stored secret nor asks for a token there, even with a secret on file; audited as such', async () => {
    const checker = { check: vi.fn() };
    const secrets = { get: vi.fn() };
    const audit = { record: vi.fn(async () => undefined) };
    const keyCheck = createKeyCheck({
      keyFiles: {
        getFile: async () => ({ environments: { production: { clientId: 'c', tenantId: 't', scope: 's', clientSecretRef: {} } } }),
      } as never,
      secrets: secrets as never,
      checker: checker as never,
      rateLimiter: { hit: async () => undefined } as never,
      audit: audit as never,
      clock: { now: () => NOW } as never,
      tokenUrl: () => 'http://token',
      perHour: 10,
      verifications: { record: async () => undefined },
      certificates: source(record()),
      registrar: onApp([{ thumbprintSha1: THUMB.toLowerCase() }]),
    });
    const delegate: SessionUser = {
      username: 'CC1',
      fullName: 'Delegada',
      role: 'delegate',
      roleCode: 'D',
      roleLabel: 'Delegado',
      entity: { nit: NIT, checkDigit: 1, name: 'Proveedor' },
    };
    const view = await keyCheck.test(delegate, 'production', { ip: '10.0.0.1' } as never);
    expect(view).toMatchObject({ ok: true, kind: 'certificate' });
    expect(checker.check).not.toHaveBeenCalled();
    expect(secrets.get).not.toHaveBeenCalled();
    expect(audit.record).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'llaves.probadas', detail: expect.objectContaining({ resultado: 'certificado-registrado' }) }),
    );
  });
});
