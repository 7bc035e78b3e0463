import * as z from 'zod';
import type { EnvironmentName } from './credentials.schemas';

/**
 * «Certificado en lugar de secreto»: what the delegate sends and sees. The web imports this file for its form
 * and its types. The certificate is public: it may be stored and shown; the private key never reaches the ministry.
 */

/** Body of PUT /api/my/certificates/{environment}: the PEM file's text, or a DER (.cer) file as base64. */
export const certificateUploadSchema = z.strictObject(
  {
    certificate: z
      .string({ error: 'Adjunte el certificado público (archivo .cer, .crt o .pem).' })
      .min(1, 'Adjunte el certificado público (archivo .cer, .crt o .pem).'),
  },
  { error: 'Envíe el certificado en el campo «certificate».' },
);

export type CredentialType = 'certificate' | 'secret' | 'either';

export const credentialTypeLabels: Record<CredentialType, string> = {
  certificate: 'solo certificado',
  secret: 'solo ClientSecret',
  either: 'certificado o ClientSecret',
};

/**
 * Where the certificate stands: `entra`, added to the provider's application by Microsoft Graph; `pending`, an
 * official must register it by hand in the Entra portal; `manual`, an official did and marked it.
 */
export type CertificateRegistration = 'entra' | 'pending' | 'manual';

export const registrationLabels: Record<CertificateRegistration, string> = {
  entra: 'Registrado en la aplicación del prestador en Microsoft Entra ID',
  pending: 'Pendiente: el Ministerio lo registrará en Microsoft Entra ID',
  manual: 'Registrado por el Ministerio en Microsoft Entra ID',
};

export type CertificateView = {
  environment: EnvironmentName;
  subject: string;
  issuer: string;
  thumbprintSha256: string;
  thumbprintSha1: string;
  notBefore: string;
  notAfter: string;
  keyDescription: string;
  uploadedAt: string;
  uploadedBy: string;
  registration: CertificateRegistration;
  registrationLabel: string;
  /** The application (ClientID) that holds it, when added through Graph. */
  appId?: string;
  registeredAt?: string;
  registeredBy?: string;
  /** The certificate it replaced, kept on the application until the next change so that the switch has no cut. */
  previous?: { thumbprintSha1: string; notAfter: string; replacedAt: string };
};

export type CertificatesOfProvider = {
  environments: Record<EnvironmentName, { credentialType: CredentialType; certificate?: CertificateView }>;
};
