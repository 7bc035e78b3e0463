import * as z from 'zod';
import { optionalText } from './setting-types';

/** The officials' sign-in settings. */
export const officerSignInSettings = {
  /**
   * How officials sign in: the guide's password (with its second factor), the ministry's Entra ID, or both.
   * With Entra ID: the tenant, the app registration's client id and how the app proves itself to Entra
   * (`federated`: the managed identity's token as client assertion, no secret; `secret`: a client secret,
   * for the local provider, or a Key Vault reference). The issuer defaults to the tenant's v2.0 one.
   */
  OFFICER_SIGN_IN: z.enum(['both', 'password', 'entra']).default('both'),
  OFFICER_REQUIRE_MFA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  ENTRA_SSO_TENANT_ID: z.guid().optional(),
  ENTRA_SSO_ISSUER: z.url().optional(),
  ENTRA_SSO_CLIENT_ID: optionalText,
  ENTRA_SSO_CLIENT_AUTH: z.enum(['federated', 'secret']).optional(),
  ENTRA_SSO_CLIENT_SECRET: optionalText,
};

type EntraSettings = z.infer<z.ZodObject<typeof officerSignInSettings>> & { IHCE_ENV: 'local' | 'azure' };

/** A bad combination of the officials' sign-in settings fails the start, naming the setting. */
export function checkEntraSignIn(value: EntraSettings, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (value.OFFICER_SIGN_IN === 'password') return;
  const needs = `OFFICER_SIGN_IN=${value.OFFICER_SIGN_IN} necesita`;
  if (!value.ENTRA_SSO_TENANT_ID) issue('ENTRA_SSO_TENANT_ID', `${needs} ENTRA_SSO_TENANT_ID (el tenant del ministerio)`);
  if (!value.ENTRA_SSO_CLIENT_ID) issue('ENTRA_SSO_CLIENT_ID', `${needs} ENTRA_SSO_CLIENT_ID (el registro de aplicación)`);
  if (!value.ENTRA_SSO_CLIENT_AUTH) issue('ENTRA_SSO_CLIENT_AUTH', `${needs} ENTRA_SSO_CLIENT_AUTH (federated o secret)`);
  if (value.ENTRA_SSO_CLIENT_AUTH === 'secret') {
    if (!value.ENTRA_SSO_CLIENT_SECRET) issue('ENTRA_SSO_CLIENT_SECRET', 'ENTRA_SSO_CLIENT_AUTH=secret necesita ENTRA_SSO_CLIENT_SECRET');
  }
  if (value.ENTRA_SSO_ISSUER) {
    const url = new URL(value.ENTRA_SSO_ISSUER);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && value.IHCE_ENV === 'local')) {
      issue('ENTRA_SSO_ISSUER', 'ENTRA_SSO_ISSUER debe ser https (http solo para el proveedor local en 127.0.0.1, IHCE_ENV=local)');
    }
  }
}

/** Where Entra sends the official back; registered as the app registration's redirect URI. */
export const entraRedirectUri = (config: { PUBLIC_BASE_URL: string }) =>
  new URL('/api/sso/entra/callback', config.PUBLIC_BASE_URL).toString();

export const entraIssuer = (config: { ENTRA_SSO_ISSUER?: string; ENTRA_SSO_TENANT_ID?: string }) =>
  config.ENTRA_SSO_ISSUER ?? `https://login.microsoftonline.com/${config.ENTRA_SSO_TENANT_ID}/v2.0`;
