import type { AccountEmails } from '../accounts/account-emails';
import type { createAccountSecurityEmails } from '../accounts/account-security-emails';
import type { DashboardRecorder } from '../dashboard/dashboard-recorder';
import type { CertificateExpiryNotice } from '../credentials/certificate-expiry-notice';
import type { DelegateNotice } from '../credentials/delegate-notice';
import type { PreproductionAutoIssue } from '../credentials/preproduction-auto-issue';
import type { createSecurityAlert } from '../credentials/security-alert';
import type { NotificationHandlers } from '../notifications/notification-dispatcher';
import type { MinistryAlert } from '../requests/ministry-alert';
import type { OfficerDigestEmail } from '../requests/officer-digest-email';
import type { createRequestReceipt } from '../requests/request-receipt';
import type { FactorRecovery } from '../second-factor/factor-recovery.service';

type Senders = {
  accountEmails: AccountEmails;
  securityEmails: ReturnType<typeof createAccountSecurityEmails>;
  factorRecovery: FactorRecovery;
  ministryAlert: MinistryAlert;
  officerDigest: OfficerDigestEmail;
  requestReceipt: ReturnType<typeof createRequestReceipt>;
  delegateNotice: DelegateNotice;
  certificateExpiryNotice: CertificateExpiryNotice;
  securityAlert: ReturnType<typeof createSecurityAlert>;
  preproductionAutoIssue: PreproductionAutoIssue;
  /** The Tablero's aggregate: counted before the e-mail, idempotent, so a retried event counts once. */
  dashboardRecorder: DashboardRecorder;
  directoryUploadEmail: (uploadId: string) => Promise<boolean | undefined>;
};

/** What each event of the outbox sends: one line per event type (a missing one fails the type check). */
export function notificationHandlers({
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
}: Senders): NotificationHandlers {
  return {
    'account.activation-requested': (event) => accountEmails.sendActivation(event.username),
    'account.password-reset-requested': (event) => accountEmails.sendPasswordReset(event.username),
    'account.locked': (event) => securityEmails.sendLocked(event.username, event.lockedUntil),
    'account.password-changed': (event) => securityEmails.sendPasswordChanged(event.username, event.changedAt),
    'account.username-requested': (event) => securityEmails.sendUsernames(event.idType, event.idNumber),
    'account.second-factor-reset': (event) => factorRecovery.notifyReset(event.username),
    'request.submitted': (event) => ministryAlert.send(event.nit, event.requestId),
    'requests.officer-digest': (event) => officerDigest(event.from, event.to),
    'request.auto-issue': (event) => preproductionAutoIssue.issue(event.nit, event.requestId),
    'request.received': async (event) => {
      await dashboardRecorder.requestChanged(event.nit, event.requestId);
      return requestReceipt(event.nit, event.requestId);
    },
    'request.rejected': async (event) => {
      await dashboardRecorder.requestChanged(event.nit, event.requestId);
      return delegateNotice.requestRejected(event.nit, event.requestId);
    },
    'credentials.assigned': async (event) => {
      await dashboardRecorder.keysChanged(event.nit, event.requestId);
      return delegateNotice.credentialsAssigned(event);
    },
    'credentials.expiring': (event) => delegateNotice.credentialsExpiring(event),
    'certificate.expiring': (event) => certificateExpiryNotice.certificateExpiring(event),
    'credentials.expiry-digest': (event) => ministryAlert.expiryDigest(event.day),
    'officer.reveals-blocked': (event) => securityAlert.revealsBlocked(event),
    'directory.import-finished': (event) => directoryUploadEmail(event.uploadId),
  };
}
