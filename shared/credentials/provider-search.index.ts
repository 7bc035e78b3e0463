import type { TableClient, TransactionAction } from '@azure/data-tables';
import { forEachLimited } from '../kernel/concurrency';
import { fold, searchWords } from '../kernel/text-folding';
import type { Provider } from '../directory/directory.schemas';
import type { Storage } from '../platform/storage';

/**
 * Search index of the providers that have keys (Actualizar Token), so no screen scans the directory.
 * Three small tables, one per kind of token (NIT, habilitation code, name word), each row keyed
 * `PartitionKey = first characters of the token`, `RowKey = token|nit`: a prefix search is one partition
 * and one RowKey range. A fourth lists everyone alphabetically. Each row carries what the list shows, so a
 * page is one query. Rows are written after each assignment and again by the queue worker for the same
 * event, so a failed write is repaired; the provider page always reads the key file itself.
 */
const KINDS = {
  nit: { table: 'idxnit', width: 3 },
  code: { table: 'idxcode', width: 4 },
  word: { table: 'idxword', width: 2 },
  name: { table: 'idxname', width: 1 },
} as const;
type Kind = keyof typeof KINDS;

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

type IndexRow = { nit: string; folded: string; data: string };

function tokensOf(provider: Provider): Record<Kind, string[]> {
  return {
    nit: [provider.nit],
    code: provider.sites.map((site) => site.habilitationCode),
    word: searchWords(provider.name),
    name: [fold(provider.name) || provider.nit],
  };
}

function rowFor(kind: Kind, token: string, provider: Provider, expiresOn: IndexedProvider['expiresOn']) {
  const data: IndexedProvider = {
    nit: provider.nit,
    name: provider.name,
    habilitationCodes: provider.sites.map((site) => site.habilitationCode),
    department: provider.sites[0]?.department ?? '',
    municipality: provider.sites[0]?.municipality ?? '',
    expiresOn,
  };
  return { partitionKey: token.slice(0, KINDS[kind].width), rowKey: `${token}|${provider.nit}`, nit: provider.nit, folded: fold(provider.name), data: JSON.stringify(data) };
}

const toItems = (rows: IndexRow[]): IndexedProvider[] => {
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (seen.has(row.nit)) return [];
    seen.add(row.nit);
    return [JSON.parse(row.data) as IndexedProvider];
  });
};

export function createProviderSearchIndex(storage: Storage) {
  const tables = Object.fromEntries(
    (Object.keys(KINDS) as Kind[]).map((kind) => [kind, storage.table(KINDS[kind].table)]),
  ) as Record<Kind, TableClient>;

  async function pageOf(kind: Kind, prefix: string, pageSize: number, continuationToken: string | undefined) {
    const width = KINDS[kind].width;
    const filter =
      prefix.length >= width
        ? `PartitionKey eq '${escape(prefix.slice(0, width))}' and RowKey ge '${escape(prefix)}' and RowKey lt '${escape(prefix)}${END}'`
        : prefix
          ? `PartitionKey ge '${escape(prefix)}' and PartitionKey lt '${escape(prefix)}${END}'`
          : undefined;
    const iterator = tables[kind]
      .listEntities<IndexRow>({ queryOptions: { ...(filter && { filter }), select: ['nit', 'folded', 'data'] } })
      .byPage({ maxPageSize: pageSize, ...(continuationToken && { continuationToken }) });
    const page = (await iterator.next()).value;
    const rows: IndexRow[] = page ? [...page].map((row) => ({ nit: String(row.nit), folded: String(row.folded), data: String(row.data) })) : [];
    return { rows, continuationToken: page?.continuationToken as string | undefined };
  }

  return {
    /** Adds (or refreshes) a provider's rows with its current expiry dates. Idempotent. */
    async index(provider: Provider, expiresOn: IndexedProvider['expiresOn']): Promise<void> {
      const tokens = tokensOf(provider);
      await Promise.all(
        (Object.keys(KINDS) as Kind[]).map((kind) =>
          forEachLimited(tokens[kind], 8, (token) => tables[kind].upsertEntity(rowFor(kind, token, provider, expiresOn), 'Replace')),
        ),
      );
    },

    /** Bulk load for many providers at once (benchmarks, rebuilds): batched by partition. */
    async indexMany(entries: { provider: Provider; expiresOn: IndexedProvider['expiresOn'] }[]): Promise<void> {
      for (const kind of Object.keys(KINDS) as Kind[]) {
        const byPartition = new Map<string, TransactionAction[]>();
        for (const { provider, expiresOn } of entries) {
          for (const token of tokensOf(provider)[kind]) {
            const row = rowFor(kind, token, provider, expiresOn);
            const actions = byPartition.get(row.partitionKey) ?? [];
            actions.push(['upsert', row, 'Replace']);
            byPartition.set(row.partitionKey, actions);
          }
        }
        const batches = [...byPartition.values()].flatMap((actions) =>
          Array.from({ length: Math.ceil(actions.length / 100) }, (_, i) => actions.slice(i * 100, i * 100 + 100)),
        );
        await forEachLimited(batches, 8, (batch) => tables[kind].submitTransaction(batch));
      }
    },

    /**
     * Digits: NIT prefix (or habilitation code when 11–12 digits, or when no NIT matches). Words: the longest
     * word selects the rows, the others must each start some word of the name. Empty: everyone, A to Z.
     */
    async search(query: string, pageSize: number, cursor?: string): Promise<SearchPage> {
      const state = decodeCursor(cursor);
      const digits = query.replace(/[\s.-]/g, '');
      if (/^\d+$/.test(digits)) {
        const kind: Kind = state?.kind ?? (digits.length > 10 ? 'code' : 'nit');
        const { rows, continuationToken } = await pageOf(kind, digits, pageSize, state?.token);
        if (rows.length === 0 && kind === 'nit' && !state && digits.length >= 4) return this.searchCodes(digits, pageSize);
        return page(rows, kind, continuationToken);
      }
      const words = fold(query).split(' ').filter(Boolean);
      if (words.length === 0) {
        const { rows, continuationToken } = await pageOf('name', '', pageSize, state?.token);
        return page(rows, 'name', continuationToken);
      }
      const [primary, ...others] = [...words].sort((a, b) => b.length - a.length) as [string, ...string[]];
      const { rows, continuationToken } = await pageOf('word', primary, pageSize, state?.token);
      const matches = rows.filter((row) => others.every((word) => row.folded.split(' ').some((part) => part.startsWith(word))));
      return page(matches, 'word', continuationToken);
    },

    async searchCodes(digits: string, pageSize: number): Promise<SearchPage> {
      const { rows, continuationToken } = await pageOf('code', digits, pageSize, undefined);
      return page(rows, 'code', continuationToken);
    },
  };
}
export type ProviderSearchIndex = ReturnType<typeof createProviderSearchIndex>;

function page(rows: IndexRow[], kind: Kind, continuationToken: string | undefined): SearchPage {
  const cursor = encodeCursor(kind, continuationToken);
  return { items: toItems(rows), ...(cursor && { cursor }) };
}

function encodeCursor(kind: Kind, token: string | undefined): string | undefined {
  return token ? Buffer.from(JSON.stringify({ kind, token }), 'utf8').toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): { kind: Kind; token: string } | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { kind?: unknown; token?: unknown };
    if (typeof value.token === 'string' && typeof value.kind === 'string' && value.kind in KINDS) return { kind: value.kind as Kind, token: value.token };
  } catch {
    // A cursor we did not issue: start from the beginning.
  }
  return undefined;
}
