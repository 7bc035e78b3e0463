import { nitCheckDigit } from '../identity/colombian-ids';
import { queryWords } from '../kernel/text-folding';
import { decodeCursor, encodeCursor, withCursor, type SearchCursor } from './search-cursor';
import {
  CODE_BASE,
  compare,
  HEAD,
  keyPrefix,
  list,
  NIT_EXT,
  PARTITIONS,
  unique,
  unpack,
  WIDTH,
  type HeadRow,
  type IndexedProvider,
  type SearchPage,
} from './search-rows';
import type { SearchStore } from './search-store';

/** Plans a search over the index's rows: which partitions to read for what was typed, and where the next page starts. */
export function createSearchQuery(store: SearchStore) {
  async function nitsWithWordPrefix(prefix: string): Promise<Set<string>> {
    const found = new Set<string>();
    for (const row of await store.all<{ nits: string }>('idxword', keyPrefix(prefix, WIDTH.word))) {
      for (const nit of list(row.nits)) found.add(nit);
    }
    return found;
  }

  async function namePartitions(): Promise<string[]> {
    const row = await store.get<{ list: string }>('idxname', PARTITIONS.partitionKey, PARTITIONS.rowKey);
    return row ? (JSON.parse(row.list) as string[]) : [];
  }

  /** Point reads: the NIT itself ‖ the longer NITs it begins. Undefined when none matches. */
  async function nitMatches(digits: string): Promise<{ matches: string[]; known: IndexedProvider[] }> {
    const [exact, extension] = await Promise.all([
      store.readCard(digits),
      digits.length < 10 ? store.get<{ items: string }>('idxnitext', digits.slice(0, NIT_EXT), 'ext') : undefined,
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
      items: await store.cards(matches.slice(offset, next), known),
      ...(next < matches.length && { cursor: encodeCursor({ kind, offset: next }) }),
    };
  }

  async function searchDigits(digits: string, pageSize: number, state: SearchCursor | undefined): Promise<SearchPage> {
    const offset = state && 'offset' in state ? state.offset : 0;
    if (digits.length <= 10 && state?.kind !== 'code' && state?.kind !== 'codes') {
      if (digits.length >= NIT_EXT) {
        const { matches, known } = await nitMatches(digits);
        if (matches.length > 0 || state?.kind === 'nits') return offsetPage('nits', matches, offset, pageSize, known);
      } else {
        const token = state?.kind === 'nit' ? state.token : undefined;
        const found = await store.page<Record<string, unknown>>('idxnit', { partitionPrefix: digits }, pageSize, token);
        if (found.rows.length > 0 || state?.kind === 'nit') {
          return { items: found.rows.map((row) => unpack<IndexedProvider>(row)), ...withCursor({ kind: 'nit', token: found.token }) };
        }
      }
    }
    if (digits.length >= CODE_BASE) {
      const row = await store.get<{ items: string }>('idxcode', digits.slice(0, CODE_BASE), 'codes');
      const matches = unique(
        list(row?.items)
          .filter((entry) => entry.startsWith(digits))
          .map((entry) => entry.split('|')[1]!),
      ).sort(compare);
      return offsetPage('codes', matches, offset, pageSize);
    }
    const token = state?.kind === 'code' ? state.token : undefined;
    const found = await store.page<{ items: string }>('idxcode', { partitionPrefix: digits }, pageSize, token);
    const matches = unique(found.rows.flatMap((row) => list(row.items).map((entry) => entry.split('|')[1]!)));
    return { items: await store.cards(matches), ...withCursor({ kind: 'code', token: found.token }) };
  }

  /** Everyone, A to Z: one partition in use at a time, in order, so every query is a single-partition read. */
  async function alphabetical(pageSize: number, state: SearchCursor | undefined): Promise<SearchPage> {
    const partitions = await namePartitions();
    let index = state?.kind === 'name' ? Math.max(0, partitions.indexOf(state.partition)) : 0;
    let token = state?.kind === 'name' ? state.token : undefined;
    const listed: string[] = [];
    while (index < partitions.length && listed.length < pageSize) {
      const found = await store.page<{ nit: string }>('idxname', { partition: partitions[index]! }, pageSize - listed.length, token);
      listed.push(...found.rows.map((row) => row.nit));
      token = found.token;
      if (!token) index++;
    }
    const more = index < partitions.length;
    return {
      items: await store.cards(listed),
      ...(more && { cursor: encodeCursor({ kind: 'name', partition: partitions[index]!, ...(token && { token }) }) }),
    };
  }

  /**
   * First page of one word: the heads of the words it begins hold the first HEAD cards of each, so the
   * first `pageSize` of their union are among them; there are more if the union is larger or a head is.
   * No head at all (rows written before heads existed, until `npm run search:reindex`): undefined, and the
   * lists answer.
   */
  async function fromHeads(word: string, pageSize: number): Promise<SearchPage | undefined> {
    const found = (await store.all<Record<string, unknown>>('idxhead', keyPrefix(word, WIDTH.word))).map((row) => unpack<HeadRow>(row));
    if (found.length === 0) return undefined;
    const union = new Map<string, IndexedProvider>();
    for (const head of found) for (const card of head.cards) union.set(card.nit, card);
    const sorted = [...union.keys()].sort(compare);
    const more = sorted.length > pageSize || found.some((head) => head.more);
    return {
      items: sorted.slice(0, pageSize).map((nit) => union.get(nit)!),
      ...(more && { cursor: encodeCursor({ kind: 'words', offset: pageSize }) }),
    };
  }

  /**
   * Digits: a NIT or its beginning (also written with its check digit, `900123456-7`); a habilitation code
   * when 11–12 digits, or when no NIT matches. Words: providers whose name has, for every word typed, a word
   * starting with it. Empty: everyone, A to Z.
   */
  return async function search(query: string, pageSize: number, cursor?: string): Promise<SearchPage> {
    const state = decodeCursor(cursor);
    const withCheckDigit = /^\s*([\d.\s]+?)\s*-\s*(\d)\s*$/.exec(query);
    if (withCheckDigit) {
      // A NIT with its check digit: that NIT only, and only if the digit is right.
      const nit = withCheckDigit[1]!.replace(/[\s.]/g, '');
      const card = /^\d{6,10}$/.test(nit) && String(nitCheckDigit(nit)) === withCheckDigit[2] ? await store.readCard(nit) : undefined;
      return { items: card ? [card] : [] };
    }
    const digits = query.replace(/[\s.-]/g, '');
    if (/^\d+$/.test(digits)) return searchDigits(digits, pageSize, state);
    const typed = queryWords(query);
    if (typed.length === 0) return alphabetical(pageSize, state);
    const offset = state?.kind === 'words' ? state.offset : 0;
    if (typed.length === 1 && typed[0]!.length >= 3 && offset === 0 && pageSize <= HEAD) {
      const first = await fromHeads(typed[0]!, pageSize);
      if (first) return first;
    }
    const sets = await Promise.all(typed.map(nitsWithWordPrefix));
    const [smallest, ...others] = sets.sort((a, b) => a.size - b.size) as [Set<string>, ...Set<string>[]];
    const matches = [...smallest].filter((nit) => others.every((set) => set.has(nit))).sort(compare);
    return offsetPage('words', matches, offset, pageSize);
  };
}
