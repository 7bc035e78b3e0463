import * as z from 'zod';
import type { Storage } from '../platform/storage/storage';
import type { NotificationLog } from './notification-log.repository';

const ROW = 'sent';
const loggedEventSchema = z.object({ state: z.string().optional(), claimedAt: z.coerce.date().optional() });
type LogRow = { state: string; type: string; claimedAt?: Date; outcome?: string; at?: Date };

/** The log in the `notificationlog` table: partition = event id. */
export function createNotificationLogTable(storage: Storage): NotificationLog {
  const table = storage.tableOf<LogRow>('notificationlog');
  const processing = (eventId: string, type: string, at: Date) => ({
    partitionKey: eventId,
    rowKey: ROW,
    state: 'processing',
    claimedAt: at,
    type,
  });
  return {
    async claim(eventId, type, at) {
      return (await table.insert(processing(eventId, type, at))).status === 'inserted';
    },
    async get(eventId) {
      const row = await table.get(eventId, ROW);
      return row && { ...loggedEventSchema.parse(row), version: row.version };
    },
    async takeOver(eventId, type, at, version) {
      const result = await table.update(processing(eventId, type, at), { mode: 'replace', version });
      if (result.status === 'missing') throw new Error(`El registro del evento ${eventId} desapareció mientras se tomaba.`);
      return result.status === 'updated';
    },
    async release(eventId) {
      await table.delete(eventId, ROW);
    },
    async markDone(eventId, type, outcome, at) {
      await table.upsert({ partitionKey: eventId, rowKey: ROW, state: 'done', type, outcome, at });
    },
  };
}
