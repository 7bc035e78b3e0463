import { randomUUID, X509Certificate } from 'node:crypto';
import { badRequest, type Application, type KeyCredential } from './entra-simulator-model';

/**
 * The Entra ID simulator's certificate credentials: `PATCH /applications/{id}` with `keyCredentials` (the whole
 * collection is replaced, as in Graph's application update), checked the way Entra ID checks them, and a reader
 * for the token endpoint that validates client assertions.
 */

type Answer = { status: number; body?: unknown };

const fail = (message: string) => badRequest(message);

function keyCredentialFrom(value: unknown, existing: KeyCredential[]): KeyCredential | Answer {
  const item = (value ?? {}) as Record<string, unknown>;
  if (item.type !== 'AsymmetricX509Cert' && item.type !== 'X509CertAndPassword')
    return fail('Invalid value specified for property type of resource KeyCredential.');
  if (item.type === 'AsymmetricX509Cert' && item.usage !== 'Verify')
    return fail('Invalid value specified for property usage of resource KeyCredential.');
  const known = existing.find((credential) => credential.keyId === item.keyId);
  const key = typeof item.key === 'string' ? item.key : known?.key;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(key ?? '', 'base64'));
  } catch {
    return fail('Key credential key is invalid: it must be a base64 encoded X.509 certificate.');
  }
  const notAfter = new Date(certificate.validTo).toISOString();
  const endDateTime = typeof item.endDateTime === 'string' ? new Date(item.endDateTime).toISOString() : notAfter;
  if (Date.parse(endDateTime) > Date.parse(notAfter) + 1000)
    return fail('Key credential end date is invalid: it is later than the certificate expiry.');
  return {
    keyId: typeof item.keyId === 'string' ? item.keyId : randomUUID(),
    type: String(item.type),
    usage: String(item.usage),
    key: key!,
    customKeyIdentifier:
      typeof item.customKeyIdentifier === 'string'
        ? item.customKeyIdentifier
        : Buffer.from(certificate.fingerprint.replace(/:/g, ''), 'hex').toString('base64'),
    displayName: typeof item.displayName === 'string' ? item.displayName : certificate.subject,
    startDateTime:
      typeof item.startDateTime === 'string' ? new Date(item.startDateTime).toISOString() : new Date(certificate.validFrom).toISOString(),
    endDateTime,
  };
}

/** `PATCH /applications/{id}`: displayName, notes and keyCredentials; passwordCredentials only through addPassword. */
export function updateApplication(application: Application, body: Record<string, unknown>): Answer {
  if ('passwordCredentials' in body) return fail('Using PATCH to set passwordCredentials is not supported. Use addPassword.');
  if ('keyCredentials' in body) {
    if (!Array.isArray(body.keyCredentials)) return fail('Invalid value specified for property keyCredentials of resource Application.');
    const next: KeyCredential[] = [];
    for (const value of body.keyCredentials) {
      const credential = keyCredentialFrom(value, application.keyCredentials ?? []);
      if ('status' in credential) return credential;
      next.push(credential);
    }
    application.keyCredentials = next;
  }
  if (typeof body.displayName === 'string' && body.displayName) application.displayName = body.displayName;
  if (typeof body.notes === 'string') application.notes = body.notes;
  return { status: 204 };
}

/**
 * What a client-assertion check needs of an application's certificates: the public key, both thumbprints
 * (`x5t` is SHA-1, `x5t#S256` SHA-256, base64url) and the credential's dates.
 */
export function certificatesOf(application: Application) {
  return (application.keyCredentials ?? []).map((credential) => {
    const certificate = new X509Certificate(Buffer.from(credential.key, 'base64'));
    const raw = (fingerprint: string) => Buffer.from(fingerprint.replace(/:/g, ''), 'hex');
    return {
      keyId: credential.keyId,
      displayName: credential.displayName,
      startDateTime: credential.startDateTime,
      endDateTime: credential.endDateTime,
      publicKey: certificate.publicKey,
      x5t: raw(certificate.fingerprint).toString('base64url'),
      x5tS256: raw(certificate.fingerprint256).toString('base64url'),
      thumbprintSha1: certificate.fingerprint.replace(/:/g, ''),
    };
  });
}
