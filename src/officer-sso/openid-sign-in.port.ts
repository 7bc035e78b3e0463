/** What the browser carries between the redirect to the provider and its return (sealed in a cookie). */
export type SsoFlow = { state: string; nonce: string; codeVerifier: string };

/** The facts of a validated ID token that the officials' sign-in decides on. */
export type EntraIdentity = {
  tid: string;
  oid: string;
  /** `email`, else `preferred_username` (the UPN in Entra), lower case. */
  email: string | undefined;
  roles: string[];
  amr: string[];
};

/** Why the provider's answer was not accepted; the use case maps it to a Spanish message. */
export class OpenIdResponseError extends Error {
  override name = 'OpenIdResponseError';
  constructor(
    readonly kind: 'cancelled' | 'invalid' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

/**
 * OpenID Connect authorization code with PKCE, `state` and `nonce`, by a certified library (the adapter);
 * the feature never parses or checks a token itself.
 */
export interface OpenIdSignIn {
  begin(): Promise<{ authorizationUrl: string; flow: SsoFlow }>;
  /** Exchanges the code and validates the ID token (signature, issuer, audience, expiry, nonce) and state. */
  complete(callbackUrl: URL, flow: SsoFlow): Promise<EntraIdentity>;
}
