import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { escapeHtml, loginPage } from './local-oidc-pages';

/** The fixed tenant of the local provider (Entra's `tid`): fictitious, never a real tenant. */
export const LOCAL_TENANT_ID = '00000000-0000-4000-8000-0000000c0de5';
export const LOCAL_IDP_DEFAULT_PASSWORD = 'Funcionario-Local-2026';
export const OFFICER_APP_ROLE = 'IHCE.Funcionario';

/** Someone who may sign in at the local provider. `key` makes the `oid` (stable per person) unless `oid` is given. */
export type LocalIdpPerson = { email: string; fullName: string; key: string; roles: string[]; oid?: string };

export type LocalOidcOptions = {
  port?: number;
  /** The app that signs in here (a confidential client with a secret, as a dev registration would be). */
  client: { clientId: string; clientSecret: string; redirectUri: string };
  /** Who may sign in, looked up at each attempt (npm start reads the officers' directory). */
  findPerson: (email: string) => Promise<LocalIdpPerson | undefined>;
  password?: string | undefined;
};

/** A GUID-shaped, stable `oid` per person, as Entra gives one object id per user. */
export function localOid(key: string): string {
  const hex = createHash('sha256').update(`ihce-local:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A real OpenID provider (the certified `oidc-provider` package) on loopback that behaves like Microsoft Entra
 * ID for the officials' sign-in: discovery, JWKS, authorization code with PKCE (required), and an ID token
 * with `tid`, `oid`, `roles`, `email`, `preferred_username`, `name` and `amr` (`pwd`, plus `mfa` when
 * «Verificar con segundo factor» was ticked). Its own login page is Spanish. It keeps no sign-in session
 * between attempts, so each one shows the page (and so both outcomes of the MFA rule can be tried).
 */
export async function startLocalOidcProvider(options: LocalOidcOptions) {
  const password = options.password ?? LOCAL_IDP_DEFAULT_PASSWORD;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map<string, LocalIdpPerson & { oid: string }>();

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        redirect_uris: [options.client.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    // Entra puts these in the ID token of the code flow; oidc-provider's default keeps scope claims for userinfo.
    conformIdTokenClaims: false,
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub', 'tid', 'oid', 'roles', 'amr'],
      email: ['email'],
      profile: ['name', 'preferred_username'],
    },
    findAccount: async (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          tid: LOCAL_TENANT_ID,
          oid: person.oid,
          roles: person.roles,
          email: person.email,
          preferred_username: person.email,
          name: person.fullName,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="es"><meta charset="utf-8"><title>Error</title><p>${escapeHtml(String(out.error_description ?? out.error))}</p></html>`;
    },
  };
  const provider = new Provider(url, configuration);
  const providerCallback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      // An app registration the ministry consented to: the official is never asked.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      grant!.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant!.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === 'GET') return html(res, 200, loginPage({ action: `/interaction/${details.uid}` }));
    const form = new URLSearchParams(await readBody(req));
    const email = (form.get('email') ?? '').trim().toLowerCase();
    const person = email ? await options.findPerson(email) : undefined;
    if (!person || form.get('password') !== password) {
      return html(res, 401, loginPage({ action: `/interaction/${details.uid}`, email, error: 'Correo o contraseña incorrectos.' }));
    }
    const oid = person.oid ?? localOid(person.key);
    people.set(oid, { ...person, oid });
    const amr = form.get('secondFactor') === 'on' ? ['pwd', 'mfa'] : ['pwd'];
    await provider.interactionFinished(req, res, { login: { accountId: oid, amr, remember: false } }, { mergeWithLastSubmission: false });
  }

  server.on('request', (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/interaction/')) {
      interaction(req, res).catch(() =>
        html(res, 400, loginPage({ action: '#', error: 'La sesión de ingreso venció. Vuelva a la aplicación e intente de nuevo.' })),
      );
      return;
    }
    // No single sign-on between attempts: the authorization endpoint never sees an earlier session.
    if (path === '/auth') delete req.headers.cookie;
    void providerCallback(req, res);
  });

  return {
    url,
    tenantId: LOCAL_TENANT_ID,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
export type LocalOidcProvider = Awaited<ReturnType<typeof startLocalOidcProvider>>;

function html(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // No form-action: Chrome applies it to the redirects after the POST, which end at the app's redirect URI.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 16 * 1024) req.destroy(new Error('demasiado grande'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
