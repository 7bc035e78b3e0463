import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_ADMIN_TOKEN, SIMULATOR_TOKEN } from '../../src/adapters/entra/simulated-credential';
import { createTokenChecker } from '../../src/adapters/entra/token-checker';
import { explainFailure } from '../../src/credentials/token-check-messages';
import { startEntraSimulator, type EntraSimulator } from '../../scripts/local-host/entra-simulator';
import { LOCAL_RESOURCES } from '../../scripts/local-host/entra-simulator-tenants';

/** The simulator's `/{tenant}/oauth2/v2.0/token` answers as Entra's v2.0 endpoint, seen through the app's checker. */
const TENANT = '11111111-2222-4333-8444-555555555555';
const SCOPE = `${LOCAL_RESOURCES[0]!.identifierUri}/.default`;
let entra: EntraSimulator;
let app: { appId: string; secret: string; expired: string };
const checker = createTokenChecker();
const tokenUrl = (tenant = TENANT) => `${entra.url}/${tenant}/oauth2/v2.0/token`;
const check = (over: Partial<{ tenantId: string; clientId: string; clientSecret: string; scope: string }> = {}) =>
  checker.check({
    tokenUrl: tokenUrl(over.tenantId),
    tenantId: TENANT,
    clientId: app.appId,
    clientSecret: app.secret,
    scope: SCOPE,
    ...over,
  });

