import { createActiveOfficers } from './accounts/active-officers';
import { createExpiredRecordsPurge } from './accounts/expired-records';
import { createAccountTableRepository } from './accounts/account.table-repository';
import { createAccountEntry } from './accounts/account-entry.use-case';
import { createCaptchaService } from './accounts/captcha.service';
import { createPasswordHasher } from './accounts/password-hasher';
import { createRegistrationService } from './accounts/registration.service';
import { createSessionTableRepository } from './accounts/session.table-repository';
import { createSessionService } from './accounts/session.service';
import { createAuditTableLog } from './audit/audit.table-repository';
import { createAuditWorm } from './audit/audit-worm';
import { createCredentialSchedule } from './credentials/credential-schedule';
import { bogotaDay } from './credentials/expiry-calendar';
import { createSaveProviderKeys } from './credentials/save-provider-keys.use-case';
import { createProviderSearchIndex } from './search/provider-search.index';
import type { AppRegistrar } from './credentials/app-registrar.port';
import type { SecretStore } from './credentials/secret-store.port';
import { entraIssuer, entraRedirectUri, type AppConfig } from './config';
import { siteIdentityOf } from './config/site-identity';
import { createDirectoryTableRepository } from './directory/directory.table-repository';
import { createEventPublisher } from './notifications/event-publisher';
import type { Mailer } from './notifications/mailer.port';
import { createOutboxTable } from './notifications/outbox.table-repository';
import { systemClock, type Clock } from './platform/clock';
import { createLocalSecretStore } from './adapters/secrets/local-secret-store';
import { appLog } from './platform/invocation-log';
import { createRateLimiter } from './platform/rate-limiter';
import { createStorage, type Storage } from './platform/storage/storage';
import { graphRegistrar, keyVaultFor, mailerFor, openIdSignInFor } from './adapters/adapters-from-config';
import { createFlowSeal } from './officer-sso/flow-seal';
import { createOfficerSso } from './officer-sso/officer-sso.use-case';
import type { OpenIdSignIn } from './officer-sso/openid-sign-in.port';
import { createSsoBindingTable } from './officer-sso/sso-binding.repository';
import { createKeyFileTableRepository } from './key-files/key-file.table-repository';
import { createRevealBrakes } from './credentials/reveal-brakes';
import { createPendingQueue } from './requests/pending-queue';
import { createRequestReview } from './requests/request-review.service';
import { createRequestService } from './requests/request.service';
import { createProviderReindex } from './credentials/provider-reindex';
import { createRadicados } from './requests/radicado';
import { createOfficerDigestRun } from './requests/officer-digest';
import { stillPendingIn } from './requests/pending-check';
import { createFactorTableRepository } from './second-factor/factor.table-repository';
import { createSecondFactor } from './second-factor/second-factor.service';
import { createFactorRecovery } from './second-factor/factor-recovery.service';
import { createQueueProbe } from './operations/queue-probe';
import { buildNotifications } from './composition/notifications';
import { buildDashboard } from './composition/dashboard';
import { buildKeyCheck } from './composition/key-checks';
import { createKeyVerificationRecords } from './credentials/key-verification-records';
import { buildCertificates } from './composition/certificates';
import { buildDirectory } from './composition/directory';
import { buildCredentials } from './composition/credentials';

export type Overrides = {
  clock?: Clock;
  mailer?: Mailer;
  storage?: Storage;
  secrets?: SecretStore;
  log?: (message: string, error?: unknown) => void;
  registrar?: AppRegistrar;
  openId?: OpenIdSignIn;
  /**
   * `before-first-use` (functions/main.ts): locally, the missing tables, queues and containers are created by
   * the first operation on each kind of storage instead of here, so a request that touches no storage (GET
   * /api/site) loads no storage SDK. Scripts and tests keep the default: all created before this returns.
   */
  ensureCreated?: 'before-first-use';
};

