import * as z from 'zod';
import { retryOnConflict } from '../platform/storage/concurrency';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { Row, Table, TableAction } from '../platform/storage/table';

export type FlowEvent = 'recibida' | 'asignada' | 'rechazada';
export type EnvironmentName = 'preproduction' | 'production';

const weekTotalsSchema = z.object({
  recibidas: z.number().default(0),
  recibidasInscripcion: z.number().default(0),
  recibidasResolicitud: z.number().default(0),
  asignadas: z.number().default(0),
  rechazadas: z.number().default(0),
});
export type WeekTotals = z.infer<typeof weekTotalsSchema>;
const factSchema = z.object({ kind: z.enum(['first', 'renewal']), at: z.string(), businessDays: z.number().optional() });
export type Fact = z.infer<typeof factSchema>;
const holderSchema = z.object({
  nit: z.string(),
  environment: z.enum(['preproduction', 'production']),
  name: z.string(),
  department: z.string(),
  municipality: z.string(),
  assignedAt: z.string(),
  expiresOn: z.string(),
  source: z.enum(['manual', 'entra']),
});
export type Holder = z.infer<typeof holderSchema>;

const TOTALS = 'totales';
const HOLDERS = 'titulares';
const weekPartition = (monday: string) => `semana|${monday}`;
const counterOf: Record<FlowEvent, keyof WeekTotals> = { recibida: 'recibidas', asignada: 'asignadas', rechazada: 'rechazadas' };
const emptyWeek = (): WeekTotals => weekTotalsSchema.parse({});

/**
 * The Tablero's small aggregate (table `dashboardstats`), so a view never scans the requests or key files:
 * per Bogotá week a `totales` row (requests received, by kind, assigned, rejected) and one fact row per
 * request and event; and in `titulares` one row per provider and environment with keys, plus their count.
 * A fact row and its counter change are written in one transaction of the week's partition, and a fact row
 * can be created only once: the same event delivered twice (the queue's at-least-once delivery, a rebuild
 * over live data) counts once. Written by the queue worker (dashboard-recorder.ts); rebuilt by
 * `npm run dashboard:rebuild`.
 */
export function createDashboardStats(storage: Storage) {
  const table = storage.tableOf('dashboardstats') as Table<Record<string, unknown>>;

  /** Inserts `fact` and bumps `counters` of the partition's totals row together; false when the fact was there. */
  async function countOnce(partitionKey: string, rowKey: string, fact: Record<string, unknown>, counters: string[]): Promise<boolean> {
    return retryOnConflict(
      async () => {
        if (await table.get(partitionKey, rowKey)) return false;
        const totals = await table.get(partitionKey, TOTALS);
        const next: Record<string, number> = {};
        for (const counter of counters) next[counter] = Number(totals?.[counter] ?? 0) + 1;
        const actions: TableAction<Record<string, unknown>>[] = [{ kind: 'insert', entity: { partitionKey, rowKey, ...fact } }];
        actions.push(
          totals
            ? { kind: 'update', entity: { partitionKey, rowKey: TOTALS, ...next }, mode: 'merge', version: totals.version }
            : { kind: 'insert', entity: { partitionKey, rowKey: TOTALS, ...next } },
        );
        await table.transact(actions);
        return true;
      },
      { failure: 'No fue posible actualizar las cifras del Tablero: demasiadas escrituras a la vez.' },
    );
  }

  return {
    /** Counts a request's event in the week of `week` (its Monday); false when it was already counted. */
    record(week: string, event: FlowEvent, requestKey: { nit: string; requestId: string }, fact: Fact): Promise<boolean> {
      const counters: string[] = [counterOf[event]];
      if (event === 'recibida') counters.push(fact.kind === 'first' ? 'recibidasInscripcion' : 'recibidasResolicitud');
      return countOnce(weekPartition(week), `${event}|${requestKey.nit}|${requestKey.requestId}`, fact, counters);
    },

    /** The provider holds keys in `holder.environment`: counted once, its details kept current. */
    async recordHolder(holder: Holder): Promise<void> {
      const rowKey = `${holder.environment}|${holder.nit}`;
      if (await countOnce(HOLDERS, rowKey, holder, [holder.environment])) return;
      await table.upsert({ partitionKey: HOLDERS, rowKey, ...holder }, 'replace');
    },

    /** Totals of each week asked for (point reads; a week with nothing yet is all zeros). */
    weeks: (mondays: readonly string[]): Promise<WeekTotals[]> =>
      Promise.all(mondays.map(async (monday) => weekTotalsOf(await table.get(weekPartition(monday), TOTALS)))),

    /** The facts of `event` in the given weeks (one partition range each: only that week's rows of that event). */
    async facts(mondays: readonly string[], event: FlowEvent): Promise<Fact[]> {
      const facts: Fact[] = [];
      for (const monday of mondays) {
        const filter = where.and(where.inPartition(weekPartition(monday)), where.rowKeyRange(`${event}|`, `${event}|~`));
        for await (const row of table.query({ filter })) facts.push(factSchema.parse(row));
      }
      return facts;
    },

    async holderTotals(): Promise<Record<EnvironmentName, number>> {
      const totals = await table.get(HOLDERS, TOTALS);
      return { preproduction: Number(totals?.preproduction ?? 0), production: Number(totals?.production ?? 0) };
    },

    /** Every provider and environment with keys, by environment then NIT (one partition read, for the CSV export). */
    async *holders(): AsyncGenerator<Holder> {
      const filter = where.and(where.inPartition(HOLDERS), where.rowKey('ne', TOTALS));
      for await (const row of table.query({ filter })) yield holderSchema.parse(row);
    },

    /** Empties the aggregate (rebuild only). */
    async clear(): Promise<number> {
      let removed = 0;
      for await (const row of table.query({ select: [] })) {
        await table.delete(row.partitionKey, row.rowKey);
        removed++;
      }
      return removed;
    },
  };
}
export type DashboardStats = ReturnType<typeof createDashboardStats>;

function weekTotalsOf(row: Row<Record<string, unknown>> | undefined): WeekTotals {
  return row ? weekTotalsSchema.parse(row) : emptyWeek();
}
