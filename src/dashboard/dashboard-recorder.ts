import type { DirectoryRepository } from '../directory/directory.repository';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { KeyRequest } from '../key-files/key-file';
import { businessDaysBetween, weekOf } from './dashboard-math';
import type { DashboardStats, EnvironmentName, FlowEvent } from './dashboard-stats';

const environments: EnvironmentName[] = ['preproduction', 'production'];

/**
 * Keeps the Tablero's aggregate in step with the requests: the queue worker calls it for `request.received`,
 * `request.rejected` and `credentials.assigned` before sending their e-mails (notification-handlers.ts). Each
 * reads the stored request or key file, so an event whose save was lost counts nothing, and each is
 * idempotent (dashboard-stats.ts), so a redelivered event counts once.
 */
export function createDashboardRecorder(deps: {
  stats: DashboardStats;
  keyFiles: Pick<KeyFileRepository, 'getRequest' | 'getFile'>;
  directory: Pick<DirectoryRepository, 'getProvider'>;
}) {
  const { stats, keyFiles, directory } = deps;

  async function countRequest(request: KeyRequest): Promise<void> {
    const key = { nit: request.nit, requestId: request.id };
    await stats.record(weekOf(request.createdAt), 'recibida', key, { kind: request.kind, at: request.createdAt.toISOString() });
    if (request.status === 'pending' || !request.resolvedAt) return;
    const event: FlowEvent = request.status === 'assigned' ? 'asignada' : 'rechazada';
    await stats.record(weekOf(request.resolvedAt), event, key, {
      kind: request.kind,
      at: request.resolvedAt.toISOString(),
      businessDays: businessDaysBetween(request.createdAt, request.resolvedAt),
    });
  }

  async function countHolders(nit: string): Promise<void> {
    const file = await keyFiles.getFile(nit);
    const provider = await directory.getProvider(nit);
    const site = provider?.sites[0];
    for (const environment of environments) {
      const credentials = file.environments[environment];
      if (!credentials) continue;
      await stats.recordHolder({
        nit,
        environment,
        name: provider?.name ?? '',
        department: site?.department ?? '',
        municipality: site?.municipality ?? '',
        assignedAt: credentials.assignedAt,
        expiresOn: credentials.expiresOn,
        source: credentials.source,
      });
    }
  }

  /** A request was registered, rejected or resolved by an assignment: counts what the stored request shows. */
  async function requestChanged(nit: string, requestId: string): Promise<void> {
    const request = await keyFiles.getRequest(nit, requestId);
    if (request) await countRequest(request);
  }

  return {
    requestChanged,
    /** Keys were assigned or updated: the request (if any) and the provider's environments with keys. */
    async keysChanged(nit: string, requestId: string | undefined): Promise<void> {
      if (requestId) await requestChanged(nit, requestId);
      await countHolders(nit);
    },
    countRequest,
    countHolders,
  };
}
export type DashboardRecorder = ReturnType<typeof createDashboardRecorder>;
