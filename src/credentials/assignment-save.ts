import { randomUUID } from 'node:crypto';
import type { KeyFile, KeyRequest } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { EventPublisher } from '../notifications/event-publisher';
import type { NotificationEvent } from '../notifications/notification-events';
import { assignedFile, replacedEnvironments } from './assignment-rules';
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
 * The key file switched to the new keys in one transaction guarded by the version the official loaded,
 * with the pending request marked assigned. The event is recorded before (outbox): its notice is sent
 * only if this save is the one that landed.
 */
export function createAssignmentSave({ keyFiles, events }: { keyFiles: KeyFileRepository; events: EventPublisher }) {
  return async function saveAssignment(
    file: KeyFile,
    environments: KeyFile['environments'],
    { now, officer }: { now: Date; officer: string },
  ): Promise<SavedAssignment> {
    const firstAssignment = !file.environments.preproduction && !file.environments.production;
    const pending = file.pendingRequestId ? await keyFiles.getRequest(file.nit, file.pendingRequestId) : undefined;
    const updated = assignedFile(file, environments, now, randomUUID());
    const replacedSecrets = replacedEnvironments(environments, now);
    const event = await events.record({
      type: 'credentials.assigned',
      nit: file.nit,
      change: firstAssignment ? 'assigned' : 'updated',
      assignmentId: updated.lastAssignmentId!,
      ...(pending && { requestId: pending.id }),
      replacedSecrets,
    });
    await keyFiles.saveFile(updated, pending && { ...pending, status: 'assigned', resolvedAt: now, resolvedBy: officer });
    return { before: file, after: updated, pending, event, replacedSecrets, firstAssignment };
  };
}
