import { describe, expect, it, vi } from 'vitest';
import type { AppRegistrar } from '../../src/credentials/app-registrar.port';
import type { CertificateRecord } from '../../src/credentials/certificate.repository';
import { createCertificateRegistration } from '../../src/credentials/certificate-registration';
import type { DirectoryRepository } from '../../src/directory/directory.repository';

const certificate = (thumbprintSha1: string) => ({
  subject: 'CN=proveedor',
  issuer: 'CN=proveedor',
  serialNumber: '01',
  thumbprintSha256: thumbprintSha1.repeat(2),
  thumbprintSha1,
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  keyDescription: 'EC P-256',
  derBase64: 'MIIB',
});
const record = (thumbprintSha1: string, registration: CertificateRecord['registration']): CertificateRecord => ({
  ...certificate(thumbprintSha1),
  uploadedAt: '2026-01-01T00:00:00.000Z',
  uploadedBy: 'delegada',
  registration,
});

function fakes(onApplication: string[] = []) {
  const registrar = {
    enabled: () => true,
    ensureApplication: vi.fn(async () => ({ appId: 'app', objectId: 'objeto', displayName: 'IHCE-PRE-900123456' })),
    putKeyCredential: vi.fn(async () => ({ keyId: 'nueva' })),
    removeKeyCredential: vi.fn(async () => {}),
    readKeyCredentials: vi.fn(async () => onApplication.map((thumbprintSha1) => ({ thumbprintSha1 }))),
  } as unknown as AppRegistrar & Record<'putKeyCredential' | 'removeKeyCredential', ReturnType<typeof vi.fn>>;
  const directory = { getProvider: async () => undefined } as unknown as DirectoryRepository;
  return { registrar, registration: createCertificateRegistration({ registrar, directory }) };
}

describe('the certificate on the provider’s application', () => {
  it('when the replaced certificate was registered by hand by an official, then it stays on the application (rotation without a cut)', async () => {
    const { registrar, registration } = fakes();
    await registration.register('900123456', 'preproduction', certificate('bb'), record('aa', 'manual'));
    expect(registrar.putKeyCredential).toHaveBeenCalledWith('preproduction', 'objeto', expect.objectContaining({ thumbprintSha1: 'bb' }), [
      'aa',
    ]);
    await registration.register('900123456', 'preproduction', certificate('cc'), record('bb', 'pending'));
    expect(registrar.putKeyCredential).toHaveBeenLastCalledWith('preproduction', 'objeto', expect.anything(), []);
  });

  it('when an upload lost the record to a certificate registered by hand that is still on the application, then only its own certificate is taken off', async () => {
    const { registrar, registration } = fakes(['aa', 'bb']);
    const keyId = await registration.restore('900123456', 'preproduction', certificate('bb'), 'objeto', record('aa', 'manual'));
    expect(keyId).toBeUndefined();
    expect(registrar.removeKeyCredential).toHaveBeenCalledWith('preproduction', 'objeto', 'bb');
    expect(registrar.putKeyCredential).not.toHaveBeenCalled();
  });

  it('when the lost upload’s PATCH took off a certificate registered by hand (it read it as pending), then it is put back from the record and the loser’s goes', async () => {
    // Before: only the loser's certificate was taken off, leaving the application with none while the record said «aa» registered.
    const { registrar, registration } = fakes(['bb', 'dd']);
    const winner = { ...record('aa', 'manual'), derBase64: 'MIIBaa' };
    expect(await registration.restore('900123456', 'preproduction', certificate('bb'), 'objeto', winner)).toBeUndefined();
    expect(registrar.putKeyCredential).toHaveBeenCalledWith(
      'preproduction',
      'objeto',
      expect.objectContaining({ thumbprintSha1: 'aa', derBase64: 'MIIBaa' }),
      ['dd'],
    );
    expect(registrar.removeKeyCredential).not.toHaveBeenCalled();
  });

  it('when it lost to a certificate still pending registration, then only its own certificate is taken off', async () => {
    const { registrar, registration } = fakes(['bb']);
    await registration.restore('900123456', 'preproduction', certificate('bb'), 'objeto', record('aa', 'pending'));
    expect(registrar.removeKeyCredential).toHaveBeenCalledWith('preproduction', 'objeto', 'bb');
    expect(registrar.putKeyCredential).not.toHaveBeenCalled();
  });

  it('when it lost to an upload registered through Graph, then the winner is put back with the certificate it kept', async () => {
    const { registrar, registration } = fakes();
    const winner = {
      ...record('cc', 'entra'),
      entra: { applicationObjectId: 'objeto', appId: 'app', keyId: 'vieja' },
      previous: { thumbprintSha1: 'aa', notAfter: '2027-01-01T00:00:00.000Z', replacedAt: '2026-02-01T00:00:00.000Z' },
    };
    expect(await registration.restore('900123456', 'preproduction', certificate('bb'), 'objeto', winner)).toBe('nueva');
    expect(registrar.putKeyCredential).toHaveBeenCalledWith('preproduction', 'objeto', expect.objectContaining({ thumbprintSha1: 'cc' }), [
      'aa',
    ]);
  });
});
