import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Provider } from '../directory/directory.schemas';
import { forEachLimited } from '../kernel/concurrency';
import { fold, queryWords, searchWords } from '../kernel/text-folding';
import { AppError } from '../kernel/app-error';
import { nitCheckDigit } from '../identity/colombian-ids';
import { getEntityOrUndefined, isStatus, partitionBatches, type Storage } from '../platform/storage/storage';

/**
 * Search index of the providers that have keys (Actualizar Token), so no screen scans the directory.
 *
 * Whatever a common search needs is one point read of a small partition: a point read costs the same at any
 * size in Table Storage, and in Azurite (LokiJS) a point read scans only its partition while any query scans
 * the whole table. Ranges remain for the rarer partial inputs.
 *
 * - `idxnit`: the card of each provider (what the list shows), PK = NIT, RK = `card`.
 * - `idxnitext`: PK = the first 8 digits of the NITs of 9–10 digits, listing them: a full or near-full NIT is
 *   found with two point reads (its card ‖ the longer NITs it begins), shorter prefixes with a PK range.
 * - `idxcode`: PK = the 10-digit base of habilitation codes (sedes add two digits), listing `code|nit`.
 * - `idxname`: PK = first 3 letters of the folded name, RK = `name-nit`: the whole list, A to Z, read one
 *   partition at a time from a row that lists the partitions in use.
 * - `idxword`: PK = first 2 letters of a name word, RK = `word|chunk`, holding the NITs whose name has it:
 *   few, fat rows, so a word costs a handful of rows however many providers share it.
 * - `idxhead`: PK = first 2 letters, RK = word: the cards of the word's first {@link HEAD} providers (by NIT)
 *   and whether there are more, so the first page of a one-word search is a single read of a small table.
 *
 * Rows are written after each assignment and again by the queue worker for the same event, so a failed
 * write is repaired; the provider page always reads the key file itself. Re-indexing a provider whose name
 * or codes changed takes it out of the words and codes it no longer has.
 */
const WIDTH = { name: 3, word: 2 } as const;
/** NITs longer than this are also listed under this many first digits (NITs have 6 to 10 digits). */
const NIT_EXT = 8;
/** Habilitation codes: a 10-digit base; the 12-digit form adds the sede. */
const CODE_BASE = 10;
/**
 * Cards kept per word for the first page of a one-word search: the page the web asks for (the API's default
 * limit). A larger limit, and the pages after the first, go through the word lists.
 */
export const HEAD = 20;
const CARD = 'card';
/** Row of `idxname` listing its non-empty partitions, so the A-to-Z list reads only those. */
const PARTITIONS = { partitionKey: '~', rowKey: 'particiones' } as const;
const CHUNK = 2_000;
/** Table Storage caps a string property at 64 KiB (32 K UTF-16 units); long JSON is split across properties. */
const PART = 30_000;
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
type Cursor =
  | { kind: 'nit' | 'code'; token: string }
  | { kind: 'nits' | 'codes' | 'words'; offset: number }
  | { kind: 'name'; partition: string; token?: string };
type HeadRow = { cards: IndexedProvider[]; more: boolean };

function cardOf({ provider, expiresOn }: Entry): IndexedProvider {
  return {
    nit: provider.nit,
    name: provider.name,
    habilitationCodes: provider.sites.map((site) => site.habilitationCode),
    department: provider.sites[0]?.department ?? '',
    municipality: provider.sites[0]?.municipality ?? '',
    expiresOn,
  };
}
const cardRow = (card: IndexedProvider) => ({ partitionKey: card.nit, rowKey: CARD, ...pack(card) });
/** Spaces become '.' and the NIT follows a '-': both sort below letters and digits, so "san jose" < "san jose ltda". */
const nameRow = (nit: string, name: string) => {
  const folded = fold(name) || nit;
  return { partitionKey: folded.slice(0, WIDTH.name), rowKey: `${folded.replace(/ /g, '.')}-${nit}`, nit };
};
const codeEntries = (nit: string, codes: string[]) => codes.map((code) => `${code}|${nit}`);
const byBase = (entries: string[]) => groupBy(entries, (entry) => entry.slice(0, CODE_BASE));
const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);

