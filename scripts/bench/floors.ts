import { queryWords, searchWords } from '../../src/kernel/text-folding';
import type { BenchUser } from './bench-fixtures';
import { createFloorStorage } from './floor-storage';

/** What «Guardar llaves» is measured on: the provider, and who made the request its keys answer. */
export type SaveTarget = { nit: string; name: string; codes: string[]; requestId: string; requesterKey: string };

/**
 * The floor of each measured call: the Table (and Queue) Storage operations its code path must perform, in the
 * same order and with the same parallelism, timed directly with the SDK clients against the same Azurite. Each
 * floor names the source functions it mirrors (file: function), so it can be checked again when they change;
 * `npx tsx scripts/bench/trace-floors.ts` lists the calls of the app and of the floor side by side. Storage
 * work the operation does beyond what its answer needs is left out of the floor (docs/rendimiento.md «Trabajo evitable» says which).
 * Reads and writes: see floor-storage.ts.
 */
export async function createFloors(connectionString: string, tablePrefix: string) {
  const s = await createFloorStorage(connectionString, tablePrefix);
  const { t, maybe, query, insert, put, esc } = s;
  const prefix = (value: string, width: number) =>
    value.length >= width
      ? `PartitionKey eq '${esc(value.slice(0, width))}' and RowKey ge '${esc(value)}' and RowKey lt '${esc(value)}\uffff'`
      : `PartitionKey ge '${esc(value)}' and PartitionKey lt '${esc(value)}\uffff'`;
  const cards = (nits: string[]) => Promise.all(nits.map((nit) => t('idxnit').getEntity(nit, 'card')));
  const requests = (nit: string) => query('keyfiles', `PartitionKey eq '${esc(nit)}' and RowKey ge 'request-' and RowKey lt 'request.'`);
  /** The copies of a pending-queue row (pending-queue.ts: indexPartitions): kind, department, both. */
  const copies = ['t|first', 'd|x', 'd|x|t|first'];

  /** http-pipeline admit → session.service.ts: resolve: session, account, then its holder (account-holder.ts: resolveHolder). */
  async function authenticate(user: BenchUser) {
    await t('sessions').getEntity(user.idHash, 'session');
    await t('accounts').getEntity(user.accountKey, 'account');
    if (user.nit) await Promise.all([t('delegates').getEntity(user.nit, user.personKey), t('providers').getEntity(user.nit, 'provider')]);
    else await t('officers').getEntity('officer', user.personKey);
  }
  /** audit.table-repository.ts: record, one insert. */
  const audit = (bytes: number) => insert('audit', { detail: 'x'.repeat(bytes), at: new Date() });
  /** event-publisher dispatch of one recorded event: queue message, then the outbox row deleted. */
  const dispatch = async (outbox: { partitionKey: string; rowKey: string }, bytes: number) => {
    await s.send(bytes);
    await s.remove('outbox', outbox.partitionKey, outbox.rowKey);
  };
  /** event-publisher record: one outbox insert (a row deleted by `dispatch`, so made with known keys). */
  const record = async (bytes: number) => {
    const outbox = { partitionKey: `pending-${s.unique()}`, rowKey: 'event' };
    await s.scratchInsert('outbox', outbox.partitionKey, outbox.rowKey, { event: 'x'.repeat(bytes) });
    return outbox;
  };

  return {
    /**
     * POST /api/sessions. rate-limiter.ts: hit (ingreso-ip: insert, count of the window); captcha.service.ts: the
     * used-captcha insert; account-entry.use-case.ts: signIn → rate-limiter.ts: check (ingreso-cuenta: count only,
     * a row is added only after a failure); session.service.ts: signIn: account read, reserveAttempt (replace),
     * resolveHolder (delegate ‖ provider), the counter's reset (replace), session insert, audit insert. The reads
     * inside accounts.modify (two) are left out: each re-reads the row just read or written (see notes).
     */
    async signIn(user: BenchUser) {
      const window = String(Math.floor(Date.now() / 600_000) * 600_000).padStart(15, '0');
      await s.scratchInsert('ratelimits', `ip|${user.username}`, `${window}|${s.unique()}`);
      await s.scratchCount('ratelimits', `ip|${user.username}`, `${window}|`, `${window}|~`);
      await insert('captchas', { usedAt: new Date(), answer: 'x'.repeat(60) });
      await s.scratchCount('ratelimits', `account|${user.username}`, `${window}|`, `${window}|~`);
      const {
        etag: _etag,
        timestamp: _timestamp,
        ...account
      } = await t('accounts').getEntity<Record<string, unknown>>(user.accountKey, 'account');
      await put('accounts', user.accountKey, 'account', account);
      await Promise.all([t('delegates').getEntity(user.nit!, user.personKey), t('providers').getEntity(user.nit!, 'provider')]);
      await put('accounts', user.accountKey, 'account', account);
      await insert('sessions', { username: user.username, createdAt: new Date(), lastSeenAt: new Date(), ip: 'x'.repeat(40) });
      await audit(120);
    },

    /** GET /api/my/credentials. my-credentials.service.ts: view: authenticate; key file ‖ the requests of the history. */
    async myCredentials(user: BenchUser) {
      await authenticate(user);
      await Promise.all([t('keyfiles').getEntity(user.nit!, 'file'), requests(user.nit!)]);
    },

    /**
     * POST /api/my/requests. request.service.ts: submit: authenticate; key file; radicado.ts: allocate (counter
     * read, then counter + number in one transaction); event-publisher record ×2 (the ministry alert in mode
     * «each», the receipt); pending-queue.ts: add (the row and its three filter copies, in parallel);
     * key-file.table-repository.ts: saveRequest (file + request, one transaction); dispatch ×2; audit. Left out:
     * pending-queue.ts: add reads the provider again for its department (authenticate read it already).
     */
    async submitRequest(user: BenchUser) {
      const nit = user.nit!;
      await authenticate(user);
      await s.maybe('keyfiles', nit, 'file');
      const year = String(new Date().getFullYear());
      await maybe('radicados', year, 'contador');
      await s.batch('radicados', year, [
        { rowKey: 'contador', entity: { next: 1 } },
        { rowKey: `numero-${s.unique()}`, entity: { nit, requestId: 'x'.repeat(40) }, create: true },
      ]);
      const alert = await record(200);
      const receipt = await record(200);
      const since = new Date().toISOString();
      await Promise.all(
        ['pending', ...copies].map((partition) =>
          put('pendingqueue', partition, `${since}|${nit}|${s.unique()}`, { body: 'x'.repeat(120) }),
        ),
      );
      await s.batch('keyfiles', `${nit}-${s.unique()}`, [
        { rowKey: 'file', entity: { everRequested: true, body: 'x'.repeat(500) }, create: true },
        { rowKey: 'request', entity: { body: 'x'.repeat(900) }, create: true },
      ]);
      await dispatch(alert, 200);
      await dispatch(receipt, 200);
      await audit(250);
    },

    /**
     * GET /api/requests (Asignar Token, 20 a page). pending-requests.service.ts: list: authenticate;
     * pending-queue.ts: matching (the whole «pending» partition, every page up to 5 000 rows: the list shows
     * how many wait); fill → check: for each of the 20 rows shown, its key file ‖ its provider, all rows at once.
     */
    async pending(officer: BenchUser, pageSize = 20) {
      await authenticate(officer);
      const rows = await query('pendingqueue', `PartitionKey eq 'pending'`, { max: 5_000 });
      await Promise.all(
        rows
          .slice(0, pageSize)
          .map((row) =>
            Promise.all([t('keyfiles').getEntity(String(row.nit), 'file'), t('providers').getEntity(String(row.nit), 'provider')]),
          ),
      );
    },

    /** GET /api/providers?q=<NIT>: authenticate; the card ‖ the longer NITs it begins (two point reads). */
    async searchNit(officer: BenchUser, nit: string) {
      await authenticate(officer);
      await Promise.all([maybe('idxnit', nit, 'card'), nit.length < 10 ? maybe('idxnitext', nit.slice(0, 8), 'ext') : undefined]);
    },

    /** q=<habilitation code, 10 digits>: tried as a NIT first (no card), then its base's row, then the cards. */
    async searchCode(officer: BenchUser, code: string) {
      await authenticate(officer);
      await maybe('idxnit', code, 'card');
      const row = await maybe('idxcode', code.slice(0, 10), 'codes');
      const nits = new Set(
        String(row?.items ?? '')
          .split(',')
          .filter((entry) => entry.startsWith(code))
          .map((entry) => entry.split('|')[1]!),
      );
      await cards([...nits].sort().slice(0, 20));
    },

    /** q=<one word>, first page: the heads of the words it begins (one small range). */
    async searchWord(officer: BenchUser, word: string) {
      await authenticate(officer);
      const [typed] = queryWords(word);
      await query('idxhead', prefix(typed!, 2));
    },

    /** Before «Guardar llaves» is timed: the pending-queue rows its floor takes out (the app's were written by the requests). */
    async prepareSaves(targets: SaveTarget[]) {
      for (const { nit } of targets)
        await Promise.all(
          ['pending', ...copies].map((partition) => s.scratchInsert('pendingqueue', partition, nit, { body: 'x'.repeat(120) })),
        );
    },

    /**
     * PUT /api/providers/{nit}/credentials (save-provider-keys.use-case.ts), keys typed for both environments:
     * credential-assignment.service.ts: assign: authenticate; providerOf; the key file;
     * assignment-verification.ts: assignmentVerifications (one verification record per environment, both at once);
     * secret-issuing.ts: storeSecret ×2 (in parallel); assignment-save.ts: saveAssignment (the pending request,
     * event record, file + request in one transaction); assignment-effects.ts: afterSave: planSchedule
     * (credential-schedule.ts: plan, 4 rows at once), leavePendingQueue (pending-queue.ts: remove: the row read,
     * its copies deleted at once, then the row), reindexProvider (search-index-writers.ts: index, below), dispatch,
     * audit; then officer-console.service.ts: file: the history ‖, then who made the request (requesterOf).
     * Left out: file re-reads the provider and the key file that assign has just read and written (see notes).
     */
    async saveCredentials(officer: BenchUser, target: SaveTarget) {
      const { nit, name, codes } = target;
      await authenticate(officer);
      await t('providers').getEntity(nit, 'provider');
      await t('keyfiles').getEntity(nit, 'file');
      await Promise.all(['preproduction', 'production'].map((env) => maybe('keyverifications', nit, `floor-${env}`)));
      const secret = { iv: 'x'.repeat(16), tag: 'x'.repeat(24), data: 'x'.repeat(64) };
      await Promise.all([insert('secrets', secret), insert('secrets', secret)]);
      await t('keyfiles').getEntity(nit, `request-${target.requestId}`);
      const event = await record(300);
      await s.batch('keyfiles', nit, [
        { rowKey: 'file', entity: { environments: 'x'.repeat(1500) } },
        { rowKey: `request-${target.requestId}`, entity: { body: 'x'.repeat(900) } },
      ]);
      await Promise.all(
        ['expiries', 'expiries', 'reminders', 'reminders'].map((table, k) => put(table, 'all', `2027-09-25|${nit}|${k}`, { nit })),
      );
      await s.scratchRead('pendingqueue', 'pending', nit);
      await Promise.all(copies.map((partition) => s.remove('pendingqueue', partition, nit)));
      await s.remove('pendingqueue', 'pending', nit);
      // search-index-writers.ts: index, for a first assignment (the bench's writers hold no keys yet, so no previous
      // card and the full path; a re-index with the same name and codes only rewrites the cards): previous card; name row ‖ longer-NIT list ‖ code bases (editList: read,
      // write; 4 at a time); addNamePartitions (read; no write when unchanged); per word editWord (its chunks,
      // a write) then putInHead (read, write); the card last.
      await maybe('idxnit', nit, 'card');
      const bases = [...new Set(codes.map((code) => code.slice(0, 10)))];
      await Promise.all([
        put('idxname', nit.slice(0, 3), `name-${nit}`, { nit, name: 'x'.repeat(40) }),
        maybe('idxnitext', nit.slice(0, 8), 'ext').then((row) =>
          put('idxnitext', nit.slice(0, 8), 'ext', { items: String(row?.items ?? nit) }),
        ),
        ...bases.map((base) =>
          maybe('idxcode', base, 'codes').then((row) => put('idxcode', base, 'codes', { items: String(row?.items ?? 'x'.repeat(23)) })),
        ),
      ]);
      await maybe('idxname', '~', 'particiones');
      for (const word of searchWords(name)) {
        const chunks = await query('idxword', prefix(`${word}|`, 2));
        await put('idxword', word.slice(0, 2), `${word}|0000`, { nits: String(chunks.at(-1)?.nits ?? nit) });
        const head = await maybe('idxhead', word.slice(0, 2), word);
        await put('idxhead', word.slice(0, 2), word, { p0: String(head?.p0 ?? '') });
      }
      await put('idxnit', nit, 'card', { data: 'x'.repeat(280) });
      await dispatch(event, 300);
      await audit(600);
      await requests(nit);
      await t('delegates').getEntity(nit, target.requesterKey);
    },

    dispose: s.dispose,
  };
}