async function graph(path: string, body: object, token = SIMULATOR_TOKEN) {
  const response = await fetch(`${entra.url}/v1.0${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json() as Promise<Record<string, any>>;
}

beforeAll(async () => {
  entra = await startEntraSimulator({ tenants: [TENANT] });
  const created = await graph('/applications', { displayName: 'IHCE-PRE-900123456' });
  const sp = await graph('/servicePrincipals', { appId: created.appId });
  const secret = await graph(`/applications/${created.id}/addPassword`, { passwordCredential: { displayName: 'prueba' } });
  // An expired credential of the same application (as Entra keeps them until removed).
  const expired = await graph(`/applications/${created.id}/addPassword`, { passwordCredential: {} });
  const stored = entra.applications().find((a) => a.id === created.id)!;
  stored.passwordCredentials.find((c) => c.keyId === expired.keyId)!.endDateTime = new Date(Date.now() - 1000).toISOString();
  // The tenant administrator grants the IHCE API's app role.
  const resource = entra.servicePrincipals().find((p) => p.appId === entra.tokens.resources[0]!.appId)!;
  await graph(
    `/servicePrincipals/${sp.id}/appRoleAssignments`,
    { principalId: sp.id, resourceId: resource.id, appRoleId: LOCAL_RESOURCES[0]!.roles[0]!.id },
    SIMULATOR_ADMIN_TOKEN,
  );
  app = { appId: created.appId, secret: secret.secretText, expired: expired.secretText };
});
afterAll(() => entra.close());

describe('simulated Entra ID token endpoint (client credentials)', () => {
  it('issues an RS256 token signed with a key of its JWKS, carrying aud, roles, tid, appid and about an hour of life', async () => {
    const response = await fetch(tokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: app.appId, client_secret: app.secret, scope: SCOPE }),
    });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      aud: LOCAL_RESOURCES[0]!.identifierUri,
      tid: TENANT,
      appid: app.appId,
      roles: ['IHCE.Interoperabilidad'],
    });
    expect(claims.exp! - claims.iat!).toBe(3599);
    const header = decodeProtectedHeader(body.access_token);
    const keys = await (await fetch(`${entra.url}/${TENANT}/discovery/v2.0/keys`)).json();
    expect(header.alg).toBe('RS256');
    expect(keys.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    const configuration = await (await fetch(`${entra.url}/${TENANT}/v2.0/.well-known/openid-configuration`)).json();
    expect(configuration.jwks_uri).toBe(`${entra.url}/${TENANT}/discovery/v2.0/keys`);
  });

  it('through the checker: verified against the JWKS, 60 minutes, the audience and the roles; the token itself is not returned', async () => {
    const result = await check();
    expect(result).toEqual({
      ok: true,
      lifetimeMinutes: 60,
      audience: LOCAL_RESOURCES[0]!.identifierUri,
      roles: ['IHCE.Interoperabilidad'],
    });
  });

  it('a token signed by a key that is not in the environment’s JWKS: refused as bad-token', async () => {
    const other = await startEntraSimulator({ tenants: [TENANT] });
    try {
      // The token comes from one simulator while the environment's JWKS is the other's.
      const forged = createTokenChecker({ fetch: (input, init) => fetch(String(input).replace(other.url, entra.url), init) });
      const result = await forged.check({
        tokenUrl: `${other.url}/${TENANT}/oauth2/v2.0/token`,
        tenantId: TENANT,
        clientId: app.appId,
        clientSecret: app.secret,
        scope: SCOPE,
      });
      expect(result).toMatchObject({ ok: false, kind: 'bad-token' });
    } finally {
      await other.close();
    }
  });

  const cases: [string, () => Parameters<typeof check>[0], string, number][] = [
    ['a wrong secret', () => ({ clientSecret: `${app.secret.slice(0, -1)}X` }), 'AADSTS7000215', 401],
    ['an expired secret', () => ({ clientSecret: app.expired }), 'AADSTS7000222', 401],
    ['an unknown ClientID', () => ({ clientId: randomUUID() }), 'AADSTS700016', 400],
    ['an unknown tenant', () => ({ tenantId: randomUUID() }), 'AADSTS90002', 400],
    ['a scope of no API in the tenant', () => ({ scope: 'api://otra-api/.default' }), 'AADSTS500011', 400],
    ['a malformed scope', () => ({ scope: 'api://ihce-preproduccion-demo' }), 'AADSTS70011', 400],
  ];
  it.each(cases)('%s: Entra’s error body with its AADSTS code', async (_, over, code, status) => {
    const result = await check(over());
    expect(result).toMatchObject({ ok: false, kind: 'entra', code, httpStatus: status });
    if (!result.ok) expect(result.description).toMatch(new RegExp(`^${code}: `));
    if (!result.ok)
      expect(explainFailure(result, 'delegate').problem).not.toBe(explainFailure({ ok: false, kind: 'entra' }, 'delegate').problem);
  });

  it('a disabled application: AADSTS7000112', async () => {
    const created = await graph('/applications', { displayName: 'IHCE-PRE-deshabilitada' });
    const secret = await graph(`/applications/${created.id}/addPassword`, { passwordCredential: {} });
    entra.tokens.disable(created.appId);
    expect(await check({ clientId: created.appId, clientSecret: secret.secretText })).toMatchObject({ ok: false, code: 'AADSTS7000112' });
  });

  it('throttling: 429 with Retry-After and AADSTS50196', async () => {
    entra.inject({ path: /oauth2\/v2\.0\/token$/, status: 429, times: 1, headers: { 'Retry-After': '120' } });
    const result = await check();
    expect(result).toMatchObject({ ok: false, code: 'AADSTS50196', httpStatus: 429, retryAfterSeconds: 120 });
    if (!result.ok) expect(explainFailure(result, 'delegate').action).toContain('Espere 2 minuto(s)');
    expect((await check()).ok).toBe(true);
  });

  it('an API that requires an app role, asked by an application without one: AADSTS501051', async () => {
    const strict = await startEntraSimulator({ tenants: [TENANT], resources: [{ ...LOCAL_RESOURCES[0]!, assignmentRequired: true }] });
    try {
      const created = await (
        await fetch(`${strict.url}/v1.0/applications`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SIMULATOR_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ displayName: 'IHCE-PRE-sin-rol' }),
        })
      ).json();
      const secret = await (
        await fetch(`${strict.url}/v1.0/applications/${created.id}/addPassword`, {
          method: 'POST',
          headers: { authorization: `Bearer ${SIMULATOR_TOKEN}`, 'content-type': 'application/json' },
          body: '{}',
        })
      ).json();
      const result = await checker.check({
        tokenUrl: `${strict.url}/${TENANT}/oauth2/v2.0/token`,
        tenantId: TENANT,
        clientId: created.appId,
        clientSecret: secret.secretText,
        scope: SCOPE,
      });
      expect(result).toMatchObject({ ok: false, code: 'AADSTS501051', error: 'invalid_grant' });
      if (!result.ok) expect(explainFailure(result, 'delegate').problem).toContain('no tiene el permiso (rol de aplicación)');
    } finally {
      await strict.close();
    }
  });

  it('no answer at all: unreachable, never an exception', async () => {
    const result = await checker.check({
      tokenUrl: 'http://127.0.0.1:9/x/oauth2/v2.0/token',
      tenantId: TENANT,
      clientId: app.appId,
      clientSecret: 's',
      scope: SCOPE,
    });
    expect(result).toEqual({ ok: false, kind: 'unreachable' });
  });
});
