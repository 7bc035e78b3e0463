import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { DashboardRecorder } from './dashboard-recorder';
import type { DashboardStats } from './dashboard-stats';

/**
 * `npm run dashboard:rebuild`: empties the Tablero's aggregate and counts again every request and every
 * provider with keys from the key files (a full scan, once). For after restoring a backup, after upgrading
 * to the release that added the Tablero (requests made before it are not counted until then), or if the
 * figures are ever in doubt. Safe while the app runs: counting is idempotent, so an event the queue worker
 * records during the rebuild is counted once.
 */
export async function rebuildDashboard(services: {
  keyFiles: Pick<KeyFileRepository, 'listFiles' | 'listRequests'>;
  dashboardStats: Pick<DashboardStats, 'clear'>;
  dashboardRecorder: Pick<DashboardRecorder, 'countRequest' | 'countHolders'>;
}): Promise<{ cleared: number; providers: number; requests: number }> {
  const cleared = await services.dashboardStats.clear();
  let providers = 0;
  let requests = 0;
  for await (const file of services.keyFiles.listFiles()) {
    for (const request of await services.keyFiles.listRequests(file.nit, 10_000)) {
      await services.dashboardRecorder.countRequest(request);
      requests++;
    }
    if (file.environments.preproduction || file.environments.production) {
      await services.dashboardRecorder.countHolders(file.nit);
      providers++;
    }
  }
  return { cleared, providers, requests };
}
