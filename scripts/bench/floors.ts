import { randomBytes, randomUUID } from 'node:crypto';
import { TableClient, type TableEntity } from '@azure/data-tables';
import { QueueClient } from '@azure/storage-queue';
import { queryWords, searchWords } from '../../src/kernel/text-folding';
import type { BenchUser } from './bench-fixtures';

/**
 * The floor of each measured call: the Table (and Queue) Storage operations its code path performs, in the
 * same order and with the same parallelism, timed directly with the SDK clients against the same Azurite.
 * Reads hit the very rows the endpoint reads; writes go to a scratch table and queue (same kind of
 * operation and size) so the floor never changes what the endpoints see.
 */
export async function createFloors(connectionString: string, tablePrefix: string) {
  const tables = new Map<string, TableClient>();
  const t = (name: string) => {
    let client = tables.get(name);
    if (!client) {
      client = TableClient.fromConnectionString(connectionString, `${tablePrefix}${name}`, { allowInsecureConnection: true });
      tables.set(name, client);
    }
    return client;
  };
  const scratch = TableClient.fromConnectionString(connectionString, 'benchfloor', { allowInsecureConnection: true });
  await scratch.createTable();
  const queue = new QueueClient(connectionString, 'benchfloor');
  await queue.createIfNotExists();
  const unique = () => randomBytes(8).toString('hex');
  const write = (entity: Record<string, unknown>) =>
    scratch.upsertEntity({ partitionKey: unique(), rowKey: 'r', ...entity } as TableEntity, 'Replace');
  const esc = (value: string) => value.replace(/'/g, "''");
  async function query(table: TableClient, filter: string, pageSize?: number) {
    const iterator = table.listEntities({ queryOptions: { filter } }).byPage(pageSize ? { maxPageSize: pageSize } : {});
    const rows: Record<string, unknown>[] = [];
    for await (const page of iterator) {
      rows.push(...page);
      if (pageSize) break;
    }
    return rows;
  }
  const prefix = (value: string, width: number) =>
    value.length >= width
      ? `PartitionKey eq '${esc(value.slice(0, width))}' and RowKey ge '${esc(value)}' and RowKey lt '${esc(value)}\uffff'`
      : `PartitionKey ge '${esc(value)}' and PartitionKey lt '${esc(value)}\uffff'`;
  const maybe = (table: TableClient, partitionKey: string, rowKey: string) =>
    table.getEntity<Record<string, unknown>>(partitionKey, rowKey).catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return undefined;
      throw error;
    });
  const cards = (nits: string[]) => Promise.all(nits.map((nit) => t('idxnit').getEntity(nit, 'card')));

  /** http-pipeline admit → sessions.authenticate: session row, account row, then who holds it (directory). */
  async function authenticate(user: BenchUser) {
    await t('sessions').getEntity(user.idHash, 'session');
    await t('accounts').getEntity(user.accountKey, 'account');
    if (user.nit) await Promise.all([t('delegates').getEntity(user.nit, user.personKey), t('providers').getEntity(user.nit, 'provider')]);
    else await t('officers').getEntity('officer', user.personKey);
  }
  /** audit.record: one insert. */
  const audit = () => write({ subject: 'x', action: 'floor', actor: 'x', at: new Date() });

  return {
    /**
     * POST /api/sessions: the two rate limits (per address, then per account: an insert and a count of the
     * window each; src/platform/rate-limiter.ts); then session.service signIn: captcha used-row insert; account read; reserveAttempt =
     * account read + conditional replace; (scrypt, not storage); delegate ‖ provider read; reset of the
     * attempt counter = account read + replace; session insert; audit insert.
     */
    async signIn(user: BenchUser) {
      for (const key of [`ip-${user.username}`, user.username]) {
        const partitionKey = `floor|${key}`;
        await scratch.createEntity({ partitionKey, rowKey: `${Date.now()}|${unique()}` } as TableEntity);
        await query(scratch, `PartitionKey eq '${esc(partitionKey)}'`);
      }
      await write({ usedAt: new Date() });
      await t('accounts').getEntity(user.accountKey, 'account');
      const account = await t('accounts').getEntity(user.accountKey, 'account');
      await write({ ...account, partitionKey: unique(), rowKey: 'r' });
      await Promise.all([t('delegates').getEntity(user.nit!, user.personKey), t('providers').getEntity(user.nit!, 'provider')]);
      await t('accounts').getEntity(user.accountKey, 'account');
      await write({ ...account, partitionKey: unique(), rowKey: 'r' });
      await write({ username: user.username, createdAt: new Date(), lastSeenAt: new Date(), ip: '127.0.0.1' });
      await audit();
    },

    /** GET /api/my/credentials (my-credentials view): authenticate; key-file row ‖ the 20 newest requests. */
    async myCredentials(user: BenchUser) {
      await authenticate(user);
      await Promise.all([
        t('keyfiles').getEntity(user.nit!, 'file'),
        query(t('keyfiles'), `PartitionKey eq '${user.nit}' and RowKey ge 'request-' and RowKey lt 'request.'`),
      ]);
    },

    /**
     * POST /api/my/requests (request.service submit): authenticate; key-file read; outbox insert; pending
     * queue upsert; transaction (request + file); queue message; outbox delete; audit insert.
     */
    async submitRequest(user: BenchUser) {
      await authenticate(user);
      await t('keyfiles').getEntity(user.nit!, 'file');
      const outbox = { partitionKey: unique(), rowKey: randomUUID(), event: 'x'.repeat(200), createdAt: new Date() };
      await scratch.createEntity(outbox);
      await write({ nit: user.nit, requestId: 'x', since: new Date() });
      const partitionKey = unique();
      await scratch.submitTransaction([
        ['create', { partitionKey, rowKey: 'request-1', body: 'x'.repeat(600) }],
        ['create', { partitionKey, rowKey: 'file', everRequested: true, environments: '{}' }],
      ]);
      await queue.sendMessage(Buffer.from('x'.repeat(200)).toString('base64'));
      await scratch.deleteEntity(outbox.partitionKey, outbox.rowKey);
      await audit();
    },

    /** GET /api/requests (officer-console pending): authenticate; a page of the queue; per row key file then provider (rows in parallel). */
    async pending(officer: BenchUser, pageSize = 20) {
      await authenticate(officer);
      const rows = await query(t('pendingqueue'), `PartitionKey eq 'pending'`, pageSize);
      await Promise.all(
        rows.map(async (row) => {
          await t('keyfiles').getEntity(String(row.nit), 'file');
          await t('providers').getEntity(String(row.nit), 'provider');
        }),
      );
    },

    /** GET /api/providers?q=<NIT>: authenticate; the card ‖ the longer NITs it begins (two point reads). */
    async searchNit(officer: BenchUser, nit: string) {
      await authenticate(officer);
      await Promise.all([maybe(t('idxnit'), nit, 'card'), nit.length < 10 ? maybe(t('idxnitext'), nit.slice(0, 8), 'ext') : undefined]);
    },

    /** q=<habilitation code, 10 digits>: tried as a NIT first (no card), then its base's row, then the cards. */
    async searchCode(officer: BenchUser, code: string) {
      await authenticate(officer);
      await maybe(t('idxnit'), code, 'card');
      const row = await maybe(t('idxcode'), code.slice(0, 10), 'codes');
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
      await query(t('idxhead'), prefix(typed!, 2));
    },

    /**
     * PUT /api/providers/{nit}/credentials (credential-assignment assign, then officer-console file):
     * authenticate; provider; key file; both ClientSecrets into the secret store; the pending request; outbox
     * insert; transaction (file + request); expiry and reminder rows; pending-queue delete; search index
     * (see below);
     * queue message; outbox delete; audit insert; then the file view (provider ‖ file ‖ requests).
     */
    async saveCredentials(officer: BenchUser, nit: string, name: string, codes: string[]) {
      await authenticate(officer);
      await t('providers').getEntity(nit, 'provider');
      const file = await t('keyfiles').getEntity<{ pendingRequestId?: string }>(nit, 'file');
      await Promise.all([
        write({ iv: 'x'.repeat(16), tag: 'x'.repeat(24), data: 'x'.repeat(64) }),
        write({ iv: 'x'.repeat(16), tag: 'x'.repeat(24), data: 'x'.repeat(64) }),
      ]);
      if (file.pendingRequestId) await t('keyfiles').getEntity(nit, `request-${file.pendingRequestId}`);
      const outbox = { partitionKey: unique(), rowKey: randomUUID(), event: 'x'.repeat(300), createdAt: new Date() };
      await scratch.createEntity(outbox);
      const partitionKey = unique();
      await scratch.submitTransaction([
        ['upsert', { partitionKey, rowKey: 'file', environments: 'x'.repeat(900) }, 'Replace'],
        ['upsert', { partitionKey, rowKey: 'request-1', body: 'x'.repeat(600) }, 'Replace'],
      ]);
      await Promise.all([write({ e: 1 }), write({ e: 2 }), write({ e: 3 }), write({ e: 4 })]);
      await write({ deleted: true });
      // Search index: previous card; card ‖ name ‖ longer-NIT list (read + replace) ‖ code base (read + replace).
      await maybe(t('idxnit'), nit, 'card');
      await Promise.all([
        write({ data: 'x'.repeat(300) }),
        write({ nit }),
        maybe(t('idxnitext'), nit.slice(0, 8), 'ext').then(() => write({ items: nit })),
        ...[...new Set(codes.map((code) => code.slice(0, 10)))].map((base) =>
          maybe(t('idxcode'), base, 'codes').then(() => write({ items: 'x'.repeat(23 * codes.length) })),
        ),
      ]);
      await t('idxname').getEntity('~', 'particiones');
      // Per name word: its chunks and a conditional replace; its head (read, replace when the card changed).
      for (const word of searchWords(name)) {
        const chunks = await query(t('idxword'), prefix(`${word}|`, 2));
        await write({ nits: String(chunks.at(-1)?.nits ?? '') });
        const head = await maybe(t('idxhead'), word.slice(0, 2), word);
        await write({ p0: String(head?.p0 ?? '') });
      }
      await queue.sendMessage(Buffer.from('x'.repeat(300)).toString('base64'));
      await scratch.deleteEntity(outbox.partitionKey, outbox.rowKey);
      await audit();
      await Promise.all([
        t('providers').getEntity(nit, 'provider'),
        t('keyfiles').getEntity(nit, 'file'),
        query(t('keyfiles'), `PartitionKey eq '${nit}' and RowKey ge 'request-' and RowKey lt 'request.'`),
      ]);
    },

    async dispose() {
      await scratch.deleteTable().catch(() => undefined);
      await queue.deleteIfExists().catch(() => undefined);
    },
  };
}
