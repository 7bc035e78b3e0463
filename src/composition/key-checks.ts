import { tokenCheckerFor } from '../adapters/adapters-from-config';
import type { AuditLog } from '../audit/audit.repository';
import type { AppConfig } from '../config';
import { tokenUrlOf } from '../config/environments';
import { createKeyCheck } from '../credentials/key-check.service';
import type { AppRegistrar } from '../credentials/app-registrar.port';
import type { CertificateSource } from '../credentials/key-check-certificate';
import type { KeyVerificationRecords } from '../credentials/key-verification-records';
import type { SecretStore } from '../credentials/secret-store.port';
import type { TokenChecker } from '../credentials/token-check.port';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { Clock } from '../platform/clock';
import type { RateLimiter } from '../platform/rate-limiter';

/** «Probar llaves» / «Verificar llaves»: the token checker and each environment's token endpoint, from configuration. */
export function buildKeyCheck(
  config: AppConfig,
  deps: {
    keyFiles: KeyFileRepository;
    secrets: SecretStore;
    audit: AuditLog;
    clock: Clock;
    rateLimiter: RateLimiter;
    verifications: KeyVerificationRecords;
    certificates?: CertificateSource;
    registrar?: Pick<AppRegistrar, 'readKeyCredentials'>;
  },
  checker: TokenChecker = tokenCheckerFor(),
) {
  const templates = { preproduction: config.PREPRODUCTION_TOKEN_URL, production: config.PRODUCTION_TOKEN_URL };
  return createKeyCheck({
    ...deps,
    checker,
    tokenUrl: (env, tenantId) => tokenUrlOf(templates[env], tenantId),
    perHour: config.KEY_CHECKS_PER_HOUR,
  });
}
