import { createPrivateKey, X509Certificate } from 'node:crypto';
import { validationFailed } from '../kernel/app-error';

/**
 * «Certificado en lugar de secreto»: what the ministry checks of a public certificate before it reaches an
 * application in Entra ID. Node's own X509Certificate parses it (no library at run time); every rule answers
 * with a Spanish message naming the field `certificate`, all problems at once.
 */

/** Text sent by the web: a PEM file's text, or a DER file as base64. 16 KB is far above any single certificate. */
export const MAX_CERTIFICATE_CHARS = 16 * 1024;
/** Entra ID and the ministry's policy: a certificate lasts at most 24 months. */
export const MAX_VALIDITY_MONTHS = 24;

export type CertificateSummary = {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** Hex, upper case, no separators. */
  thumbprintSha256: string;
  /** What Entra ID shows as «Thumbprint» (and its customKeyIdentifier). */
  thumbprintSha1: string;
  notBefore: string;
  notAfter: string;
  /** `RSA 2048`, `EC P-256`. */
  keyDescription: string;
  /** The certificate itself, DER as base64: what Graph's keyCredential.key takes and the .cer download gives back. */
  derBase64: string;
};

const FIELD = 'certificate';
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

export const privateKeyMessage =
  'El archivo contiene una llave privada (PRIVATE KEY). Nunca envíe la llave privada: solo el proveedor tecnológico debe tenerla. Envíe únicamente el certificado público (.cer, .crt o .pem con «BEGIN CERTIFICATE»).';

const fail = (...messages: string[]) => validationFailed(messages.map((message) => ({ field: FIELD, message })));

/** The certificate's bytes from PEM text or base64 DER; refuses a private key, a chain and anything else. */
function derOf(input: string): Buffer {
  if (input.length > MAX_CERTIFICATE_CHARS)
    throw fail(
      `El certificado supera el tamaño máximo (${MAX_CERTIFICATE_CHARS / 1024} KB). Envíe solo el certificado público de la aplicación.`,
    );
  if (/PRIVATE KEY/.test(input)) throw fail(privateKeyMessage);
  const blocks = [...input.matchAll(PEM_BLOCK)];
  if (blocks.length > 1) throw fail('El archivo trae varios certificados (una cadena). Envíe solo el certificado de la aplicación.');
  const base64 = (blocks[0]?.[1] ?? input).replace(/\s+/g, '');
  if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw fail(notACertificate);
  const der = Buffer.from(base64, 'base64');
  if (looksLikePrivateKey(der)) throw fail(privateKeyMessage);
  return der;
}

const notACertificate =
  'El certificado no es un certificado X.509 válido. Envíe el certificado público en formato PEM (texto que empieza con «-----BEGIN CERTIFICATE-----») o DER (.cer). Un .pfx o .p12 no sirve: contiene la llave privada.';

function looksLikePrivateKey(der: Buffer): boolean {
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this kind of private key
    }
  }
  return false;
}

/** The calendar month arithmetic Entra ID and people use: 2026-03-31 + 24 months = 2028-03-31. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

const hex = (fingerprint: string) => fingerprint.replace(/:/g, '').toUpperCase();
const day = (date: Date) => date.toISOString().slice(0, 10);

function keyProblem(certificate: X509Certificate): { description: string; problem?: string } {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return bits >= 2048
      ? { description: `RSA ${bits}` }
      : { description: `RSA ${bits}`, problem: `La llave del certificado es RSA de ${bits} bits: use RSA de 2048 bits o más, o EC P-256.` };
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve ?? 'desconocida';
    return curve === 'prime256v1'
      ? { description: 'EC P-256' }
      : {
          description: `EC ${curve}`,
          problem: `La llave del certificado es EC con la curva ${curve}: use EC P-256 o RSA de 2048 bits o más.`,
        };
  }
  const type = key.asymmetricKeyType ?? 'desconocido';
  return { description: type, problem: `La llave del certificado es de tipo ${type}: use RSA de 2048 bits o más, o EC P-256.` };
}

/** Parses and checks a public certificate at `now`; throws a 400 (RFC 9457 with field errors) listing every problem. */
export function checkCertificate(input: string, now: Date): CertificateSummary {
  const der = derOf(input.trim());
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    throw fail(notACertificate);
  }
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  const key = keyProblem(certificate);
  const problems: string[] = [];
  if (key.problem) problems.push(key.problem);
  if (certificate.ca)
    problems.push(
      'El certificado es de una autoridad de certificación (CA: verdadero). Envíe el certificado de la aplicación, no el de la CA que lo emitió.',
    );
  if (notBefore.getTime() > now.getTime()) problems.push(`El certificado aún no es válido: su vigencia empieza el ${day(notBefore)}.`);
  if (notAfter.getTime() <= now.getTime()) problems.push(`El certificado venció el ${day(notAfter)}. Genere uno nuevo.`);
  if (notAfter.getTime() > addMonths(notBefore, MAX_VALIDITY_MONTHS).getTime())
    problems.push(
      `La vigencia del certificado (del ${day(notBefore)} al ${day(notAfter)}) supera ${MAX_VALIDITY_MONTHS} meses. Genere uno que dure ${MAX_VALIDITY_MONTHS} meses o menos.`,
    );
  if (problems.length > 0) throw fail(...problems);
  return {
    subject: certificate.subject.split('\n').join(', '),
    issuer: certificate.issuer.split('\n').join(', '),
    serialNumber: certificate.serialNumber,
    thumbprintSha256: hex(certificate.fingerprint256),
    thumbprintSha1: hex(certificate.fingerprint),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    keyDescription: key.description,
    derBase64: certificate.raw.toString('base64'),
  };
}

/** The .cer download (PEM text, which Windows and the Entra portal both accept). */
export const pemOf = (derBase64: string) =>
  `-----BEGIN CERTIFICATE-----\n${(derBase64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
