import type { AuditLog } from '../audit/audit.repository';
import type { AppConfig } from '../config';
import type { AppRegistrar } from '../credentials/app-registrar.port';
import { createCertificateLeases, createCertificateTableRepository } from '../credentials/certificate.repository';
import { createCertificateLinks } from '../credentials/certificate-links';
import { createCertificates } from '../credentials/certificates.service';
import { createCertificateFollow } from '../credentials/certificate-follow';
import type { CredentialSchedule } from '../credentials/credential-schedule';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { Clock } from '../platform/clock';
import type { Storage } from '../platform/storage/storage';
import type { ProviderSearchIndex } from '../search/provider-search.index';

/** «Certificado en lugar de secreto»: the certificates table and the per-environment credential type. */
export function buildCertificates(deps: {
  config: AppConfig;
  storage: Storage;
  registrar: AppRegistrar;
  directory: DirectoryRepository;
  audit: AuditLog;
  clock: Clock;
  schedule: CredentialSchedule;
  keyFiles: KeyFileRepository;
  searchIndex: ProviderSearchIndex;
  log: (message: string, error?: unknown) => void;
  holdersChanged?: (nit: string) => Promise<void>;
}) {
  const repository = createCertificateTableRepository(deps.storage);
  const credentialTypes = { preproduction: deps.config.PREPRODUCTION_CREDENTIAL_TYPE, production: deps.config.PRODUCTION_CREDENTIAL_TYPE };
  // Its expiry rows and, in a certificate-only environment, the key file's date follow the registered certificate.
  const follow = createCertificateFollow({ ...deps, credentialTypes, certificates: repository });
  const certificates = createCertificates({
    certificates: repository,
    registrar: deps.registrar,
    directory: deps.directory,
    audit: deps.audit,
    clock: deps.clock,
    leases: createCertificateLeases(deps.storage, deps.clock),
    credentialTypes,
    planExpiry: follow.plan,
    log: deps.log,
  });
  const links = createCertificateLinks({ ...deps, certificates, publicBaseUrl: deps.config.PUBLIC_BASE_URL });
  return { ...certificates, links, follow };
}
