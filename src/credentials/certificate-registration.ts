import type { DirectoryRepository } from '../directory/directory.repository';
import { applicationDisplayName, type AppRegistrar, type KeyCredentialInput } from './app-registrar.port';
import { registrarFailure } from './assignment-errors';
import type { CertificateSummary } from './certificate-check';
import type { CertificateRecord } from './certificate.repository';
import type { EnvironmentName } from './credentials.schemas';

type Certificate = Pick<CertificateSummary, 'derBase64' | 'thumbprintSha1' | 'notBefore' | 'notAfter'>;
export type EntraRegistration = { applicationObjectId: string; appId: string; keyId: string };

const inputOf = (env: EnvironmentName, nit: string, certificate: Certificate): KeyCredentialInput => ({
  derBase64: certificate.derBase64,
  thumbprintSha1: certificate.thumbprintSha1,
  displayName: `${applicationDisplayName(env, nit)} certificado ${certificate.thumbprintSha1.slice(0, 8)}`,
  startDateTime: certificate.notBefore,
  endDateTime: certificate.notAfter,
});

/**
 * The certificate on the provider's application (the one «Generar en Entra ID» uses), through Microsoft Graph.
 * Graph's PATCH of keyCredentials replaces the whole list and takes no If-Match, so the caller serialises uploads
 * of one NIT and environment (a lease) and, if it still loses the record's versioned save, calls `restore`.
 */
export function createCertificateRegistration({ registrar, directory }: { registrar: AppRegistrar; directory: DirectoryRepository }) {
  const enabled = (env: EnvironmentName) => registrar.enabled(env) && !!registrar.putKeyCredential;

  return {
    enabled,

    /**
     * Adds the certificate and keeps the one it replaces (rotation without a cut) when that one is on the
     * application: registered through Graph, or by an official by hand («Marcar como registrado»).
     */
    async register(nit: string, env: EnvironmentName, summary: CertificateSummary, current: CertificateRecord | undefined) {
      if (!enabled(env)) return undefined;
      try {
        const provider = await directory.getProvider(nit);
        const application = await registrar.ensureApplication(env, nit, provider?.name ?? nit);
        const keep = current && current.registration !== 'pending' ? [current.thumbprintSha1] : [];
        const { keyId } = await registrar.putKeyCredential!(env, application.objectId, inputOf(env, nit, summary), keep);
        return { applicationObjectId: application.objectId, appId: application.appId, keyId } satisfies EntraRegistration;
      } catch (error) {
        throw registrarFailure(error, env);
      }
    },

    /**
     * After an upload lost the record to another: the application is put back as the record says (the winner's
     * certificate and the one it kept; a winner registered by hand is added again from the record's DER if it is
     * gone), and the loser's certificate is taken off. Returns the winner's keyId as Entra ID now holds it (a
     * certificate added again through Graph gets a new one).
     */
    async restore(nit: string, env: EnvironmentName, lost: Certificate, objectId: string, winner: CertificateRecord | undefined) {
      try {
        if (winner?.registration === 'entra' && winner.entra) {
          const keep = winner.previous ? [winner.previous.thumbprintSha1] : [];
          return (await registrar.putKeyCredential!(env, winner.entra.applicationObjectId, inputOf(env, nit, winner), keep)).keyId;
        }
        if (winner?.registration === 'manual' && registrar.readKeyCredentials) {
          // Added by hand in the portal: the lost PATCH, which read it as pending, may have taken it off. Put it back.
          const there = (await registrar.readKeyCredentials(env, objectId)).map((credential) => credential.thumbprintSha1.toLowerCase());
          if (!there.includes(winner.thumbprintSha1.toLowerCase())) {
            const keep = there.filter((thumbprint) => thumbprint !== lost.thumbprintSha1.toLowerCase());
            await registrar.putKeyCredential!(env, objectId, inputOf(env, nit, winner), keep);
            return undefined;
          }
        }
        if (winner?.thumbprintSha1 !== lost.thumbprintSha1) await registrar.removeKeyCredential?.(env, objectId, lost.thumbprintSha1);
        return undefined;
      } catch (error) {
        throw registrarFailure(error, env);
      }
    },
  };
}
export type CertificateRegistration = ReturnType<typeof createCertificateRegistration>;
