import type { ApiAccess } from '../key-files/key-file';
import type { EnvironmentName } from './credentials.schemas';

/**
 * The provider's app registration in one environment's tenant, as Entra ID knows it. `apiAccess`: whether its
 * service principal holds the IHCE API's app role (undefined when no role is configured for the environment).
 */
export type ProviderApplication = { appId: string; objectId: string; displayName: string; apiAccess?: ApiAccess };

/** A password credential Entra ID just created. `secretText` exists only in this value: it goes to the secret store. */
export type IssuedPassword = { keyId: string; secretText: string; endDateTime: string };

/**
 * A public certificate to add to an application as a key credential (Graph keyCredential: AsymmetricX509Cert,
 * usage Verify). `derBase64`: the certificate; `thumbprintSha1`: hex, what Entra ID shows (customKeyIdentifier).
 */
export type KeyCredentialInput = {
  derBase64: string;
  thumbprintSha1: string;
  displayName: string;
  startDateTime: string;
  endDateTime: string;
};

/** Why Entra ID refused, in terms the official's screen can explain. */
export type RegistrarFailureKind = 'forbidden' | 'throttled' | 'invalid-expiry' | 'unavailable';

export class RegistrarError extends Error {
  override name = 'RegistrarError';
  constructor(
    readonly kind: RegistrarFailureKind,
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Generar en Entra ID: creates or finds the provider's app registration and its service principal, reads
 * (never grants) whether it holds the IHCE API's app role, and issues or removes password credentials.
 * Microsoft Graph in Azure.
 */
export type AppRegistrar = {
  /** Environments where generation is configured. */
  enabled(env: EnvironmentName): boolean;
  tenantOf(env: EnvironmentName): string;
  /** Idempotent: the same NIT and environment always lead to the same application. */
  ensureApplication(env: EnvironmentName, nit: string, providerName: string): Promise<ProviderApplication>;
  addPassword(env: EnvironmentName, objectId: string, options: { displayName: string; endDateTime: string }): Promise<IssuedPassword>;
  /** Idempotent: removing a credential that is already gone succeeds. */
  removePassword(env: EnvironmentName, objectId: string, keyId: string): Promise<void>;
  /**
   * Certificado en lugar de secreto: adds the certificate to the application's keyCredentials and keeps, of the
   * ones already there, only those whose SHA-1 thumbprint is in `keep` (the replaced certificate, for a rotation
   * without a cut). Idempotent: a certificate already there is not added twice. Returns its keyId.
   */
  putKeyCredential?(env: EnvironmentName, objectId: string, certificate: KeyCredentialInput, keep: string[]): Promise<{ keyId: string }>;
  /** Takes the certificate with this SHA-1 thumbprint off the application (a lost concurrent upload). Idempotent. */
  removeKeyCredential?(env: EnvironmentName, objectId: string, thumbprintSha1: string): Promise<void>;
  /** The application's key credentials as Entra ID holds them (SHA-1 thumbprint in hex, lower case), for «Probar llaves». */
  readKeyCredentials?(env: EnvironmentName, objectId: string): Promise<RegisteredKeyCredential[]>;
};

/** A certificate on an application, as Entra ID shows it. */
export type RegisteredKeyCredential = { thumbprintSha1: string; startDateTime?: string | undefined; endDateTime?: string | undefined };

/** `IHCE-PRE-900123456`: what officials search for in the Entra portal. */
export const applicationDisplayName = (env: EnvironmentName, nit: string) => `IHCE-${env === 'preproduction' ? 'PRE' : 'PRD'}-${nit}`;
/** Graph alternate key (uniqueName), so a retried or concurrent creation finds the same application. */
export const applicationUniqueName = (env: EnvironmentName, nit: string) => applicationDisplayName(env, nit).toLowerCase();