function pack(value: unknown): Record<string, string | number> {
  const json = JSON.stringify(value);
  const parts: Record<string, string | number> = { parts: Math.max(1, Math.ceil(json.length / PART)) };
  for (let i = 0; i * PART < json.length || i === 0; i++) parts[`p${i}`] = json.slice(i * PART, (i + 1) * PART);
  return parts;
}
function unpack<T>(row: Record<string, unknown>): T {
  let json = '';
  for (let i = 0; i < Number(row.parts ?? 1); i++) json += String(row[`p${i}`] ?? '');
  return JSON.parse(json) as T;
}

/** A filter for "starts with `prefix`" on keys partitioned by their first `width` characters. */
function prefixFilter(prefix: string, width: number): string | undefined {
  if (!prefix) return undefined;
  return prefix.length >= width
    ? `PartitionKey eq '${escape(prefix.slice(0, width))}' and RowKey ge '${escape(prefix)}' and RowKey lt '${escape(prefix)}${END}'`
    : `PartitionKey ge '${escape(prefix)}' and PartitionKey lt '${escape(prefix)}${END}'`;
}
const partitionPrefix = (prefix: string) => `PartitionKey ge '${escape(prefix)}' and PartitionKey lt '${escape(prefix)}${END}'`;

/** The tables of the index, in the order a full rebuild clears them. */
export const searchTables = ['idxnit', 'idxnitext', 'idxcode', 'idxword', 'idxhead', 'idxname'] as const;

