import type { AuditLog } from '../audit/audit.repository';
import type { RequestMeta } from '../kernel/request-meta';
import { ConcurrencyError } from '../platform/storage/concurrency';
import type { Leases } from '../platform/storage/lease';
import type { CertificateSummary } from './certificate-check';
import type { CertificateRegistration } from './certificate-registration';
import type { CertificateRepository } from './certificate.repository';
import type { EnvironmentName } from './credentials.schemas';
import { notRestored } from './certificate-restore-failure';

export const certificateLeaseKey = (nit: string, env: EnvironmentName) => `${nit}-${env}`;

/**
 * After an upload lost the record's versioned save (certrace): the application is put back as the record says, under
 * the lease (a later upload may be writing it otherwise), and the change to Entra ID is on record
 * (`certificado.restaurado`: who lost, the certificate put back, the one taken off).
 */
export function createCertificateRestore(deps: {
  certificates: CertificateRepository;
  registration: CertificateRegistration;
  leases: Leases;
  audit: AuditLog;
  log?: ((message: string, error?: unknown) => void) | undefined;
}) {
  const { certificates, registration, leases, audit, log } = deps;
  return async function restore(
    nit: string,
    env: EnvironmentName,
    lost: CertificateSummary,
    objectId: string,
    by: { actor: string; meta: RequestMeta },
  ): Promise<void> {
    const lease = await leases.acquire(certificateLeaseKey(nit, env));
    // Still held after the wait: the application cannot be checked now; logged for the alert, 503 to the uploader.
    if (!lease) throw notRestored(log, nit, env);
    try {
      const winner = await certificates.get(nit, env);
      const keyId = await registration.restore(nit, env, lost, objectId, winner).catch((error: unknown) => {
        throw notRestored(log, nit, env, error);
      });
      // What registration.restore changed: the winner's certificates put back (Graph), or the lost one taken off.
      const putBack = winner?.registration === 'entra' && !!winner.entra;
      const takenOff = putBack || winner?.thumbprintSha1 !== lost.thumbprintSha1;
      if (winner?.entra && keyId && keyId !== winner.entra.keyId) {
        const { version, ...record } = winner;
        await certificates.save(nit, env, { ...record, entra: { ...winner.entra, keyId } }, version).catch((error: unknown) => {
          if (!(error instanceof ConcurrencyError)) throw error;
        });
      }
      if (!takenOff) return;
      await audit.record({
        subject: `provider:${nit}`,
        action: 'certificado.restaurado',
        actor: by.actor,
        ip: by.meta.ip,
        detail: {
          ambiente: env,
          retiradoSha1: lost.thumbprintSha1,
          ...(winner && { huellaSha1: winner.thumbprintSha1, registro: winner.registration }),
          ...(winner?.previous && putBack && { anteriorSha1: winner.previous.thumbprintSha1 }),
        },
      });
    } finally {
      await lease.release();
    }
  };
}
