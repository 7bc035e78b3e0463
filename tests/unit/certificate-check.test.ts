import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/kernel/app-error';
import { addMonths, checkCertificate, MAX_CERTIFICATE_CHARS, pemOf, privateKeyMessage } from '../../src/credentials/certificate-check';
import { makeCertificate } from '../support/certificates';

const now = new Date('2026-11-28T15:00:00Z');
const DAY = 86_400_000;

/** The messages of the 400 the check throws (every one names the field `certificate`). */
function problemsOf(input: string, at = now): string[] {
  try {
    checkCertificate(input, at);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.status).toBe(400);
    expect(appError.fields.every((field) => field.field === 'certificate')).toBe(true);
    return appError.fields.map((field) => field.message);
  }
  return [];
}

describe('certificate checks («Certificado en lugar de secreto»)', () => {
  it('accepts an EC P-256 certificate in PEM and shows subject, both thumbprints and validity', async () => {
    const { pem, der } = await makeCertificate({ key: 'ec256', now });
    const summary = checkCertificate(pem, now);
    expect(summary.subject).toContain('CN=his-proveedor.example.co');
    expect(summary.keyDescription).toBe('EC P-256');
    expect(summary.thumbprintSha1).toMatch(/^[0-9A-F]{40}$/);
    expect(summary.thumbprintSha256).toMatch(/^[0-9A-F]{64}$/);
    expect(summary.derBase64).toBe(der.toString('base64'));
    expect(new Date(summary.notAfter).getTime()).toBeGreaterThan(now.getTime());
  });

  it('accepts RSA 2048 sent as DER (base64), and gives the same thumbprints as the PEM', async () => {
    const { pem, der } = await makeCertificate({ key: 'rsa2048', now });
    const fromDer = checkCertificate(der.toString('base64'), now);
    expect(fromDer.keyDescription).toBe('RSA 2048');
    expect(fromDer.thumbprintSha1).toBe(checkCertificate(pem, now).thumbprintSha1);
    expect(checkCertificate(pemOf(fromDer.derBase64), now).thumbprintSha256).toBe(fromDer.thumbprintSha256);
  });

  it('refuses a weak key: RSA 1024 and EC P-384, naming what to use', async () => {
    expect(problemsOf((await makeCertificate({ key: 'rsa1024', now })).pem)).toEqual([
      'La llave del certificado es RSA de 1024 bits: use RSA de 2048 bits o más, o EC P-256.',
    ]);
    expect(problemsOf((await makeCertificate({ key: 'ec384', now })).pem)[0]).toMatch(/curva secp384r1: use EC P-256/);
  });

  it('refuses an expired certificate and one not yet valid', async () => {
    const expired = await makeCertificate({ notBefore: new Date(now.getTime() - 400 * DAY), notAfter: new Date(now.getTime() - DAY) });
    expect(problemsOf(expired.pem)).toEqual([expect.stringMatching(/^El certificado venció el \d{4}-\d\d-\d\d\. Genere uno nuevo\.$/)]);
    const future = await makeCertificate({ notBefore: new Date(now.getTime() + 2 * DAY), notAfter: new Date(now.getTime() + 300 * DAY) });
    expect(problemsOf(future.pem)[0]).toMatch(/^El certificado aún no es válido/);
  });

  it('refuses a certificate valid for more than 24 months, and accepts exactly 24', async () => {
    const notBefore = new Date('2026-11-01T00:00:00Z');
    const tooLong = await makeCertificate({ notBefore, notAfter: new Date(addMonths(notBefore, 24).getTime() + 1000) });
    expect(problemsOf(tooLong.pem)).toEqual([expect.stringMatching(/supera 24 meses/)]);
    const exact = await makeCertificate({ notBefore, notAfter: addMonths(notBefore, 24) });
    expect(problemsOf(exact.pem)).toEqual([]);
  });

  it('refuses a CA certificate', async () => {
    expect(problemsOf((await makeCertificate({ ca: true, now })).pem)).toEqual([
      expect.stringMatching(/^El certificado es de una autoridad de certificación \(CA: verdadero\)/),
    ]);
  });

  it('lists every problem at once', async () => {
    const bad = await makeCertificate({
      key: 'rsa1024',
      ca: true,
      notBefore: new Date(now.getTime() - 900 * DAY),
      notAfter: new Date(now.getTime() - DAY),
    });
    expect(problemsOf(bad.pem)).toHaveLength(4);
  });

  it('refuses a private key, in PEM beside the certificate or alone as DER, telling never to send it', async () => {
    const { pem, privateKeyPem, pkcs8 } = await makeCertificate({ now });
    expect(problemsOf(`${pem}\n${privateKeyPem}`)).toEqual([privateKeyMessage]);
    expect(problemsOf(privateKeyPem.replace('BEGIN PRIVATE KEY', 'BEGIN EC PRIVATE KEY'))).toEqual([privateKeyMessage]);
    expect(problemsOf(pkcs8.toString('base64'))).toEqual([privateKeyMessage]);
    expect(privateKeyMessage).toMatch(/Nunca envíe la llave privada/);
  });

  it('refuses garbage, a chain of two certificates and an oversized upload', async () => {
    expect(problemsOf('esto no es un certificado')[0]).toMatch(/no es un certificado X\.509 válido/);
    expect(problemsOf(Buffer.from('hola mundo, no soy DER').toString('base64'))[0]).toMatch(/no es un certificado X\.509 válido/);
    const [first, second] = await Promise.all([makeCertificate({ now }), makeCertificate({ now })]);
    expect(problemsOf(first.pem + second.pem)[0]).toMatch(/varios certificados/);
    expect(problemsOf('A'.repeat(MAX_CERTIFICATE_CHARS + 1))[0]).toMatch(/supera el tamaño máximo \(16 KB\)/);
  });
});
