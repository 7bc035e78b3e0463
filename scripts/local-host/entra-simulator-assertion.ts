import { createHash, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';

/**
 * A certificate key credential as Graph holds it on an application (`keyCredentials`): `key` is the
 * certificate's DER in base64, `customKeyIdentifier` its SHA-1 thumbprint (hex or base64, as Graph shows it).
 */
export type AssertionKey = {
  keyId?: string;
  key?: string | null;
  customKeyIdentifier?: string | null;
  startDateTime?: string;
  endDateTime?: string;
};
export type AssertionOutcome = { ok: true; keyId?: string } | { ok: false; code: number; text: string };

const SKEW_SECONDS = 300;

/**
 * Entra's check of a client assertion (private-key JWT, RFC 7523): its header names the certificate by
 * `x5t` (SHA-1) or `x5t#S256`; the certificate must be one of the application's key credentials and within
 * its dates; the JWT must be signed by that key, with iss = sub = the client id, aud = the token endpoint, and
 * not expired. Shared by the simulator's token endpoint and by tests of certificates.
 */
export async function verifyClientAssertion(
  assertion: string,
  expected: { clientId: string; audience: string; keys: AssertionKey[]; now?: Date },
): Promise<AssertionOutcome> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { ok: false, code: 50012, text: 'Client assertion failed signature validation.' };
  }
  const sha1 = typeof header.x5t === 'string' ? Buffer.from(header.x5t, 'base64url').toString('hex') : undefined;
  const sha256 = typeof header['x5t#S256'] === 'string' ? Buffer.from(header['x5t#S256'], 'base64url').toString('hex') : undefined;
  const now = expected.now ?? new Date();
  const candidates = expected.keys.filter((key) => key.key);
  const credential = candidates.find((key) => {
    const der = Buffer.from(key.key!, 'base64');
    return (
      (sha1 && createHash('sha1').update(der).digest('hex') === sha1) ||
      (sha256 && createHash('sha256').update(der).digest('hex') === sha256)
    );
  });
  const thumbprint = header.x5t ?? header['x5t#S256'] ?? '';
  if (!credential)
    return {
      ok: false,
      code: 700027,
      text: `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(thumbprint)}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${expected.clientId}'.]`,
    };
  const within =
    (!credential.startDateTime || Date.parse(credential.startDateTime) <= now.getTime()) &&
    (!credential.endDateTime || now.getTime() < Date.parse(credential.endDateTime));
  if (!within)
    return {
      ok: false,
      code: 700027,
      text: `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${String(thumbprint)}']`,
    };
  try {
    const pem = new X509Certificate(Buffer.from(credential.key!, 'base64')).toString();
    const key = await importX509(pem, typeof header.alg === 'string' ? header.alg : 'RS256');
    await jwtVerify(assertion, key, {
      issuer: expected.clientId,
      subject: expected.clientId,
      audience: expected.audience,
      currentDate: now,
      clockTolerance: SKEW_SECONDS,
    });
  } catch (error) {
    const expired = error instanceof Error && /exp|nbf/.test((error as { claim?: string }).claim ?? '');
    return expired
      ? { ok: false, code: 700024, text: 'Client assertion is not within its valid time range.' }
      : { ok: false, code: 700027, text: 'Client assertion failed signature validation.' };
  }
  return { ok: true, ...(credential.keyId && { keyId: credential.keyId }) };
}
