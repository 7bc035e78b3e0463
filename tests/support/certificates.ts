import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type TestKey = 'rsa2048' | 'rsa1024' | 'ec256' | 'ec384';
const DAY = 86_400_000;

const algorithms: Record<TestKey, RsaHashedKeyGenParams | EcKeyGenParams> = {
  rsa2048: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  rsa1024: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 1024 },
  ec256: { name: 'ECDSA', namedCurve: 'P-256' },
  ec384: { name: 'ECDSA', namedCurve: 'P-384' },
};

/**
 * A self-signed certificate as a vendor would make one for its app (`openssl req -x509 …`), with the knobs the
 * checks look at. Returns the PEM, the DER and the private key (PKCS#8 PEM), which only a test ever holds.
 */
export async function makeCertificate(
  options: { key?: TestKey; notBefore?: Date; notAfter?: Date; ca?: boolean; name?: string; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const algorithm = algorithms[options.key ?? 'ec256'];
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16) + Math.floor(Math.random() * 1e6).toString(16),
    name: options.name ?? 'CN=his-proveedor.example.co, O=Proveedor de Software SAS, C=CO',
    notBefore: options.notBefore ?? new Date(now.getTime() - DAY),
    notAfter: options.notAfter ?? new Date(now.getTime() + 365 * DAY),
    signingAlgorithm: algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : algorithm,
    keys,
    extensions: options.ca ? [new x509.BasicConstraintsExtension(true, undefined, true)] : [],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKeyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { pem: certificate.toString('pem'), der: Buffer.from(certificate.rawData), privateKeyPem, pkcs8, keys };
}
