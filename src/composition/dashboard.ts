import type { AuditLog } from '../audit/audit.repository';
import type { CredentialSchedule } from '../credentials/credential-schedule';
import { createListingCheck, type CredentialTypeOf, type CurrentCertificate } from '../credentials/certificate-expiry';
import type { CertificateRecord } from '../credentials/certificate.repository';
import type { DashboardExports } from '../dashboard/dashboard-exports';
import { createDashboardRecorder } from '../dashboard/dashboard-recorder';
import { createDashboardStats } from '../dashboard/dashboard-stats';
import { createDashboard, type ExpiryEntry } from '../dashboard/dashboard.service';
import type { DirectoryRepository } from '../directory/directory.repository';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { Clock } from '../platform/clock';
import { onFirstUse } from '../kernel/on-first-use';
import type { Storage } from '../platform/storage/storage';
import type { PendingQueue } from '../requests/pending-queue';

/** Only a registered certificate works: the CSV dates those. */
async function* registeredEnds(
  list: AsyncIterable<{ nit: string; environment: 'preproduction' | 'production'; record: CertificateRecord }>,
) {
  for await (const { nit, environment, record } of list)
    if (record.registration !== 'pending') yield { nit, environment, notAfter: record.notAfter };
}

/** The Tablero: its aggregate, the recorder the queue worker feeds, the figures and the CSV exports. */
export function buildDashboard(deps: {
  storage: Storage;
  clock: Clock;
  audit: AuditLog;
  directory: DirectoryRepository;
  keyFiles: KeyFileRepository;
  pendingQueue: PendingQueue;
  schedule: CredentialSchedule;
  /** The certificates: the Tablero's expiries and the CSV count their end dates as keys' (certificate-expiry.ts). */
  certificates: {
    current: CurrentCertificate;
    /** A certificate-only environment's key file is dated by its certificate: counted once, as the certificate. */
    credentialTypeOf?: CredentialTypeOf;
    list(): AsyncIterable<{ nit: string; environment: 'preproduction' | 'production'; record: CertificateRecord }>;
  };
}) {
  const stats = createDashboardStats(deps.storage);
  const { current: currentCertificate, credentialTypeOf } = deps.certificates;
  // One per view; the 90 days' rows come in key order, checked 16 at a time: the last 64 reads are enough to share.
  const expiryCheck = () => {
    const { standing } = createListingCheck({ keyFiles: deps.keyFiles, currentCertificate, credentialTypeOf }, 64);
    return async (row: ExpiryEntry) => (await standing(row)) === 'listed';
  };
  const dashboard = createDashboard({ ...deps, stats, expiringBetween: deps.schedule.expiringBetween, expiryCheck });
  // The CSV exports (csv-stringify) load with the first download: the start path does not carry them.
  const exports = onFirstUse(async () =>
    (await import('../dashboard/dashboard-exports')).createDashboardExports({
      ...{ dashboard, stats, audit: deps.audit, clock: deps.clock },
      certificateEnds: () => registeredEnds(deps.certificates.list()),
    }),
  );
  const dashboardExports: DashboardExports = { export: async (...args) => (await exports()).export(...args) };
  return {
    dashboard,
    dashboardStats: stats,
    dashboardRecorder: createDashboardRecorder({ stats, keyFiles: deps.keyFiles, directory: deps.directory }),
    dashboardExports,
  };
}
