import type { Services } from '../src/composition-root';
import type { FunctionDefinition } from '../src/http/function-definition';
import { definition as activationsCreate } from './activations-create';
import { definition as assignmentTimeGet } from './assignment-time-get';
import { definition as captchaGet } from './captcha-get';
import { definition as catalogsGet } from './catalogs-get';
import { definition as credentialsRemind } from './credentials-remind';
import { definition as credentialsRetire } from './credentials-retire';
import { definition as dashboardExportGet } from './dashboard-export-get';
import { definition as dashboardGet } from './dashboard-get';
import { definition as directoryImportsCreate } from './directory-imports-create';
import { definition as directoryImportsRun } from './directory-imports-run';
import { definition as directoryImportsFail } from './directory-imports-fail';
import { definition as directoryPermissionsGet } from './directory-permissions-get';
import { definition as directoryUploadsCreate } from './directory-uploads-create';
import { definition as directoryUploadsGet } from './directory-uploads-get';
import { definition as healthGet } from './health-get';
import { definition as maintenancePurge } from './maintenance-purge';
import { definition as myCredentialsConfigGet } from './my-credentials-config-get';
import { definition as myCredentialsGet } from './my-credentials-get';
import { definition as myCredentialsSecretGet } from './my-credentials-secret-get';
import { definition as myKeyChecksCreate } from './my-key-checks-create';
import { definition as myRequestsCreate } from './my-requests-create';
import { definition as myRequestsGet } from './my-requests-get';
import { definition as notificationsSend } from './notifications-send';
import { definition as opsProbe } from './ops-probe';
import { definition as officerRevealBlockDelete } from './officer-reveal-block-delete';
import { definition as officerRevealBlocksList } from './officer-reveal-blocks-list';
import { definition as outboxDispatch } from './outbox-dispatch';
import { definition as passwordResetsConfirm } from './password-resets-confirm';
import { definition as providerAuditGet } from './provider-audit-get';
import { definition as providerCredentialsPut } from './provider-credentials-put';
import { definition as providerKeyChecksCreate } from './provider-key-checks-create';
import { definition as providerRejectionsCreate } from './provider-rejections-create';
import { definition as providerSecretGet } from './provider-secret-get';
import { definition as providersGet } from './providers-get';
import { definition as providersList } from './providers-list';
import { definition as requestsList } from './requests-list';
import { definition as requestsDigest } from './requests-digest';
import { definition as requestsNextGet } from './requests-next-get';
import { definition as requestsSummaryGet } from './requests-summary-get';
import { definition as passwordResetsCreate } from './password-resets-create';
import { definition as registrationsCreate } from './registrations-create';
import { definition as secondFactorGet } from './second-factor-get';
import { definition as secondFactorTotpCreate } from './second-factor-totp-create';
import { definition as secondFactorTotpVerify } from './second-factor-totp-verify';
import { definition as secondFactorPasskeyOptions } from './second-factor-passkey-options';
import { definition as secondFactorPasskeyVerify } from './second-factor-passkey-verify';
import { definition as secondFactorResetsCreate } from './second-factor-resets-create';
import { definition as sessionsCreate } from './sessions-create';
import { definition as sessionsDelete } from './sessions-delete';
import { definition as sessionsDeleteCurrent } from './sessions-delete-current';
import { definition as sessionsGetCurrent } from './sessions-get-current';
import { definition as siteGet } from './site-get';
import { definition as ssoEntraCallback } from './sso-entra-callback';
import { definition as ssoEntraStart } from './sso-entra-start';
import { definition as tablesExport } from './tables-export';
import { definition as usernameRemindersCreate } from './username-reminders-create';
import { definition as myCertificatesGet } from './my-certificates-get';
import { definition as myCertificatesPut } from './my-certificates-put';
import { definition as myCertificateFileGet } from './my-certificate-file-get';
import { definition as providerCertificatesGet } from './provider-certificates-get';
import { definition as providerCertificateFileGet } from './provider-certificate-file-get';
import { definition as providerCertificateRegistrationsCreate } from './provider-certificate-registrations-create';
import { definition as myCertificateLinksCreate } from './my-certificate-links-create';
import { definition as certificateLinkUploadsCreate } from './certificate-link-uploads-create';

/**
 * Every function of the app. Azure registers this list (main.ts) and the local host serves the very same,
 * each given the services built at start by `bindFunctions`.
 */
export const functionDefinitions: readonly FunctionDefinition<Services>[] = [
  healthGet,
  captchaGet,
  catalogsGet,
  siteGet,
  registrationsCreate,
  activationsCreate,
  passwordResetsCreate,
  passwordResetsConfirm,
  usernameRemindersCreate,
  sessionsCreate,
  sessionsGetCurrent,
  sessionsDeleteCurrent,
  sessionsDelete,
  ssoEntraStart,
  ssoEntraCallback,
  secondFactorGet,
  secondFactorTotpCreate,
  secondFactorTotpVerify,
  secondFactorPasskeyOptions,
  secondFactorPasskeyVerify,
  secondFactorResetsCreate,
  myCredentialsGet,
  myRequestsCreate,
  myRequestsGet,
  myCredentialsSecretGet,
  myCredentialsConfigGet,
  myKeyChecksCreate,
  myCertificatesGet,
  myCertificatesPut,
  myCertificateFileGet,
  myCertificateLinksCreate,
  certificateLinkUploadsCreate,
  requestsList,
  requestsSummaryGet,
  requestsNextGet,
  providersList,
  providersGet,
  providerCredentialsPut,
  providerKeyChecksCreate,
  providerRejectionsCreate,
  providerAuditGet,
  directoryUploadsCreate,
  directoryUploadsGet,
  directoryImportsCreate,
  directoryImportsRun,
  directoryImportsFail,
  directoryPermissionsGet,
  providerSecretGet,
  providerCertificatesGet,
  providerCertificateFileGet,
  providerCertificateRegistrationsCreate,
  officerRevealBlocksList,
  officerRevealBlockDelete,
  dashboardGet,
  dashboardExportGet,
  assignmentTimeGet,
  notificationsSend,
  tablesExport,
  outboxDispatch,
  maintenancePurge,
  credentialsRetire,
  credentialsRemind,
  requestsDigest,
  opsProbe,
];
