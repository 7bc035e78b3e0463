import type { KeyFile, KeyRequest } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { EventPublisher } from '../notifications/event-publisher';
import type { NotificationEvent } from '../notifications/notification-events';
import { assignedFile, replacedEnvironments } from './assignment-rules';
import { autoIssuedForPending } from './auto-issue-view';
import type { EnvironmentName } from './credentials.schemas';

/** An assignment whose save landed: the file before and after, the request it resolved and the event that tells of it. */
export type SavedAssignment = {
  before: KeyFile;
  after: KeyFile;
  pending: KeyRequest | undefined;
  event: NotificationEvent;
  replacedSecrets: EnvironmentName[];
  firstAssignment: boolean;
};

/**
 * The save may have landed, but the store's answer was lost and the file could not be read back to tell:
 * the secrets it wrote may already be the provider's, so nothing is withdrawn.
 */
export class UncertainSaveError extends Error {
  override name = 'UncertainSaveError';
}

/**
 * The key file switched to the new keys in one transaction guarded by the version the official loaded,
 * with the pending request marked assigned. The event is recorded before (outbox): its notice is sent
 * only if this save is the one that landed.
 */
export function createAssignmentSave({ keyFiles, events }: { keyFiles: KeyFileRepository; events: EventPublisher }) {
  /** Whether the stored file carries this assignment; when it cannot be read, neither answer is safe. */
  async function landed(nit: string, assignmentId: string, saveError: unknown): Promise<boolean> {
    const stored = await keyFiles.getFile(nit).catch((readError: unknown) => {
      throw new UncertainSaveError(`No se pudo confirmar el guardado de ${assignmentId}`, { cause: [saveError, readError] });
    });
    return stored.lastAssignmentId === assignmentId;
  }

  return async function saveAssignment(
    file: KeyFile,
    environments: KeyFile['environments'],
    { now, officer, assignmentId, updateReason }: { now: Date; officer: string; assignmentId: string; updateReason?: string | undefined },
  ): Promise<SavedAssignment> {
    // Pre-production issued automatically for this very request does not make the official's save an update.
    const firstAssignment = !file.environments.production && (!file.environments.preproduction || autoIssuedForPending(file));
    const pending = file.pendingRequestId ? await keyFiles.getRequest(file.nit, file.pendingRequestId) : undefined;
    const updated = assignedFile(file, environments, now, assignmentId, { by: officer, reason: updateReason });
    const replacedSecrets = replacedEnvironments(environments, now);
    // A revoked secret's overlap ends the moment it is replaced.
    const revokedSecrets = replacedSecrets.filter((env) => environments[env]!.previousSecrets[0]!.validUntil === now.toISOString());
    const event = await events.record({
      type: 'credentials.assigned',
      nit: file.nit,
      change: firstAssignment ? 'assigned' : 'updated',
      assignmentId: updated.lastAssignmentId!,
      ...(pending && { requestId: pending.id }),
      replacedSecrets,
      ...(revokedSecrets.length > 0 && { revokedSecrets }),
    });
    try {
      await keyFiles.saveFile(updated, pending && { ...pending, status: 'assigned', resolvedAt: now, resolvedBy: officer });
    } catch (error) {
      // A failure is not proof that nothing landed (a commit whose answer was lost, a retry that met its own
      // write as a conflict): only the stored file can say whether this assignment is the provider's now.
      if (!(await landed(file.nit, assignmentId, error))) throw error;
    }
    return { before: file, after: updated, pending, event, replacedSecrets, firstAssignment };
  };
}
