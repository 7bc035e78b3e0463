import type { Storage } from '../platform/storage/storage';
import { storedSessionSchema, type Session, type SessionRepository } from './session.repository';

const ROW = 'session';

/** Sessions in the `sessions` table: partition = the id's hash, one row each. */
export function createSessionTableRepository(storage: Storage): SessionRepository {
  const table = storage.tableOf<Omit<Session, 'idHash'>>('sessions');
  return {
    async get(idHash) {
      const row = await table.get(idHash, ROW);
      return row && { ...storedSessionSchema.parse(row), idHash };
    },
    async create({ idHash, ...session }) {
      const result = await table.insert({ partitionKey: idHash, rowKey: ROW, ...session });
      if (result.status === 'exists') throw new Error('Ya existe una sesión con ese identificador.');
    },
    async touch(idHash, lastSeenAt) {
      return (await table.update({ partitionKey: idHash, rowKey: ROW, lastSeenAt }, { mode: 'merge' })).status === 'updated';
    },
    async remove(idHash) {
      await table.delete(idHash, ROW);
    },
  };
}
