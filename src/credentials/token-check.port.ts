/**
 * «Probar llaves» / «Verificar llaves»: asks an environment's token endpoint for an access token with the
 * client-credentials grant. The token is checked and discarded inside the adapter: it never comes back.
 */
export type TokenCheckRequest = {
  /** The environment's token endpoint for the keys' tenant (`https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`). */
  tokenUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  scope: string;
};

export type TokenCheckResult =
  | {
      ok: true;
      /** How long the issued token was valid, in whole minutes. */
      lifetimeMinutes: number;
      /** The token's `aud` (the IHCE API the scope names). */
      audience: string;
      /** The app roles the token carries (`roles`); empty when the application holds none. */
      roles: string[];
    }
  | {
      ok: false;
      /** `entra`: Entra ID answered with an error; `unreachable`: no answer; `bad-token`: a token that failed its checks. */
      kind: 'entra' | 'unreachable' | 'bad-token';
      /** `AADSTS7000215` and the like, when Entra ID named one. */
      code?: string | undefined;
      /** Entra's `error` (`invalid_client`…) and its `error_description` (no secret in either). */
      error?: string | undefined;
      description?: string | undefined;
      httpStatus?: number | undefined;
      retryAfterSeconds?: number | undefined;
    };

export type TokenChecker = { check(request: TokenCheckRequest): Promise<TokenCheckResult> };
