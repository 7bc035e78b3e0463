import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Provider } from '../directory/directory.schemas';
import { forEachLimited } from '../kernel/concurrency';
import { fold, queryWords, searchWords } from '../kernel/text-folding';
import { AppError } from '../http/app-error';
import { getEntityOrUndefined, isStatus, type Storage } from '../platform/storage';

/**
 * Search index of the providers that have keys (Actualizar Token), so no screen scans the directory.
 *
 * - `idxnit`: one card per provider (what the list shows), PK = first 3 digits, RK = NIT: NIT prefix search
 *   is one partition and a RowKey range, and a card is a point read.
 * - `idxcode`: PK = first 4 digits of the habilitation code, RK = `code|nit`.
 * - `idxname`: PK = first 3 letters of the folded name, RK = `name-nit`: the whole list, A to Z, read one
 *   partition at a time from a row that lists the partitions in use.
 * - `idxword`: PK = first 2 letters of a name word, RK = `word|chunk`, holding the NITs whose name has it.
 *   Few, fat rows instead of one row per word and provider: writes stay cheap and a word query reads a
 *   handful of rows however many providers share the word.
 *
 * Rows are written after each assignment and again by the queue worker for the same event, so a failed
 * write is repaired; the provider page always reads the key file itself.
 */
const WIDTH = { nit: 3, code: 4, name: 3, word: 2 } as const;
/** Row of `idxname` listing its non-empty partitions, so the A-to-Z list reads only those. */
const PARTITIONS = { partitionKey: '~', rowKey: 'particiones' } as const;
const CHUNK = 2_000;
const END = '\uffff';
const escape = (value: string) => value.replace(/'/g, "''");

export type IndexedProvider = {
  nit: string;
  name: string;
  habilitationCodes: string[];
  department: string;
  municipality: string;
  expiresOn: { preproduction?: string | undefined; production?: string | undefined };
};
export type SearchPage = { items: IndexedProvider[]; cursor?: string };
type Entry = { provider: Provider; expiresOn: IndexedProvider['expiresOn'] };
type Cursor = { kind: 'nit' | 'code'; token: string } | { kind: 'words'; offset: number } | { kind: 'name'; partition: string; token?: string };



function card({ provider, expiresOn }: Entry) {
  const data: IndexedProvider = {
    nit: provider.nit,
    name: provider.name,
    habilitationCodes: provider.sites.map((site) => site.habilitationCode),
    department: provider.sites[0]?.department ?? '',
    municipality: provider.sites[0]?.municipality ?? '',
    expiresOn,
  };
  return { partitionKey: provider.nit.slice(0, WIDTH.nit), rowKey: provider.nit, data: JSON.stringify(data) };
}
const codeRows = ({ provider }: Entry) =>
  provider.sites.map((site) => ({ partitionKey: site.habilitationCode.slice(0, WIDTH.code), rowKey: `${site.habilitationCode}|${provider.nit}`, nit: provider.nit }));
/** Spaces become '.' and the NIT follows a '-': both sort below letters and digits, so "san jose" < "san jose ltda". */
const nameRow = ({ provider }: Entry) => {
  const folded = fold(provider.name) || provider.nit;
  return { partitionKey: folded.slice(0, WIDTH.name), rowKey: `${folded.replace(/ /g, '.')}-${provider.nit}`, nit: provider.nit };
};

/** A filter for "starts with `prefix`" on keys partitioned by their first `width` characters. */
function prefixFilter(prefix: string, width: number): string | undefined {
  if (!prefix) return undefined;
  return prefix.length >= width
    ? `PartitionKey eq '${escape(prefix.slice(0, width))}' and RowKey ge '${escape(prefix)}' and RowKey lt '${escape(prefix)}${END}'`
    : `PartitionKey ge '${escape(prefix)}' and PartitionKey lt '${escape(prefix)}${END}'`;
}

export function createProviderSearchIndex(storage: Storage) {
  const nits = storage.table('idxnit');
  const codes = storage.table('idxcode');
  const names = storage.table('idxname');
  const words = storage.table('idxword');

  async function page<T extends object>(table: TableClient, filter: string | undefined, pageSize: number, token?: string) {
    const iterator = table.listEntities<T>({ queryOptions: { ...(filter && { filter }) } }).byPage({ maxPageSize: pageSize, ...(token && { continuationToken: token }) });
    const result = (await iterator.next().catch((error: unknown) => {
      if (token && (error instanceof SyntaxError || error instanceof TypeError)) throw invalidCursor();
      throw error;
    })).value;
    return { rows: result ? [...result] : [], token: result?.continuationToken as string | undefined };
  }

  async function cards(nitList: string[]): Promise<IndexedProvider[]> {
    const rows = await Promise.all(nitList.map((nit) => getEntityOrUndefined<{ data: string }>(nits, nit.slice(0, WIDTH.nit), nit)));
    return rows.flatMap((row) => (row ? [JSON.parse(row.data) as IndexedProvider] : []));
  }

  async function nitsWithWordPrefix(prefix: string): Promise<Set<string>> {
    const found = new Set<string>();
    for await (const row of words.listEntities<{ nits: string }>({ queryOptions: { filter: prefixFilter(prefix, WIDTH.word)! } })) {
      for (const nit of row.nits.split(',')) if (nit) found.add(nit);
    }
    return found;
  }

  /** Adds a NIT to a word's list: ETag-guarded, so concurrent assignments never drop one another. */
  async function addToWord(word: string, nit: string): Promise<void> {
    const partitionKey = word.slice(0, WIDTH.word);
    for (let attempt = 0; attempt < 40; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * Math.min(attempt, 5)));
      const chunks = [];
      for await (const row of words.listEntities<{ nits: string }>({ queryOptions: { filter: prefixFilter(`${word}|`, WIDTH.word)! } })) chunks.push(row);
      if (chunks.some((chunk) => chunk.nits.split(',').includes(nit))) return;
      const last = chunks.at(-1);
      try {
        if (last && last.nits.split(',').length < CHUNK) {
          await words.updateEntity({ partitionKey, rowKey: last.rowKey!, nits: `${last.nits},${nit}` }, 'Replace', { etag: last.etag });
        } else {
          await words.createEntity({ partitionKey, rowKey: `${word}|${String(chunks.length).padStart(4, '0')}`, nits: nit });
        }
        return;
      } catch (error) {
        if (!isStatus(error, 412) && !isStatus(error, 409)) throw error;
      }
    }
    throw new Error(`No se pudo indexar la palabra «${word}» tras varios intentos concurrentes.`);
  }

  async function namePartitions(): Promise<{ list: string[]; etag?: string }> {
    const row = await getEntityOrUndefined<{ list: string }>(names, PARTITIONS.partitionKey, PARTITIONS.rowKey);
    return row ? { list: JSON.parse(row.list) as string[], etag: row.etag } : { list: [] };
  }

  async function addNamePartitions(partitions: string[]): Promise<void> {
    for (let attempt = 0; attempt < 40; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * Math.min(attempt, 5)));
      const current = await namePartitions();
      const merged = [...new Set([...current.list, ...partitions])].sort();
      if (merged.length === current.list.length) return;
      try {
        if (current.etag) await names.updateEntity({ ...PARTITIONS, list: JSON.stringify(merged) }, 'Replace', { etag: current.etag });
        else await names.createEntity({ ...PARTITIONS, list: JSON.stringify(merged) });
        return;
      } catch (error) {
        if (!isStatus(error, 412) && !isStatus(error, 409)) throw error;
      }
    }
    throw new Error('No se pudo actualizar la lista de particiones del índice de nombres.');
  }

  async function batched(table: TableClient, rows: { partitionKey: string; rowKey: string }[]) {
    const byPartition = new Map<string, TransactionAction[]>();
    for (const row of rows) {
      const actions = byPartition.get(row.partitionKey) ?? [];
      actions.push(['upsert', row, 'Replace']);
      byPartition.set(row.partitionKey, actions);
    }
    const batches = [...byPartition.values()].flatMap((actions) => Array.from({ length: Math.ceil(actions.length / 100) }, (_, i) => actions.slice(i * 100, i * 100 + 100)));
    await forEachLimited(batches, 8, (batch) => table.submitTransaction(batch));
  }

  return {
    /** Adds (or refreshes) one provider, with its current expiry dates. Idempotent. */
    async index(provider: Provider, expiresOn: IndexedProvider['expiresOn']): Promise<void> {
      const entry = { provider, expiresOn };
      const name = nameRow(entry);
      await Promise.all([
        nits.upsertEntity(card(entry), 'Replace'),
        names.upsertEntity(name, 'Replace'),
        forEachLimited(codeRows(entry), 8, (row) => codes.upsertEntity(row, 'Replace')),
      ]);
      await addNamePartitions([name.partitionKey]);
      for (const word of searchWords(provider.name)) await addToWord(word, provider.nit);
    },

    /** Bulk load (benchmarks, rebuilds into empty tables): batched by partition. */
    async indexMany(entries: Entry[]): Promise<void> {
      await batched(nits, entries.map(card));
      await batched(codes, entries.flatMap(codeRows));
      const nameRows = entries.map(nameRow);
      await batched(names, nameRows);
      await addNamePartitions([...new Set(nameRows.map((row) => row.partitionKey))]);
      const byWord = new Map<string, string[]>();
      for (const { provider } of entries) for (const word of searchWords(provider.name)) byWord.set(word, [...(byWord.get(word) ?? []), provider.nit]);
      const wordRows = [...byWord.entries()].flatMap(([word, list]) =>
        Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => ({
          partitionKey: word.slice(0, WIDTH.word),
          rowKey: `${word}|${String(i).padStart(4, '0')}`,
          nits: list.slice(i * CHUNK, (i + 1) * CHUNK).join(','),
        })),
      );
      await batched(words, wordRows);
    },

    /**
     * Digits: NIT prefix (a habilitation code when 11–12 digits, or when no NIT matches). Words: providers
     * whose name has, for every word typed, a word starting with it. Empty: everyone, A to Z.
     */
    async search(query: string, pageSize: number, cursor?: string): Promise<SearchPage> {
      const state = decodeCursor(cursor);
      const digits = query.replace(/[\s.-]/g, '');
      if (/^\d+$/.test(digits)) {
        if (state?.kind !== 'code' && digits.length <= 10) {
          const found = await page<{ data: string }>(nits, prefixFilter(digits, WIDTH.nit), pageSize, state?.kind === 'nit' ? state.token : undefined);
          if (found.rows.length > 0 || state?.kind === 'nit') {
            return { items: found.rows.map((row) => JSON.parse(row.data) as IndexedProvider), ...withCursor({ kind: 'nit', token: found.token }) };
          }
        }
        const found = await page<{ nit: string }>(codes, prefixFilter(digits, WIDTH.code), pageSize, state?.kind === 'code' ? state.token : undefined);
        return { items: await cards(unique(found.rows.map((row) => row.nit))), ...withCursor({ kind: 'code', token: found.token }) };
      }
      const typed = queryWords(query);
      if (typed.length === 0) {
        // One partition in use at a time, in order: every query is a single-partition read.
        const partitions = (await namePartitions()).list;
        let index = state?.kind === 'name' ? Math.max(0, partitions.indexOf(state.partition)) : 0;
        let token = state?.kind === 'name' ? state.token : undefined;
        const listed: string[] = [];
        while (index < partitions.length && listed.length < pageSize) {
          const found = await page<{ nit: string }>(names, `PartitionKey eq '${escape(partitions[index]!)}'`, pageSize - listed.length, token);
          listed.push(...found.rows.map((row) => row.nit));
          token = found.token;
          if (!token) index++;
        }
        const more = index < partitions.length;
        return { items: await cards(listed), ...(more && { cursor: encodeCursor({ kind: 'name', partition: partitions[index]!, ...(token && { token }) }) }) };
      }
      const sets = await Promise.all(typed.map(nitsWithWordPrefix));
      const [smallest, ...others] = sets.sort((a, b) => a.size - b.size) as [Set<string>, ...Set<string>[]];
      const matches = [...smallest].filter((nit) => others.every((set) => set.has(nit))).sort();
      const offset = state?.kind === 'words' ? state.offset : 0;
      const next = offset + pageSize;
      return { items: await cards(matches.slice(offset, next)), ...(next < matches.length && { cursor: encodeCursor({ kind: 'words', offset: next }) }) };
    },
  };
}
export type ProviderSearchIndex = ReturnType<typeof createProviderSearchIndex>;

const unique = (values: string[]) => [...new Set(values)];
export const invalidCursor = () => new AppError('cursor-invalido', 400, 'El cursor de paginación no es válido. Vuelva a la primera página.');
const withCursor = (cursor: { kind: 'nit' | 'code'; token: string | undefined }) => (cursor.token ? { cursor: encodeCursor({ kind: cursor.kind, token: cursor.token }) } : {});
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<{ kind: string; token: string; offset: number }>;
    if (value.kind === 'words' && Number.isInteger(value.offset) && value.offset! >= 0) return { kind: 'words', offset: value.offset! };
    if ((value.kind === 'nit' || value.kind === 'code') && typeof value.token === 'string') return { kind: value.kind, token: value.token };
    const partition = (value as { partition?: unknown }).partition;
    if (value.kind === 'name' && typeof partition === 'string') {
      return { kind: 'name', partition, ...(typeof value.token === 'string' && { token: value.token }) };
    }
  } catch {
    // A cursor we did not issue: start from the beginning.
  }
  return undefined;
}
