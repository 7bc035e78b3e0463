import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_TOKEN } from '../../src/adapters/entra/simulated-credential';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { verifyClientAssertion, type AssertionKey } from '../../scripts/local-host/entra-simulator-assertion';
import { LOCAL_TENANTS } from '../../scripts/local-host/entra-simulator-tenants';

/** The certificate flow (private-key JWT) the simulator accepts: `verifyClientAssertion` and the token endpoint using it. */
x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
let entra: EntraSimulator;
let keys: CryptoKeyPair;
let credential: AssertionKey;
let x5t: string;
const CLIENT = '8b1c7f2e-4a5d-4e6f-9a0b-1c2d3e4f5a6b';
const tokenUrl = () => `${entra.url}/${LOCAL_TENANTS.preproduction}/oauth2/v2.0/token`;
const assertion = (over: { aud?: string; exp?: number; thumbprint?: string } = {}) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: over.thumbprint ?? x5t })
    .setIssuer(CLIENT)
    .setSubject(CLIENT)
    .setAudience(over.aud ?? tokenUrl())
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(over.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(keys.privateKey);

beforeAll(async () => {
  entra = await startEntraSimulator();
  keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Proveedor HIS de prueba',
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 300 * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
  });
  const der = Buffer.from(certificate.rawData);
  x5t = createHash('sha1').update(der).digest('base64url');
  credential = {
    keyId: crypto.randomUUID(),
    key: der.toString('base64'),
    startDateTime: new Date(Date.now() - 86_400_000).toISOString(),
    endDateTime: new Date(Date.now() + 300 * 86_400_000).toISOString(),
  };
});
afterAll(() => entra.close());

describe('client assertion (certificate) checks', () => {
  it('accepts a JWT signed by the registered certificate, for the token endpoint, from the client itself', async () => {
    expect(await verifyClientAssertion(await assertion(), { clientId: CLIENT, audience: tokenUrl(), keys: [credential] })).toEqual({
      ok: true,
      keyId: credential.keyId,
    });
  });

  it('refuses an unregistered certificate, another audience, an expired assertion and a key credential past its dates', async () => {
    const check = async (jwt: string, list = [credential]) =>
      verifyClientAssertion(jwt, { clientId: CLIENT, audience: tokenUrl(), keys: list });
    expect(await check(await assertion({ thumbprint: Buffer.alloc(20, 7).toString('base64url') }))).toMatchObject({
      ok: false,
      code: 700027,
    });
    expect(await check(await assertion({ aud: 'https://otro/oauth2/v2.0/token' }))).toMatchObject({ ok: false, code: 700027 });
    expect(await check(await assertion({ exp: Math.floor(Date.now() / 1000) - 3600 }))).toMatchObject({ ok: false, code: 700024 });
    expect(await check(await assertion(), [{ ...credential, endDateTime: new Date(Date.now() - 1000).toISOString() }])).toMatchObject({
      ok: false,
      code: 700027,
    });
  });

  it('the token endpoint issues a token (appidacr 2) for an application holding the certificate as a key credential', async () => {
    const created = await (
      await fetch(`${entra.url}/v1.0/applications`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SIMULATOR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'IHCE-PRE-certificado' }),
      })
    ).json();
    const stored = entra.applications().find((a) => a.id === created.id)! as { appId: string; keyCredentials?: AssertionKey[] };
    stored.keyCredentials = [credential];
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', x5t })
      .setIssuer(stored.appId)
      .setSubject(stored.appId)
      .setAudience(tokenUrl())
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(keys.privateKey);
    const response = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: stored.appId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: jwt,
        scope: 'api://ihce-preproduccion-demo/.default',
      }),
    });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString())).toMatchObject({
      appid: stored.appId,
      appidacr: '2',
    });
  });
});
