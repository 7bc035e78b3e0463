import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as sessionsGetCurrent } from '../../functions/sessions-get-current';
import { definition as ssoEntraCallback } from '../../functions/sso-entra-callback';
import { definition as ssoEntraStart } from '../../functions/sso-entra-start';
import { LOCAL_IDP_DEFAULT_PASSWORD, localOid, type LocalIdpPerson } from '../../scripts/local-host/local-oidc-provider';
import type { Services } from '../../src/composition-root';
import { personKey } from '../../src/directory/directory.repository';
import { createFlowSeal } from '../../src/officer-sso/flow-seal';
import { officerFixture, seedDirectory, type OfficerFixture } from '../support/directory-fixtures';
import { signInAtIdp, startTestIdp } from '../support/local-idp';
import {
  call,
  PUBLIC_BASE_URL,
  sessionCookieHeader,
  solvedCaptcha,
  startTestServices,
  testEnv,
  type CallResult,
} from '../support/test-app';

const admitted = officerFixture();
const withoutRole = officerFixture();
const twice = officerFixture();
/** Known to the provider (with the role) but not in the officers' directory. */
const stranger = officerFixture();
/** Another Entra account (other oid) that carries the e-mail of `twice`. */
const OTHER_OID = '0000aaaa-0000-4000-8000-00000000beef';
let useOtherOid = false;

const person = (o: OfficerFixture, roles = ['IHCE.Funcionario']): LocalIdpPerson => ({
  email: o.email.toLowerCase(),
  fullName: `${o.firstNames} ${o.lastNames}`,
  key: personKey(o),
  roles,
});
const idpPeople = async (email: string) => {
  if (email === withoutRole.email.toLowerCase()) return person(withoutRole, []);
  if (email === stranger.email.toLowerCase()) return person(stranger);
  if (email === twice.email.toLowerCase()) return { ...person(twice), ...(useOtherOid && { oid: OTHER_OID }) };
  return [admitted].map((o) => person(o)).find((p) => p.email === email);
};

let services: Services;
let stopIdp: () => Promise<void>;
const CAPTCHA_KEY = testEnv().CAPTCHA_HMAC_KEY!;

beforeAll(async () => {
  const { idp, env } = await startTestIdp(idpPeople);
  stopIdp = idp.close;
  services = await startTestServices({ env });
  await seedDirectory(services, [], [admitted, withoutRole, twice]);
});
afterAll(async () => stopIdp?.());

const flowCookie = (result: CallResult) => {
  const cookie = result.cookies.find((c) => c.name === 'ihce_sso')!;
  return `${cookie.name}=${cookie.value}`;
};

/** «Ingresar con cuenta institucional» end to end over HTTP: start, the provider's page, the callback. */
async function entraSignIn(
  o: OfficerFixture,
  options: { secondFactor: boolean; tamper?: (query: URLSearchParams, cookie: string) => string },
) {
  const started = await call(ssoEntraStart);
  expect(started.status).toBe(302);
  let cookie = flowCookie(started);
  const back = await signInAtIdp(started.headers.get('location')!, {
    email: o.email,
    password: LOCAL_IDP_DEFAULT_PASSWORD,
    secondFactor: options.secondFactor,
  });
  if (options.tamper) cookie = options.tamper(back.searchParams, cookie);
  return call(ssoEntraCallback, { path: `sso/entra/callback?${back.searchParams}`, cookie });
}

const refusedWith = (result: CallResult, code: string) => {
  expect(result.status).toBe(302);
  expect(result.headers.get('location')).toBe(`${PUBLIC_BASE_URL}/ingresar?sso=${code}`);
  expect(result.cookies.some((c) => c.name.includes('ihce_sesion'))).toBe(false);
};

const lastEntraAudit = async (subject: string) => (await services.audit.list(subject, 5))[0];

