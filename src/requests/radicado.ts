import * as z from 'zod';
import { AppError } from '../kernel/app-error';
import { bogotaYear } from '../kernel/bogota-date';
import type { Clock } from '../platform/clock';
import { retryOnConflict } from '../platform/storage/concurrency';
import type { Storage } from '../platform/storage/storage';

/** `IHCE-2026-000123`: the request's number as people write it on a letter or say it on the phone. */
export const radicadoPattern = /^IHCE-(\d{4})-(\d{6})$/;
const COUNTER = 'contador';

export const formatRadicado = (year: number, number: number) => `IHCE-${year}-${String(number).padStart(6, '0')}`;
/** What officials type, tolerated: lower case, spaces around it. */
export const parseRadicado = (typed: string) => radicadoPattern.exec(typed.trim().toUpperCase());

const counterSchema = z.object({ last: z.number().int().nonnegative() });
const entrySchema = z.object({ nit: z.string(), requestId: z.string() });
export type RadicadoEntry = z.infer<typeof entrySchema> & { radicado: string };

/**
 * Radicados, in the `radicados` table: one partition per year (in Bogotá) holding the year's counter row and
 * one row per number given out (`000123` → NIT and request id), the exact lookup officials search by.
 *
 * Requests live in their provider's partition of `keyfiles` and the counter is shared by all, so they cannot be
 * written in one transaction. The number is taken first: the counter and the number's row are written together
 * under the counter's version (a concurrent taker makes the write fail and `retryOnConflict` reads again), so
 * a number is never given twice. If the request's own save then fails, its number stays unused: a gap in the
 * sequence, never a reuse. The number's row then points at a request that does not exist and `find` says so.
 */
export function createRadicados(storage: Storage, clock: Clock) {
  const table = storage.tableOf<Record<string, unknown>>('radicados');
  return {
    async allocate(target: { nit: string; requestId: string }): Promise<string> {
      const year = bogotaYear(clock.now());
      const partitionKey = String(year);
      return retryOnConflict(
        async () => {
          const counter = await table.get(partitionKey, COUNTER);
          const next = (counter ? counterSchema.parse(counter).last : 0) + 1;
          const entity = { partitionKey, rowKey: COUNTER, last: next };
          await table.transact([
            counter ? { kind: 'update', entity, mode: 'replace', version: counter.version } : { kind: 'insert', entity },
            { kind: 'insert', entity: { partitionKey, rowKey: String(next).padStart(6, '0'), ...target } },
          ]);
          return formatRadicado(year, next);
        },
        {
          attempts: 200,
          failure: () =>
            new AppError(
              'radicado-no-disponible',
              503,
              'No fue posible numerar la solicitud en este momento. Intente de nuevo en unos minutos.',
            ),
        },
      );
    },

    /** The request a radicado was given to, by point read; undefined for a malformed or unknown one. */
    async find(typed: string): Promise<RadicadoEntry | undefined> {
      const match = parseRadicado(typed);
      if (!match) return undefined;
      const row = await table.get(match[1]!, match[2]!);
      return row && { ...entrySchema.parse(row), radicado: formatRadicado(Number(match[1]), Number(match[2])) };
    },
  };
}
export type Radicados = ReturnType<typeof createRadicados>;