/** Builds every adapter and use case once, from validated configuration. The only place that knows them all. */
export async function buildServices(config: AppConfig, overrides: Overrides = {}) {
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? appLog.error;
  // An Azure account (identity-based settings) has every table, queue and container declared in infra/main.bicep:
  // neither a cold instance nor an operator's script creates any. Azurite (a connection string) gets them here,
  // or, with `ensureCreated: 'before-first-use'`, before the first operation on each kind.
  const local = config.IHCE_ENV !== 'azure' && Boolean(config.IHCE_STORAGE);
  const deferred = overrides.ensureCreated === 'before-first-use';
  const storage = overrides.storage ?? createStorage(config, local && deferred ? { ensure: 'before-first-use' } : {});
  if (local && !deferred) await storage.ensureCreated();

  const mailer = overrides.mailer ?? mailerFor(config);

  const directory = createDirectoryTableRepository(storage);
  const accounts = createAccountTableRepository(storage);
  const sessionsRepository = createSessionTableRepository(storage);
  const auditWorm = createAuditWorm(storage, log);
  const audit = createAuditTableLog(storage, clock, auditWorm);
  const events = createEventPublisher(createOutboxTable(storage), storage.queueOf('notifications'), clock, log);
  const captcha = createCaptchaService({ hmacKey: config.CAPTCHA_HMAC_KEY, maxNumber: config.CAPTCHA_MAX_NUMBER, storage, clock });
  const hasher = createPasswordHasher(config.PASSWORD_HASH_COST);
  const secrets =
    overrides.secrets ??
    (config.SECRET_STORE === 'local' ? createLocalSecretStore(storage, config.LOCAL_SECRET_KEY!) : keyVaultFor(config, log));
  const keyFiles = createKeyFileTableRepository(storage);
  const pendingQueue = createPendingQueue(storage, directory);
  const radicados = createRadicados(storage, clock);
  const searchIndex = createProviderSearchIndex(storage);
  const schedule = createCredentialSchedule(storage, clock);
  const reindex = createProviderReindex({ directory, keyFiles, schedule, searchIndex });
  const searchCardChanged = reindex.refreshSearchCard;
  const registrar = overrides.registrar ?? graphRegistrar(config, log);
  const autoIssue = config.PREPRODUCTION_AUTO_ISSUE === 'on' && registrar.enabled('preproduction');
  const activeOfficers = createActiveOfficers({ accounts, directory });
  const revealBrakes = createRevealBrakes({
    storage,
    audit,
    clock,
    events,
    log,
    perHour: config.OFFICER_REVEALS_PER_HOUR,
    burstProviders: config.OFFICER_REVEAL_BURST_PROVIDERS,
  });
  const factors = createFactorTableRepository(storage);
  const publicBaseUrl = config.PUBLIC_BASE_URL;
  const site = siteIdentityOf(config);
  const recoveryDeps = { factors, seeds: secrets, accounts, directory, events, audit, mailer, publicBaseUrl, support: site };
  const factorRecovery = createFactorRecovery(recoveryDeps);
  const certificates = buildCertificates({
    ...{ config, storage, registrar, directory, audit, clock, schedule, keyFiles, searchIndex, log },
    holdersChanged: (nit: string) => tablero.dashboardRecorder.countHolders(nit), // called after construction
  });
  const { directoryImport, directoryUploads, poisonedUploads } = buildDirectory({ config, storage, directory, audit, events, clock });
  const sessions = createSessionService({ accounts, sessions: sessionsRepository, directory, hasher, audit, events, clock });
  const verifications = createKeyVerificationRecords({ storage, clock }); // «Verificar llaves» outcomes for «Guardar»
  const tablero = buildDashboard({ storage, clock, audit, directory, keyFiles, pendingQueue, schedule, certificates });
  const credentials = buildCredentials(config, {
    ...{ keyFiles, directory, secrets, searchIndex, pendingQueue, events, audit, clock, log, registrar, schedule },
    ...{ verifications, certificates, radicados, brakes: revealBrakes },
  });

  const features = {
    config,
    site, // the entity, its help desk and policy links (GET /api/site, e-mails)
    clock,
    storage,
    audit,
    auditWorm,
    /** The nightly backup: every table to `table-exports/<day in Bogotá>/`. */
    tableExport: { run: () => storage.exportTables(bogotaDay(clock.now())) },
    events,
    captcha,
    directory,
    directoryImport,
    directoryUploads,
    poisonedUploads,
    registration: createRegistrationService({ accounts, directory, hasher, events, audit, clock }),
    sessions,
    officerSso: createOfficerSso({
      openId:
        config.OFFICER_SIGN_IN === 'password'
          ? undefined
          : (overrides.openId ?? openIdSignInFor(config, { issuer: entraIssuer(config), redirectUri: entraRedirectUri(config) })),
      redirectUri: entraRedirectUri(config),
      seal: createFlowSeal(config.CAPTCHA_HMAC_KEY),
      tenantId: config.ENTRA_SSO_TENANT_ID,
      requireMfa: config.OFFICER_REQUIRE_MFA,
      bindings: createSsoBindingTable(storage),
      accounts,
      directory,
      startSession: sessions.startVerified,
      audit,
      clock,
    }),
    searchIndex,
    keyFiles,
    factorRecovery,
    rateLimiter: createRateLimiter(storage, clock),
    keyCheck: buildKeyCheck(config, {
      keyFiles,
      secrets,
      audit,
      clock,
      rateLimiter: createRateLimiter(storage, clock),
      verifications,
      certificates,
      registrar,
    }),
    expiredRecords: createExpiredRecordsPurge(storage, clock),
    requests: createRequestService({
      ...{ keyFiles, pendingQueue, radicados, events, audit, clock, autoIssuePreproduction: autoIssue, searchCardChanged },
      alertEachRequest: config.OFFICER_ALERT_MODE === 'each',
    }),
    /** OFFICER_ALERT_MODE=digest: the hourly timer's summary of new requests for the officials. */
    officerDigest: createOfficerDigestRun({
      ...{ mode: config.OFFICER_ALERT_MODE, hours: config.OFFICER_ALERT_DIGEST_HOURS },
      ...{ pendingQueue, stillPending: stillPendingIn(keyFiles), storage, events, clock },
    }),
    requestReview: createRequestReview({ keyFiles, pendingQueue, events, audit, clock, searchCardChanged }),
    ...credentials,
    certificates,
    schedule,
    revealBrakes,
    ...tablero,
    queueProbe: createQueueProbe({ storage, clock }),
    notifications: buildNotifications({
      config,
      storage,
      clock,
      mailer,
      accounts,
      directory,
      keyFiles,
      schedule,
      activeOfficers,
      factorRecovery,
      reindex,
      registrar,
      secrets,
      events,
      audit,
      log,
      dashboardRecorder: tablero.dashboardRecorder,
      uploadOf: directoryUploads.get,
      certificates,
      currentCertificate: certificates.current,
      pendingQueue,
    }),
  };
  return {
    ...features,
    // Each composes two of the above, so that a handler calls one use case.
    accountEntry: createAccountEntry({ ...features, officerPasswordSignIn: config.OFFICER_SIGN_IN !== 'entra' }),
    saveProviderKeys: createSaveProviderKeys(features),
    secondFactor: createSecondFactor({
      factors,
      seeds: secrets,
      sessions: features.sessions,
      rateLimiter: features.rateLimiter,
      audit,
      clock,
      publicBaseUrl: config.PUBLIC_BASE_URL,
    }),
  };
}
export type Services = Awaited<ReturnType<typeof buildServices>>;
