import * as client from 'openid-client';
import { OpenIdResponseError, type OpenIdSignIn } from '../../officer-sso/openid-sign-in.port';

export type OpenIdClientOptions = {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** A client secret, or a source of client assertions (the managed identity's federation token). */
  auth: { secret: string } | { assertion: () => Promise<string> };
  /** Only for the local provider on loopback (config.ts allows http nowhere else). */
  allowHttp: boolean;
};

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The officials' sign-in with openid-client (OpenID Certified): discovery, PKCE, state and nonce, the code
 * exchange and every check of the ID token are the library's. Discovery runs on first use and again after
 * a failure, so an instance starts even when the provider does not answer.
 */
export function createOpenIdClientSignIn(options: OpenIdClientOptions): OpenIdSignIn {
  const authentication: client.ClientAuth =
    'secret' in options.auth
      ? client.ClientSecretPost(options.auth.secret)
      : async (_server, _client, body) => {
          // Entra's workload identity federation: the managed identity's token is the client assertion.
          body.set('client_id', options.clientId);
          body.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
          body.set('client_assertion', await (options.auth as { assertion: () => Promise<string> }).assertion());
        };
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= client
      .discovery(new URL(options.issuer), options.clientId, undefined, authentication, {
        ...(options.allowHttp && { execute: [client.allowInsecureRequests] }),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new OpenIdResponseError('unavailable', `El proveedor de identidad no respondió: ${(error as Error).message}`);
      }));

  return {
    async begin() {
      const config = await configuration();
      const flow = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: 'openid profile email',
        response_type: 'code',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { authorizationUrl: url.toString(), flow };
    },

    async complete(callbackUrl, flow) {
      const config = await configuration();
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(
          config,
          callbackUrl,
          { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true },
          { redirect_uri: options.redirectUri },
        );
        claims = tokens.claims();
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError) throw new OpenIdResponseError('cancelled', error.error);
        if (error instanceof TypeError) throw new OpenIdResponseError('unavailable', error.message);
        throw new OpenIdResponseError('invalid', (error as Error).message);
      }
      const tid = text(claims?.tid);
      const oid = text(claims?.oid);
      if (!claims || !tid || !oid) throw new OpenIdResponseError('invalid', 'El token no trae tid u oid');
      return {
        tid,
        oid,
        email: (text(claims.email) ?? text(claims.preferred_username))?.toLowerCase(),
        roles: strings(claims.roles),
        amr: strings(claims.amr),
      };
    },
  };
}
