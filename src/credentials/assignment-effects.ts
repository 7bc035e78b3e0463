import type { AuditLog } from '../audit/audit.repository';
import type { Provider } from '../directory/directory.schemas';
import type { EventPublisher } from '../notifications/event-publisher';
import type { PendingQueue } from '../requests/pending-queue';
import type { ProviderSearchIndex } from '../search/provider-search.index';
import { assignmentAuditDetail } from './assignment-rules';
import type { SavedAssignment } from './assignment-save';
import type { AssignmentVerifications } from './assignment-verification';
import type { CredentialSchedule } from './credential-schedule';
import type { AssignCredentialsInput } from './assignment.schemas';
import { cardStateOf } from '../key-files/provider-flags';
import type { EnvironmentName } from './credentials.schemas';

type Deps = {
  schedule: CredentialSchedule;
  pendingQueue: PendingQueue;
  searchIndex: ProviderSearchIndex;
  events: EventPublisher;
  audit: AuditLog;
  log: (message: string, error?: unknown) => void;
  /** Retires a replaced secret at once (the lifecycle's `retire`), for «Revocar de inmediato». */
  retireNow: (nit: string, env: EnvironmentName, version: string, actor: string) => Promise<void>;
};

type Assignment = SavedAssignment & {
  provider: Provider;
  input: AssignCredentialsInput;
  officer: string;
  ip: string | undefined;
  validUntil: string;
  verification: AssignmentVerifications;
};

/**
 * What follows a saved assignment. The save has landed, so none of these undoes it: the derived indexes
 * are also brought up to date by the queue worker for the same event, and a revocation that fails is done
 * by the retirement timer at the end of the overlap.
 */
export function createAssignmentEffects({ schedule, pendingQueue, searchIndex, events, audit, log, retireNow }: Deps) {
  /** A leaked secret the official revoked stops working now, not at the end of the overlap. */
  async function revokeReplacedSecrets({ after, input, replacedSecrets, officer }: Assignment) {
    for (const env of replacedSecrets) {
      if (!input[env].revokePrevious) continue;
      await retireNow(after.nit, env, after.environments[env]!.previousSecrets[0]!.ref.version, officer).catch((error: unknown) =>
        log(`No se pudo revocar de inmediato el secreto anterior de ${env} (${after.nit}); el temporizador lo retirará`, error),
      );
    }
  }

  const planSchedule = ({ after }: Assignment) =>
    schedule.plan(after).catch((error: unknown) => log('Calendario de vencimientos pendiente (lo hará el trabajador de la cola)', error));

  async function leavePendingQueue({ before }: Assignment) {
    if (before.pendingSince)
      await pendingQueue
        .remove({ nit: before.nit, since: before.pendingSince })
        .catch((error: unknown) => log('No se pudo quitar de la cola de pendientes', error));
  }

  // The saved dates, not the typed ones: a certificate-only environment takes its certificate's end date.
  const reindexProvider = ({ provider, after }: Assignment) =>
    searchIndex
      .index(provider, cardStateOf(after))
      .catch((error: unknown) => log('Índice de búsqueda pendiente de actualizar (lo hará el trabajador de la cola)', error));

  const recordAudit = (assignment: Assignment) =>
    audit.record({
      subject: `provider:${assignment.after.nit}`,
      action: assignment.firstAssignment ? 'llaves.asignadas' : 'llaves.actualizadas',
      actor: assignment.officer,
      ip: assignment.ip,
      detail: assignmentAuditDetail(assignment),
    });

  return async function afterSave(assignment: Assignment): Promise<void> {
    await revokeReplacedSecrets(assignment);
    await planSchedule(assignment);
    await leavePendingQueue(assignment);
    await reindexProvider(assignment);
    await events.dispatch(assignment.event);
    await recordAudit(assignment);
  };
}
