import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import { AppError, conflict, notFound } from '../kernel/app-error';
import type { RequestMeta } from '../kernel/request-meta';
import { eventIdFor, type createEventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { Version } from '../platform/storage/table';
import { assertOfficer } from './officer-access';

type Deps = {
  storage: Storage;
  audit: AuditLog;
  clock: Clock;
  events: Pick<ReturnType<typeof createEventPublisher>, 'publish'>;
  log: (message: string, error?: unknown) => void;
  /** OFFICER_REVEALS_PER_HOUR: reveals one official may make in a rolling hour. */
  perHour: number;
  /** OFFICER_REVEAL_BURST_PROVIDERS: revealing the secrets of more providers than this in an hour blocks the official. */
  burstProviders: number;
};

type RevealRow = { nit: string };
type BlockRow = { blockedAt: string; providers: number; liftedAt?: string; liftedBy?: string };

const HOUR_MS = 3_600_000;
const BLOCKS = 'bloqueos';

export const revealsBlocked = () =>
  new AppError(
    'revelaciones-bloqueadas',
    423,
    'Sus revelaciones de ClientSecret están bloqueadas: en la última hora pidió los de demasiados prestadores y se avisó a seguridad del Ministerio. Otro funcionario debe desbloquearlas desde su página de inicio («Desbloquear revelaciones»); usted no puede hacerlo.',
  );

/**
 * The brakes on officials' reveals of typed-in secrets: a rolling hourly limit per official, and a burst
 * (more than `burstProviders` providers in an hour) that blocks the official and e-mails security until
 * another official lifts it. Each attempt is counted before the secret is read, so parallel calls cannot
 * slip past the limit together.
 */
export function createRevealBrakes({ storage, audit, clock, events, log, perHour, burstProviders }: Deps) {
  const reveals = storage.tableOf<RevealRow>('reveals');
  const blocks = storage.tableOf<BlockRow>('revealblocks');
  const activeBlock = async (username: string) => {
    const row = await blocks.get(BLOCKS, username);
    return row && !row.liftedAt ? row : undefined;
  };

  /** Counts older than the hour no longer matter (the audit keeps every reveal): each official's partition stays small. */
  async function forgetOlderThan(username: string, before: string) {
    const old = where.and(where.inPartition(username), where.rowKeyRange(undefined, before));
    const rows = [];
    for await (const row of reveals.query({ filter: old, select: [] })) rows.push(row);
    await Promise.all(rows.map((row) => reveals.delete(row.partitionKey, row.rowKey))).catch((error: unknown) =>
      log(`No se pudieron borrar conteos viejos de revelaciones de ${username}`, error),
    );
  }

  async function block(officer: SessionUser, providers: number, previous: Version | undefined, meta: RequestMeta) {
    const blockedAt = clock.now().toISOString();
    const row = { partitionKey: BLOCKS, rowKey: officer.username, blockedAt, providers };
    // A parallel attempt may have blocked first: only the one that writes the block tells security.
    const written = previous
      ? (await blocks.update(row, { mode: 'replace', version: previous })).status === 'updated'
      : (await blocks.insert(row)).status === 'inserted';
    if (!written) return;
    await audit.record({
      subject: `user:${officer.username}`,
      action: 'revelaciones.bloqueadas',
      actor: 'sistema',
      ip: meta.ip,
      detail: { prestadores: providers, limite: burstProviders },
    });
    await events
      .publish(
        { type: 'officer.reveals-blocked', username: officer.username, blockedAt, providers },
        eventIdFor(`revelaciones-bloqueadas:${officer.username}:${blockedAt}`),
      )
      .catch((error: unknown) => log(`No se pudo avisar a seguridad del bloqueo de ${officer.username}`, error));
  }

  return {
    /** Counts this attempt; refuses it past the hourly limit, and blocks the official on a burst. */
    async admit(officer: SessionUser, nit: string, meta: RequestMeta): Promise<void> {
      const now = clock.now();
      const previous = await blocks.get(BLOCKS, officer.username);
      if (previous && !previous.liftedAt) throw revealsBlocked();
      // A lifted block starts the count again (after the lift's instant): the reveals before it were judged by whoever lifted it.
      const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
      const from = previous?.liftedAt && previous.liftedAt >= hourAgo ? `${previous.liftedAt}|~` : hourAgo;
      await reveals.insert({ partitionKey: officer.username, rowKey: `${now.toISOString()}|${randomUUID()}`, nit });
      const recent: { at: number; nit: string }[] = [];
      const filter = where.and(where.inPartition(officer.username), where.rowKeyRange(from, '~'));
      for await (const row of reveals.query({ filter, select: ['nit'] }))
        recent.push({ at: Date.parse(row.rowKey.split('|')[0]!), nit: row.nit });
      const providers = new Set(recent.map((reveal) => reveal.nit)).size;
      await forgetOlderThan(officer.username, hourAgo);
      if (providers > burstProviders) {
        await block(officer, providers, previous?.version, meta);
        throw revealsBlocked();
      }
      if (recent.length > perHour) {
        // Rows come oldest first: one more is allowed once the oldest leaves the hour.
        const retryAfter = Math.max(60, Math.ceil((recent[0]!.at + HOUR_MS - now.getTime()) / 1000));
        throw new AppError(
          'limite-de-revelaciones',
          429,
          `Ya reveló ${perHour} ClientSecret en la última hora, el máximo por funcionario. Intente de nuevo más tarde.`,
          { headers: { 'Retry-After': String(retryAfter) } },
        );
      }
    },

    /** Officials whose reveals are blocked now, for the colleagues who may lift it. */
    async blocked(officer: SessionUser) {
      assertOfficer(officer);
      const items = [];
      for await (const row of blocks.query({ filter: where.inPartition(BLOCKS) }))
        if (!row.liftedAt) items.push({ username: row.rowKey, blockedAt: row.blockedAt, providers: row.providers });
      return { items };
    },

    /** Another official lifts a colleague's block (never their own); on record in the colleague's trail. */
    async lift(officer: SessionUser, username: string, meta: RequestMeta): Promise<void> {
      assertOfficer(officer);
      if (username.toUpperCase() === officer.username.toUpperCase())
        throw new AppError(
          'desbloqueo-propio',
          403,
          'No puede desbloquear sus propias revelaciones: pídaselo a otro funcionario del Ministerio, que revisará lo ocurrido.',
        );
      const row = await activeBlock(username);
      if (!row) throw notFound('Ese funcionario no tiene las revelaciones bloqueadas.');
      const lifted = { partitionKey: BLOCKS, rowKey: username, liftedAt: clock.now().toISOString(), liftedBy: officer.username };
      const result = await blocks.update(lifted, { mode: 'merge', version: row.version });
      if (result.status !== 'updated')
        throw conflict('bloqueo-modificado', 'Otro funcionario cambió este bloqueo mientras tanto. Recargue la lista.');
      await audit.record({
        subject: `user:${username}`,
        action: 'revelaciones.desbloqueadas',
        actor: officer.username,
        ip: meta.ip,
        detail: { bloqueadoEl: row.blockedAt, prestadores: row.providers },
      });
    },
  };
}
export type RevealBrakes = ReturnType<typeof createRevealBrakes>;