describe('Ingresar con cuenta institucional (Microsoft Entra ID)', () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce, and seals them in an HttpOnly Lax cookie', async () => {
    const started = await call(ssoEntraStart);
    const location = new URL(started.headers.get('location')!);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce']) expect(location.searchParams.get(name)).toMatch(/^[\w-]{20,}$/);
    const cookie = started.cookies.find((c) => c.name === 'ihce_sso')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/sso/entra/' });
    // Nothing of the flow is readable in the cookie.
    for (const name of ['state', 'nonce']) expect(cookie.value).not.toContain(location.searchParams.get(name));
  });

  it('when the official verified a second factor, then a session starts, the account is bound and audited', async () => {
    const result = await entraSignIn(admitted, { secondFactor: true });
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toBe(`${PUBLIC_BASE_URL}/`);
    const current = await call(sessionsGetCurrent, { cookie: sessionCookieHeader(result) });
    expect(current.body.user).toMatchObject({ role: 'officer', username: `CC${admitted.idNumber}` });
    const trail = await services.audit.list(`user:CC${admitted.idNumber}`, 5);
    expect(trail.map((entry) => entry.action).slice(0, 2)).toEqual(['ingreso.exitoso', 'ingreso.entra']);
    expect(trail[0]!.detail).toMatchObject({ segundoFactor: 'externo' });
    expect(trail[1]!.detail).toMatchObject({ amr: 'pwd mfa', oid: localOid(personKey(admitted)) });
    // The binding holds: a second sign-in of the same Entra account is the same official.
    expect((await entraSignIn(admitted, { secondFactor: true })).status).toBe(302);
  });

  it('when the token has no second factor in amr (OFFICER_REQUIRE_MFA defaults to true), then refused and audited', async () => {
    refusedWith(await entraSignIn(admitted, { secondFactor: false }), 'sin-segundo-factor');
    expect(await lastEntraAudit('sso:entra')).toMatchObject({
      action: 'ingreso.entra.rechazado',
      detail: { motivo: 'sin-segundo-factor' },
    });
  });

  it('when the token lacks the app role IHCE.Funcionario, then refused', async () => {
    refusedWith(await entraSignIn(withoutRole, { secondFactor: true }), 'sin-rol');
    expect(await lastEntraAudit('sso:entra')).toMatchObject({ detail: { motivo: 'sin-rol' } });
  });

  it('when the person is not in the officers directory, then refused and no account is created', async () => {
    refusedWith(await entraSignIn(stranger, { secondFactor: true }), 'fuera-del-directorio');
    expect(await services.directory.getOfficer(stranger)).toBeUndefined();
    expect(await lastEntraAudit('sso:entra')).toMatchObject({ detail: { motivo: 'fuera-del-directorio' } });
  });

  it('when the state in the answer was altered, then refused', async () => {
    const result = await entraSignIn(admitted, {
      secondFactor: true,
      tamper: (query, cookie) => (query.set('state', 'estado-alterado-por-un-atacante'), cookie),
    });
    refusedWith(result, 'flujo-invalido');
  });

  it('when the nonce kept for the flow differs from the token, then refused (validated by openid-client)', async () => {
    const seal = createFlowSeal(CAPTCHA_KEY);
    const result = await entraSignIn(admitted, {
      secondFactor: true,
      tamper: (_query, cookie) => {
        const flow = seal.open(cookie.split('=')[1], new Date())!;
        return `ihce_sso=${seal.seal({ ...flow, nonce: 'otro-nonce-que-no-esta-en-el-token' }, new Date())}`;
      },
    });
    refusedWith(result, 'flujo-invalido');
  });

  it('when the flow cookie is missing or forged, then refused', async () => {
    refusedWith(await entraSignIn(admitted, { secondFactor: true, tamper: () => '' }), 'flujo-invalido');
    refusedWith(
      await entraSignIn(admitted, { secondFactor: true, tamper: () => 'ihce_sso=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
      'flujo-invalido',
    );
  });

  it('when another Entra account (other oid) carries the e-mail of an official already bound, then refused', async () => {
    expect((await entraSignIn(twice, { secondFactor: true })).status).toBe(302);
    useOtherOid = true;
    try {
      refusedWith(await entraSignIn(twice, { secondFactor: true }), 'otra-cuenta-vinculada');
      expect(await lastEntraAudit(`user:CC${twice.idNumber}`)).toMatchObject({
        action: 'ingreso.entra.rechazado',
        detail: { motivo: 'otra-cuenta-vinculada', oid: OTHER_OID },
      });
    } finally {
      useOtherOid = false;
    }
  });

  it('when the official is removed from the directory after binding, then refused', async () => {
    await seedDirectory(services, [], [admitted, withoutRole]);
    try {
      refusedWith(await entraSignIn(twice, { secondFactor: true }), 'fuera-del-directorio');
    } finally {
      await seedDirectory(services, [], [admitted, withoutRole, twice]);
    }
  });
});

describe('OFFICER_SIGN_IN and OFFICER_REQUIRE_MFA', () => {
  it('with OFFICER_REQUIRE_MFA=false, a token without a second factor is admitted', async () => {
    const { idp, env } = await startTestIdp(idpPeople);
    const lenient = await startTestServices({ env: { ...env, OFFICER_REQUIRE_MFA: 'false' } });
    try {
      await seedDirectory(lenient, [], [admitted]);
      const result = await entraSignIn(admitted, { secondFactor: false });
      expect(result.headers.get('location')).toBe(`${PUBLIC_BASE_URL}/`);
    } finally {
      await idp.close();
    }
  });

  it('when the token comes from another tenant than ENTRA_SSO_TENANT_ID, then refused', async () => {
    const { idp, env } = await startTestIdp(idpPeople);
    try {
      const other = await startTestServices({ env: { ...env, ENTRA_SSO_TENANT_ID: '11111111-1111-4111-8111-111111111111' } });
      await seedDirectory(other, [], [admitted]);
      refusedWith(await entraSignIn(admitted, { secondFactor: true }), 'otro-tenant');
    } finally {
      await idp.close();
    }
  });

  it('with OFFICER_SIGN_IN=password, the Entra path is refused', async () => {
    await startTestServices({ env: { OFFICER_SIGN_IN: 'password' } });
    refusedWith(await call(ssoEntraStart), 'deshabilitado');
  });

  it('with OFFICER_SIGN_IN=entra, an official cannot sign in with a password', async () => {
    const { idp, env } = await startTestIdp(idpPeople);
    try {
      await startTestServices({ env: { ...env, OFFICER_SIGN_IN: 'entra' } });
      const result = await call(sessionsCreate, {
        body: { username: `CC${admitted.idNumber}`, password: 'x'.repeat(12), captcha: await solvedCaptcha() },
      });
      expect(result.status).toBe(403);
      expect(result.body.detail).toContain('Ingresar con cuenta institucional');
    } finally {
      await idp.close();
    }
  });
});
