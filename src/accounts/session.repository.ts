import * as z from 'zod';
import { getEntityOrUndefined, isStatus, type Storage } from '../platform/storage/storage';

const ROW = 'session';

const sessionEntitySchema = z.object({
  username: z.string(),
  createdAt: z.coerce.date(),
  lastSeenAt: z.coerce.date(),
  ip: z.string().optional(),
});
export type Session = z.infer<typeof sessionEntitySchema> & { idHash: string };

/** Sessions keyed by the SHA-256 of the cookie value: a leaked table does not yield usable cookies. */
export function createSessionRepository(storage: Storage) {
  const table = storage.table('sessions');
  return {
    async get(idHash: string): Promise<Session | undefined> {
      const row = await getEntityOrUndefined(table, idHash, ROW);
      return row && { ...sessionEntitySchema.parse(row), idHash };
    },
    async create(session: Session): Promise<void> {
      const { idHash, ...rest } = session;
      await table.createEntity({ partitionKey: idHash, rowKey: ROW, ...rest });
    },
    /** Answers false when the session was removed meanwhile (signed out in another tab). */
    async touch(idHash: string, lastSeenAt: Date): Promise<boolean> {
      try {
        await table.updateEntity({ partitionKey: idHash, rowKey: ROW, lastSeenAt }, 'Merge');
        return true;
      } catch (error) {
        if (isStatus(error, 404)) return false;
        throw error;
      }
    },
    async remove(idHash: string): Promise<void> {
      try {
        await table.deleteEntity(idHash, ROW);
      } catch (error) {
        if (!isStatus(error, 404)) throw error;
      }
    },
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
