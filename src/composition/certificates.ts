import type { AuditLog } from '../audit/audit.repository';
import type { AppConfig } from '../config';
import type { AppRegistrar } from '../credentials/app-registrar.port';
import { createCertificateLeases, createCertificateTableRepository } from '../credentials/certificate.repository';
import { createCertificateLinks } from '../credentials/certificate-links';
import { createCertificates } from '../credentials/certificates.service';
import { planCertificateExpiry } from '../credentials/certificate-expiry';
import type { CredentialSchedule } from '../credentials/credential-schedule';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { Clock } from '../platform/clock';
import type { Storage } from '../platform/storage/storage';

/** «Certificado en lugar de secreto»: the certificates table and the per-environment credential type. */
export function buildCertificates(deps: {
  config: AppConfig;
  storage: Storage;
  registrar: AppRegistrar;
  directory: DirectoryRepository;
  audit: AuditLog;
  clock: Clock;
  schedule: CredentialSchedule;
  log: (message: string, error?: unknown) => void;
}) {
  const certificates = createCertificates({
    certificates: createCertificateTableRepository(deps.storage),
    registrar: deps.registrar,
    directory: deps.directory,
    audit: deps.audit,
    clock: deps.clock,
    leases: createCertificateLeases(deps.storage, deps.clock),
    credentialTypes: { preproduction: deps.config.PREPRODUCTION_CREDENTIAL_TYPE, production: deps.config.PRODUCTION_CREDENTIAL_TYPE },
    planExpiry: planCertificateExpiry(deps.schedule),
    log: deps.log,
  });
  const links = createCertificateLinks({ ...deps, certificates, publicBaseUrl: deps.config.PUBLIC_BASE_URL });
  return { ...certificates, links };
}
