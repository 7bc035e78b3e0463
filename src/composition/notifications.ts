import { createAccountEmails } from '../accounts/account-emails';
import type { AccountRepository } from '../accounts/account.repository';
import { createAccountSecurityEmails } from '../accounts/account-security-emails';
import type { createActiveOfficers } from '../accounts/active-officers';
import type { AppConfig } from '../config';
import type { AuditLog } from '../audit/audit.repository';
import type { AppRegistrar } from '../credentials/app-registrar.port';
import { createPreproductionAutoIssue } from '../credentials/preproduction-auto-issue';
import type { SecretStore } from '../credentials/secret-store.port';
import type { EventPublisher } from '../notifications/event-publisher';
import { siteIdentityOf } from '../config/site-identity';
import type { CredentialSchedule } from '../credentials/credential-schedule';
import { createDelegateNotice, type NoticeCertificates } from '../credentials/delegate-notice';
import type { CertificateTerms } from '../credentials/secret-issuing';
import { createCertificateExpiryNotice } from '../credentials/certificate-expiry-notice';
import type { CurrentCertificate } from '../credentials/certificate-expiry';
import type { ProviderReindex } from '../credentials/provider-reindex';
import { createSecurityAlert } from '../credentials/security-alert';
import type { DashboardRecorder } from '../dashboard/dashboard-recorder';
import type { DirectoryRepository } from '../directory/directory.repository';
import { createDirectoryUploadEmail } from '../accounts/directory-upload-email';
import type { UploadJob } from '../directory/directory-upload.repository';
import { resolveHolder } from '../accounts/account-holder';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { Mailer } from '../notifications/mailer.port';
import { createNotificationDispatcher } from '../notifications/notification-dispatcher';
import { createNotificationLogTable } from '../notifications/notification-log.table-repository';
import type { Clock } from '../platform/clock';
import type { Storage } from '../platform/storage/storage';
import { createMinistryAlert } from '../requests/ministry-alert';
import { createOfficerDigestEmail } from '../requests/officer-digest-email';
import { stillPendingIn } from '../requests/pending-check';
import type { PendingQueue } from '../requests/pending-queue';
import { createRequestReceipt } from '../requests/request-receipt';
import type { FactorRecovery } from '../second-factor/factor-recovery.service';
import { notificationHandlers } from './notification-handlers';

type Deps = {
  config: AppConfig;
  storage: Storage;
  clock: Clock;
  mailer: Mailer;
  accounts: AccountRepository;
  directory: DirectoryRepository;
  keyFiles: KeyFileRepository;
  schedule: CredentialSchedule;
  activeOfficers: ReturnType<typeof createActiveOfficers>;
  factorRecovery: FactorRecovery;
  /** Search card and expiry calendar from the key file (built once by the root, also used by requests and rejections). */
  reindex: ProviderReindex;
  /** For the automatic issuance of pre-production keys (request.auto-issue). */
  registrar: AppRegistrar;
  secrets: SecretStore;
  events: EventPublisher;
  audit: AuditLog;
  log: (message: string, error?: unknown) => void;
  dashboardRecorder: DashboardRecorder;
  uploadOf: (id: string) => Promise<UploadJob | undefined>;
  /** «Certificado en lugar de secreto»: a certificate-only environment issues no password and its e-mail asks for the certificate. */
  certificates?: (CertificateTerms & NoticeCertificates) | undefined;
  /** The environment's stored certificate: its expiry reminder checks it is still the one it announces. */
  currentCertificate: CurrentCertificate;
  pendingQueue: PendingQueue;
};

/** The e-mail senders and the dispatcher that runs them for each event of the outbox. */
export function buildNotifications({
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
  dashboardRecorder,
  uploadOf,
  certificates,
  currentCertificate,
  pendingQueue,
}: Deps) {
  const support = siteIdentityOf(config);
  const accountEmails = createAccountEmails({ accounts, directory, mailer, clock, publicBaseUrl: config.PUBLIC_BASE_URL, support });

  const securityEmails = createAccountSecurityEmails({ accounts, directory, mailer, publicBaseUrl: config.PUBLIC_BASE_URL, support });

  const ministryAlert = createMinistryAlert({
    keyFiles,
    directory,
    mailer,
    officerEmails: activeOfficers.emails,
    extraRecipients: config.MSPS_ALERT_EMAILS,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    remindersOf: schedule.remindersOf,
  });

  const officerDigest = createOfficerDigestEmail({
    pendingQueue,
    stillPending: stillPendingIn(keyFiles),
    mailer,
    officerEmails: activeOfficers.emails,
    extraRecipients: config.MSPS_ALERT_EMAILS,
    hours: config.OFFICER_ALERT_DIGEST_HOURS,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    support,
    clock,
  });

  const securityAlert = createSecurityAlert({
    mailer,
    recipients: config.MSPS_SECURITY_EMAILS,
    fallbackRecipients: async () => (config.MSPS_ALERT_EMAILS.length > 0 ? config.MSPS_ALERT_EMAILS : activeOfficers.emails()),
    burstProviders: config.OFFICER_REVEAL_BURST_PROVIDERS,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  });

  const delegateNotice = createDelegateNotice({
    keyFiles,
    directory,
    mailer,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    support,
    certificates,
  });
  const certificateExpiryNotice = createCertificateExpiryNotice({
    ...{ keyFiles, directory, mailer, currentCertificate, support },
    publicBaseUrl: config.PUBLIC_BASE_URL,
  });

  const preproductionAutoIssue = createPreproductionAutoIssue({
    enabled: config.PREPRODUCTION_AUTO_ISSUE === 'on',
    keyFiles,
    directory,
    registrar,
    secrets,
    schedule,
    events,
    audit,
    clock,
    log,
    graceDays: config.CREDENTIAL_GRACE_DAYS,
    defaults: { scope: config.PREPRODUCTION_SCOPE, endpoint: config.PREPRODUCTION_ENDPOINT },
    certificates,
  });

  const requestReceipt = createRequestReceipt({ keyFiles, directory, mailer, publicBaseUrl: config.PUBLIC_BASE_URL, support });
  const directoryUploadEmail = createDirectoryUploadEmail({
    uploadOf,
    recipientOf: async (username) => {
      const account = await accounts.get(username);
      return account && resolveHolder(directory, account);
    },
    mailer,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  });
  return createNotificationDispatcher({
    log: createNotificationLogTable(storage),
    clock,
    handlers: notificationHandlers({
      accountEmails,
      securityEmails,
      factorRecovery,
      ministryAlert,
      officerDigest,
      requestReceipt,
      delegateNotice,
      certificateExpiryNotice,
      securityAlert,
      preproductionAutoIssue,
      dashboardRecorder,
      directoryUploadEmail,
    }),
    reindexProvider: reindex.reindexProvider,
    refreshSearchCard: reindex.refreshSearchCard,
    requeue: storage.queueOf('notifications'),
    throttleMaxHours: config.MAIL_THROTTLE_MAX_HOURS,
  });
}