export function createProviderSearchIndex(storage: Storage) {
  const nits = storage.table('idxnit');
  const longer = storage.table('idxnitext');
  const codes = storage.table('idxcode');
  const names = storage.table('idxname');
  const words = storage.table('idxword');
  const heads = storage.table('idxhead');

  /**
   * One page of a query. Table Storage may answer an empty page with a continuation token (a partition
   * boundary): those are followed, so "no rows" means none. A token we did not issue is an invalid cursor.
   */
  async function page<T extends object>(table: TableClient, filter: string | undefined, pageSize: number, token?: string) {
    const iterator = table
      .listEntities<T>({ queryOptions: { ...(filter && { filter }) } })
      .byPage({ maxPageSize: pageSize, ...(token && { continuationToken: token }) });
    for (;;) {
      const result = (
        await iterator.next().catch((error: unknown) => {
          if (token && (error instanceof SyntaxError || error instanceof TypeError || isStatus(error, 400))) throw invalidCursor();
          throw error;
        })
      ).value;
      const rows = result ? [...result] : [];
      const next = result?.continuationToken as string | undefined;
      if (rows.length > 0 || !next) return { rows, token: next };
    }
  }

  async function all<T extends object>(table: TableClient, filter: string) {
    const rows: (T & { rowKey?: string; etag?: string })[] = [];
    for await (const row of table.listEntities<T>({ queryOptions: { filter } })) rows.push(row);
    return rows;
  }

  const readCard = async (nit: string) => {
    const row = await getEntityOrUndefined<Record<string, unknown>>(nits, nit, CARD);
    return row && unpack<IndexedProvider>(row);
  };
  async function cards(nitList: string[], known: IndexedProvider[] = []): Promise<IndexedProvider[]> {
    const rows = await Promise.all(nitList.map((nit) => known.find((card) => card.nit === nit) ?? readCard(nit)));
    return rows.filter((card): card is IndexedProvider => card !== undefined);
  }

  /**
   * Read, change, write back under the row's ETag (create if missing); `change` answers undefined when there
   * is nothing to write. Concurrent writers retry, so none of them is lost.
   */
  const mutate = <T extends Record<string, unknown>>(
    table: TableClient,
    partitionKey: string,
    rowKey: string,
    change: (
      current: (T & { etag: string }) | undefined,
    ) => Record<string, unknown> | 'delete' | undefined | Promise<Record<string, unknown> | 'delete' | undefined>,
  ) =>
    retryOnConflict(`No se pudo actualizar el índice de búsqueda (${partitionKey}) tras varios intentos concurrentes.`, async () => {
      const current = await getEntityOrUndefined<T>(table, partitionKey, rowKey);
      const next = await change(current);
      if (next === 'delete') {
        if (current) await table.deleteEntity(partitionKey, rowKey, { etag: current.etag });
      } else if (next && current) {
        await table.updateEntity({ partitionKey, rowKey, ...next }, 'Replace', { etag: current.etag });
      } else if (next) {
        await table.createEntity({ partitionKey, rowKey, ...next });
      }
    });

  /** Adds and removes entries of a comma-separated list row, deleting it when it empties. */
  const editList = (table: TableClient, partitionKey: string, rowKey: string, add: string[], remove: string[] = []) =>
    mutate<{ items: string }>(table, partitionKey, rowKey, (current) => {
      const before = list(current?.items);
      const after = [...new Set([...before.filter((item) => !remove.includes(item)), ...add])].sort();
      if (after.length === before.length && after.every((item, i) => item === before[i])) return undefined;
      return after.length === 0 ? 'delete' : { items: after.join(',') };
    });

  async function wordChunks(word: string) {
    return all<{ nits: string }>(words, prefixFilter(`${word}|`, WIDTH.word)!);
  }

  async function nitsWithWordPrefix(prefix: string): Promise<Set<string>> {
    const found = new Set<string>();
    for (const row of await all<{ nits: string }>(words, prefixFilter(prefix, WIDTH.word)!)) {
      for (const nit of list(row.nits)) found.add(nit);
    }
    return found;
  }

  /** Adds a NIT to a word's list, or takes it out: ETag-guarded, so concurrent assignments never drop one another. */
  const editWord = (word: string, nit: string, op: 'add' | 'remove') =>
    retryOnConflict(`No se pudo indexar la palabra «${word}» tras varios intentos concurrentes.`, async () => {
      const partitionKey = word.slice(0, WIDTH.word);
      const chunks = await wordChunks(word);
      const holder = chunks.find((chunk) => list(chunk.nits).includes(nit));
      if ((op === 'add') === (holder !== undefined)) return;
      const last = chunks.at(-1);
      if (op === 'remove') {
        await words.updateEntity(
          {
            partitionKey,
            rowKey: holder!.rowKey!,
            nits: list(holder!.nits)
              .filter((n) => n !== nit)
              .join(','),
          },
          'Replace',
          { etag: holder!.etag },
        );
      } else if (last && list(last.nits).length < CHUNK) {
        await words.updateEntity({ partitionKey, rowKey: last.rowKey!, nits: [...list(last.nits), nit].join(',') }, 'Replace', {
          etag: last.etag,
        });
      } else {
        await words.createEntity({ partitionKey, rowKey: `${word}|${String(chunks.length).padStart(4, '0')}`, nits: nit });
      }
    });

  /**
   * Puts a card in its word's head, or refreshes it there. The head holds the smallest NITs of the word in
   * order: with `more`, a NIT above the last one is left out, since others may lie between. The row is
   * written even when nothing changed, so a concurrent {@link rebuildHead} sees its ETag move and starts over.
   */
  const putInHead = (word: string, card: IndexedProvider) =>
    mutate<Record<string, unknown>>(heads, word.slice(0, WIDTH.word), word, (current) => {
      const head: HeadRow = current ? unpack<HeadRow>(current) : { cards: [], more: false };
      const at = head.cards.findIndex((c) => c.nit === card.nit);
      const last = head.cards.at(-1);
      if (at >= 0) {
        head.cards[at] = card;
      } else if ((!head.more && head.cards.length < HEAD) || (last && compare(card.nit, last.nit) < 0)) {
        head.cards = [...head.cards, card].sort((a, b) => compare(a.nit, b.nit));
        if (head.cards.length > HEAD) {
          head.cards = head.cards.slice(0, HEAD);
          head.more = true;
        }
      } else {
        head.more = true;
      }
      return pack(head);
    });

  /**
   * A word lost a provider: its head is rebuilt from the word's lists (rare: a renamed provider). The head's
   * ETag is taken before the lists are read and guards the write, so a card put in meanwhile is not lost.
   */
  const rebuildHead = (word: string) =>
    mutate(heads, word.slice(0, WIDTH.word), word, async () => {
      const all = [...new Set((await wordChunks(word)).flatMap((chunk) => list(chunk.nits)))].sort(compare);
      if (all.length === 0) return 'delete';
      // A NIT without a card (not yet written) ends the head there: `more` covers the rest.
      const kept: IndexedProvider[] = [];
      for (const [i, card] of (await cards(all.slice(0, HEAD))).entries()) {
        if (card.nit !== all[i]) break;
        kept.push(card);
      }
      return pack({ cards: kept, more: all.length > kept.length } satisfies HeadRow);
    });

  async function namePartitions(): Promise<string[]> {
    const row = await getEntityOrUndefined<{ list: string }>(names, PARTITIONS.partitionKey, PARTITIONS.rowKey);
    return row ? (JSON.parse(row.list) as string[]) : [];
  }

  const addNamePartitions = (partitions: string[]) =>
    mutate<{ list: string }>(names, PARTITIONS.partitionKey, PARTITIONS.rowKey, (current) => {
      const before = current ? (JSON.parse(current.list) as string[]) : [];
      const merged = [...new Set([...before, ...partitions])].sort();
      return merged.length === before.length ? undefined : { list: JSON.stringify(merged) };
    });

  async function batched(table: TableClient, rows: { partitionKey: string; rowKey: string }[]) {
    await forEachLimited(partitionBatches(rows), 8, (batch) =>
      batch.length === 1
        ? table.upsertEntity(batch[0]!, 'Replace')
        : table.submitTransaction(batch.map((row): TransactionAction => ['upsert', row, 'Replace'])),
    );
  }

  /** Point reads: the NIT itself ‖ the longer NITs it begins. Undefined when none matches. */
  async function nitMatches(digits: string): Promise<{ matches: string[]; known: IndexedProvider[] }> {
    const [exact, extension] = await Promise.all([
      readCard(digits),
      digits.length < 10 ? getEntityOrUndefined<{ items: string }>(longer, digits.slice(0, NIT_EXT), 'ext') : undefined,
    ]);
    const matches = [...new Set([...(exact ? [digits] : []), ...list(extension?.items).filter((nit) => nit.startsWith(digits))])].sort(
      compare,
    );
    return { matches, known: exact ? [exact] : [] };
  }

  async function offsetPage(
    kind: 'nits' | 'codes' | 'words',
    matches: string[],
    offset: number,
    pageSize: number,
    known: IndexedProvider[] = [],
  ): Promise<SearchPage> {
    const next = offset + pageSize;
    return {
      items: await cards(matches.slice(offset, next), known),
      ...(next < matches.length && { cursor: encodeCursor({ kind, offset: next }) }),
    };
  }

  async function searchDigits(digits: string, pageSize: number, state: Cursor | undefined): Promise<SearchPage> {
    const offset = state && 'offset' in state ? state.offset : 0;
    if (digits.length <= 10 && state?.kind !== 'code' && state?.kind !== 'codes') {
      if (digits.length >= NIT_EXT) {
        const { matches, known } = await nitMatches(digits);
        if (matches.length > 0 || state?.kind === 'nits') return offsetPage('nits', matches, offset, pageSize, known);
      } else {
        const found = await page<Record<string, unknown>>(
          nits,
          partitionPrefix(digits),
          pageSize,
          state?.kind === 'nit' ? state.token : undefined,
        );
        if (found.rows.length > 0 || state?.kind === 'nit') {
          return { items: found.rows.map((row) => unpack<IndexedProvider>(row)), ...withCursor({ kind: 'nit', token: found.token }) };
        }
      }
    }
    if (digits.length >= CODE_BASE) {
      const row = await getEntityOrUndefined<{ items: string }>(codes, digits.slice(0, CODE_BASE), 'codes');
      const matches = unique(
        list(row?.items)
          .filter((entry) => entry.startsWith(digits))
          .map((entry) => entry.split('|')[1]!),
      ).sort(compare);
      return offsetPage('codes', matches, offset, pageSize);
    }
    const found = await page<{ items: string }>(codes, partitionPrefix(digits), pageSize, state?.kind === 'code' ? state.token : undefined);
    const matches = unique(found.rows.flatMap((row) => list(row.items).map((entry) => entry.split('|')[1]!)));
    return { items: await cards(matches), ...withCursor({ kind: 'code', token: found.token }) };
  }

  return {
    /**
     * Adds (or refreshes) one provider, with its current expiry dates. Idempotent. Words, codes and the A-to-Z
     * row its previous card had and the current one has not are taken out.
     */
    async index(provider: Provider, expiresOn: IndexedProvider['expiresOn']): Promise<void> {
      const card = cardOf({ provider, expiresOn });
      const previous = await readCard(provider.nit);
      const name = nameRow(provider.nit, provider.name);
      const wordList = searchWords(provider.name);
      const entries = codeEntries(provider.nit, card.habilitationCodes);
      const gone = previous && {
        words: searchWords(previous.name).filter((word) => !wordList.includes(word)),
        entries: codeEntries(provider.nit, previous.habilitationCodes).filter((entry) => !entries.includes(entry)),
        name: nameRow(provider.nit, previous.name),
      };
      const bases = byBase([...entries, ...(gone?.entries ?? [])]);
      // The card is written last: until then a retry still sees the previous one, and so what to take out.
      await Promise.all([
        names.upsertEntity(name, 'Replace'),
        provider.nit.length > NIT_EXT ? editList(longer, provider.nit.slice(0, NIT_EXT), 'ext', [provider.nit]) : undefined,
        forEachLimited([...bases], 4, ([base, touched]) =>
          editList(
            codes,
            base,
            'codes',
            touched.filter((e) => entries.includes(e)),
            touched.filter((e) => !entries.includes(e)),
          ),
        ),
      ]);
      await addNamePartitions([name.partitionKey]);
      for (const word of wordList) {
        await editWord(word, provider.nit, 'add');
        await putInHead(word, card);
      }
      if (gone && gone.name.rowKey !== name.rowKey)
        await names.deleteEntity(gone.name.partitionKey, gone.name.rowKey).catch((error: unknown) => {
          if (!isStatus(error, 404)) throw error;
        });
      for (const word of gone?.words ?? []) {
        await editWord(word, provider.nit, 'remove');
        await rebuildHead(word);
      }
      await nits.upsertEntity(cardRow(card), 'Replace');
    },

    /** Bulk load (benchmarks, rebuilds into empty tables). */
    async indexMany(entries: Entry[]): Promise<void> {
      const cardList = entries.map(cardOf).sort((a, b) => compare(a.nit, b.nit));
      await forEachLimited(cardList, 16, (card) => nits.upsertEntity(cardRow(card), 'Replace'));
      const extensions = groupBy(
        cardList.filter((card) => card.nit.length > NIT_EXT),
        (card) => card.nit.slice(0, NIT_EXT),
      );
      await forEachLimited([...extensions], 16, ([prefix, group]) =>
        longer.upsertEntity({ partitionKey: prefix, rowKey: 'ext', items: group.map((c) => c.nit).join(',') }, 'Replace'),
      );
      const bases = byBase(cardList.flatMap((card) => codeEntries(card.nit, card.habilitationCodes)));
      await forEachLimited([...bases], 16, ([base, group]) =>
        codes.upsertEntity({ partitionKey: base, rowKey: 'codes', items: [...group].sort().join(',') }, 'Replace'),
      );
      const nameRows = cardList.map((card) => nameRow(card.nit, card.name));
      await batched(names, nameRows);
      await addNamePartitions([...new Set(nameRows.map((row) => row.partitionKey))]);
      const byWord = new Map<string, IndexedProvider[]>();
      for (const card of cardList) {
        for (const word of searchWords(card.name)) {
          const group = byWord.get(word);
          if (group) group.push(card);
          else byWord.set(word, [card]);
        }
      }
      const wordRows = [...byWord.entries()].flatMap(([word, group]) =>
        Array.from({ length: Math.ceil(group.length / CHUNK) }, (_, i) => ({
          partitionKey: word.slice(0, WIDTH.word),
          rowKey: `${word}|${String(i).padStart(4, '0')}`,
          nits: group
            .slice(i * CHUNK, (i + 1) * CHUNK)
            .map((c) => c.nit)
            .join(','),
        })),
      );
      await batched(words, wordRows);
      await forEachLimited([...byWord], 8, ([word, group]) =>
        heads.upsertEntity(
          {
            partitionKey: word.slice(0, WIDTH.word),
            rowKey: word,
            ...pack({ cards: group.slice(0, HEAD), more: group.length > HEAD } satisfies HeadRow),
          },
          'Replace',
        ),
      );
    },

    /**
     * Digits: a NIT or its beginning (also written with its check digit, `900123456-7`); a habilitation code
     * when 11–12 digits, or when no NIT matches. Words: providers whose name has, for every word typed, a word
     * starting with it. Empty: everyone, A to Z.
     */
    async search(query: string, pageSize: number, cursor?: string): Promise<SearchPage> {
      const state = decodeCursor(cursor);
      const withCheckDigit = /^\s*([\d.\s]+?)\s*-\s*(\d)\s*$/.exec(query);
      if (withCheckDigit) {
        // A NIT with its check digit: that NIT only, and only if the digit is right.
        const nit = withCheckDigit[1]!.replace(/[\s.]/g, '');
        const card = /^\d{6,10}$/.test(nit) && String(nitCheckDigit(nit)) === withCheckDigit[2] ? await readCard(nit) : undefined;
        return { items: card ? [card] : [] };
      }
      const digits = query.replace(/[\s.-]/g, '');
      if (/^\d+$/.test(digits)) return searchDigits(digits, pageSize, state);
      const typed = queryWords(query);
      if (typed.length === 0) {
        // One partition in use at a time, in order: every query is a single-partition read.
        const partitions = await namePartitions();
        let index = state?.kind === 'name' ? Math.max(0, partitions.indexOf(state.partition)) : 0;
        let token = state?.kind === 'name' ? state.token : undefined;
        const listed: string[] = [];
        while (index < partitions.length && listed.length < pageSize) {
          const found = await page<{ nit: string }>(
            names,
            `PartitionKey eq '${escape(partitions[index]!)}'`,
            pageSize - listed.length,
            token,
          );
          listed.push(...found.rows.map((row) => row.nit));
          token = found.token;
          if (!token) index++;
        }
        const more = index < partitions.length;
        return {
          items: await cards(listed),
          ...(more && { cursor: encodeCursor({ kind: 'name', partition: partitions[index]!, ...(token && { token }) }) }),
        };
      }
      const offset = state?.kind === 'words' ? state.offset : 0;
      if (typed.length === 1 && typed[0]!.length >= 3 && offset === 0 && pageSize <= HEAD) {
        // First page of one word: the heads of the words it begins hold the first HEAD cards of each, so the
        // first `pageSize` of their union are among them; there are more if the union is larger or a head is.
        // No head at all (rows written before heads existed, until `npm run search:reindex`): the lists answer.
        const found = (await all<Record<string, unknown>>(heads, prefixFilter(typed[0]!, WIDTH.word)!)).map((row) => unpack<HeadRow>(row));
        if (found.length > 0) {
          const union = new Map<string, IndexedProvider>();
          for (const head of found) for (const card of head.cards) union.set(card.nit, card);
          const sorted = [...union.keys()].sort(compare);
          const more = sorted.length > pageSize || found.some((head) => head.more);
          return {
            items: sorted.slice(0, pageSize).map((nit) => union.get(nit)!),
            ...(more && { cursor: encodeCursor({ kind: 'words', offset: pageSize }) }),
          };
        }
      }
      const sets = await Promise.all(typed.map(nitsWithWordPrefix));
      const [smallest, ...others] = sets.sort((a, b) => a.size - b.size) as [Set<string>, ...Set<string>[]];
      const matches = [...smallest].filter((nit) => others.every((set) => set.has(nit))).sort(compare);
      return offsetPage('words', matches, offset, pageSize);
    },
  };
}
export type ProviderSearchIndex = ReturnType<typeof createProviderSearchIndex>;

