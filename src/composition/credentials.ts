import type { AppConfig } from '../config';
import { createApiAccessRecords } from '../credentials/api-access.service';
import { createCredentialAssignment } from '../credentials/credential-assignment.service';
import { createCredentialLifecycle } from '../credentials/credential-lifecycle.service';
import { createMyCredentials } from '../credentials/my-credentials.service';
import { createOfficerConsole } from '../credentials/officer-console.service';
import { createPendingRequests } from '../credentials/pending-requests.service';

type AssignmentDeps = Parameters<typeof createCredentialAssignment>[0];
type ConsoleDeps = Parameters<typeof createOfficerConsole>[0];
type Deps = Pick<
  AssignmentDeps,
  'keyFiles' | 'directory' | 'secrets' | 'searchIndex' | 'pendingQueue' | 'events' | 'audit' | 'clock' | 'log' | 'registrar'
> &
  Pick<AssignmentDeps, 'schedule' | 'verifications' | 'certificates'> &
  Pick<ConsoleDeps, 'radicados' | 'brakes'> &
  Parameters<typeof createMyCredentials>[0] & {
    certificates: NonNullable<Parameters<typeof createCredentialLifecycle>[0]['certificates']>;
  };

/** The keys themselves: assignment and its lifecycle, the delegate's «Mis llaves», the officials' console. */
export function buildCredentials(config: AppConfig, deps: Deps) {
  const { keyFiles, directory, secrets, searchIndex, pendingQueue, events, audit, clock, log, registrar, schedule } = deps;
  const currentCertificate = deps.certificates.current;
  const credentialLifecycle = createCredentialLifecycle({
    keyFiles,
    secrets,
    registrar,
    schedule,
    events,
    audit,
    clock,
    log,
    certificates: deps.certificates,
  });
  const defaults = {
    preproduction: { tenantId: config.PREPRODUCTION_TENANT_ID, scope: config.PREPRODUCTION_SCOPE, endpoint: config.PREPRODUCTION_ENDPOINT },
    production: { tenantId: config.PRODUCTION_TENANT_ID, scope: config.PRODUCTION_SCOPE, endpoint: config.PRODUCTION_ENDPOINT },
  };
  return {
    credentialLifecycle,
    myCredentials: createMyCredentials({ keyFiles, secrets, audit, clock, certificates: deps.certificates }),
    credentialAssignment: createCredentialAssignment({
      keyFiles,
      directory,
      secrets,
      searchIndex,
      pendingQueue,
      events,
      audit,
      clock,
      log,
      registrar,
      schedule,
      graceDays: config.CREDENTIAL_GRACE_DAYS,
      retireNow: credentialLifecycle.retire,
      verifications: deps.verifications,
      credentialTypes: { preproduction: config.PREPRODUCTION_CREDENTIAL_TYPE, production: config.PRODUCTION_CREDENTIAL_TYPE },
      certificates: deps.certificates,
    }),
    apiAccess: createApiAccessRecords({ keyFiles, audit, clock }),
    pendingRequests: createPendingRequests({ keyFiles, directory, pendingQueue, clock }),
    officerConsole: createOfficerConsole({
      ...deps,
      defaults,
      generation: { preproduction: registrar.enabled('preproduction'), production: registrar.enabled('production') },
      currentCertificate,
      credentialTypeOf: deps.certificates.credentialTypeOf,
    }),
  };
}
