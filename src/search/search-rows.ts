import type { Provider } from '../directory/directory.schemas';
import type { CardState, ProviderFlags } from '../key-files/provider-flags';
import { fold } from '../kernel/text-folding';

/**
 * The rows of the provider search index (Actualizar Token), so no screen scans the directory.
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
 */
export const WIDTH = { name: 3, word: 2 } as const;
/** NITs longer than this are also listed under this many first digits (NITs have 6 to 10 digits). */
export const NIT_EXT = 8;
/** Habilitation codes: a 10-digit base; the 12-digit form adds the sede. */
export const CODE_BASE = 10;
/**
 * Cards kept per word for the first page of a one-word search: the page the web asks for (the API's default
 * limit). A larger limit, and the pages after the first, go through the word lists.
 */
export const HEAD = 20;
export const CARD = 'card';
/** Row of `idxname` listing its non-empty partitions, so the A-to-Z list reads only those. */
export const PARTITIONS = { partitionKey: '~', rowKey: 'particiones' } as const;
/** NITs per row of a word's list. */
export const CHUNK = 2_000;
/** Table Storage caps a string property at 64 KiB (32 K UTF-16 units); long JSON is split across properties. */
const PART = 30_000;

/** The tables of the index, in the order a full rebuild clears them. */
export const searchTables = ['idxnit', 'idxnitext', 'idxcode', 'idxword', 'idxhead', 'idxname'] as const;

export type IndexedProvider = {
  nit: string;
  name: string;
  habilitationCodes: string[];
  department: string;
  municipality: string;
  expiresOn: { preproduction?: string | undefined; production?: string | undefined };
  /**
   * The row's flags (Resolicitud waiting, rejection), kept here so a result page reads no key file. Absent on
   * cards written before they were (until `npm run search:reindex`): the console then reads the key file.
   */
  flags?: ProviderFlags;
};
export type SearchPage = { items: IndexedProvider[]; cursor?: string };
export type IndexEntry = { provider: Provider } & CardState;
export type HeadRow = { cards: IndexedProvider[]; more: boolean };

export function cardOf({ provider, expiresOn, flags }: IndexEntry): IndexedProvider {
  return {
    nit: provider.nit,
    name: provider.name,
    habilitationCodes: provider.sites.map((site) => site.habilitationCode),
    department: provider.sites[0]?.department ?? '',
    municipality: provider.sites[0]?.municipality ?? '',
    expiresOn,
    flags,
  };
}
export const cardRow = (card: IndexedProvider) => ({ partitionKey: card.nit, rowKey: CARD, ...pack(card) });
/** Spaces become '.' and the NIT follows a '-': both sort below letters and digits, so "san jose" < "san jose ltda". */
export const nameRow = (nit: string, name: string) => {
  const folded = fold(name) || nit;
  return { partitionKey: folded.slice(0, WIDTH.name), rowKey: `${folded.replace(/ /g, '.')}-${nit}`, nit };
};
export const wordKeys = (word: string, chunk: number) => ({
  partitionKey: word.slice(0, WIDTH.word),
  rowKey: `${word}|${String(chunk).padStart(4, '0')}`,
});
export const codeEntries = (nit: string, codes: string[]) => codes.map((code) => `${code}|${nit}`);
export const byBase = (entries: string[]) => groupBy(entries, (entry) => entry.slice(0, CODE_BASE));
/** A comma-separated list property. */
export const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);

export function pack(value: unknown): Record<string, string | number> {
  const json = JSON.stringify(value);
  const parts: Record<string, string | number> = { parts: Math.max(1, Math.ceil(json.length / PART)) };
  for (let i = 0; i * PART < json.length || i === 0; i++) parts[`p${i}`] = json.slice(i * PART, (i + 1) * PART);
  return parts;
}
export function unpack<T>(row: Record<string, unknown>): T {
  let json = '';
  for (let i = 0; i < Number(row.parts ?? 1); i++) json += String(row[`p${i}`] ?? '');
  return JSON.parse(json) as T;
}

export const unique = (values: string[]) => [...new Set(values)];
/** Code-unit order, the order of Table Storage keys (localeCompare would not match the ranges). */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The keys starting with `prefix`, on keys partitioned by their first `width` characters. */
export const keyPrefix = (prefix: string, width: number) =>
  prefix.length >= width ? { partition: prefix.slice(0, width), rowPrefix: prefix } : { partitionPrefix: prefix };