const unique = (values: string[]) => [...new Set(values)];

/** Runs `attempt` again while it meets a concurrent writer (412, 409, 404), after a short random pause. */
async function retryOnConflict(failure: string, attempt: () => Promise<void>): Promise<void> {
  for (let n = 0; n < 40; n++) {
    if (n > 0) await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * Math.min(n, 5)));
    try {
      return await attempt();
    } catch (error) {
      if (!isStatus(error, 412) && !isStatus(error, 409) && !isStatus(error, 404)) throw error;
    }
  }
  throw new Error(failure);
}
/** Code-unit order, the order of Table Storage keys (localeCompare would not match the ranges). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
export const invalidCursor = () =>
  new AppError('cursor-invalido', 400, 'El cursor de paginación no es válido. Vuelva a la primera página.');
const withCursor = (cursor: { kind: 'nit' | 'code'; token: string | undefined }) =>
  cursor.token ? { cursor: encodeCursor({ kind: cursor.kind, token: cursor.token }) } : {};
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<{ kind: string; token: string; offset: number }>;
    if (
      (value.kind === 'words' || value.kind === 'nits' || value.kind === 'codes') &&
      Number.isInteger(value.offset) &&
      value.offset! >= 0
    ) {
      return { kind: value.kind, offset: value.offset! };
    }
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
