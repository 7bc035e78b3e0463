import type { Provider } from '../directory/directory.schemas';
import type { CardState } from '../key-files/provider-flags';
import { forEachLimited } from '../kernel/concurrency';
import { searchWords } from '../kernel/text-folding';
import {
  byBase,
  cardOf,
  cardRow,
  CHUNK,
  codeEntries,
  compare,
  groupBy,
  HEAD,
  list,
  nameRow,
  NIT_EXT,
  pack,
  PARTITIONS,
  unpack,
  WIDTH,
  wordKeys,
  type HeadRow,
  type IndexedProvider,
  type IndexEntry,
} from './search-rows';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);
import { retryOnConflict } from '../platform/storage/concurrency';
import type { IndexTable, SearchStore } from './search-store';

/** The rows of the index a provider is written to, for one provider at a time and in bulk. */
export function createIndexWriters(store: SearchStore) {
  /** Adds and removes entries of a comma-separated list row, deleting it when it empties. */
  const editList = (name: IndexTable, partitionKey: string, rowKey: string, add: string[], remove: string[] = []) =>
    store.mutate<{ items: string }>(name, partitionKey, rowKey, (current) => {
      const before = list(current?.items);
      const after = [...new Set([...before.filter((item) => !remove.includes(item)), ...add])].sort();
      if (after.length === before.length && after.every((item, i) => item === before[i])) return undefined;
      return after.length === 0 ? 'delete' : { items: after.join(',') };
    });

  const wordChunks = (word: string) =>
    store.all<{ nits: string }>('idxword', { partition: word.slice(0, WIDTH.word), rowPrefix: `${word}|` });

  /** Adds a NIT to a word's list, or takes it out: version-guarded, so concurrent assignments never drop one another. */
  const editWord = (word: string, nit: string, op: 'add' | 'remove') =>
    retryOnConflict(
      async () => {
        const partitionKey = word.slice(0, WIDTH.word);
        const chunks = await wordChunks(word);
        const holder = chunks.find((chunk) => list(chunk.nits).includes(nit));
        if ((op === 'add') === (holder !== undefined)) return;
        const last = chunks.at(-1);
        if (op === 'remove') {
          const nits = list(holder!.nits).filter((n) => n !== nit);
          await store.replace('idxword', { partitionKey, rowKey: holder!.rowKey, nits: nits.join(',') }, holder!.version);
        } else if (last && list(last.nits).length < CHUNK) {
          await store.replace('idxword', { partitionKey, rowKey: last.rowKey, nits: [...list(last.nits), nit].join(',') }, last.version);
        } else {
          await store.create('idxword', { ...wordKeys(word, chunks.length), nits: nit });
        }
      },
      { failure: `No se pudo indexar la palabra «${word}» tras varios intentos concurrentes.` },
    );

  /**
   * Puts a card in its word's head, or refreshes it there. The head holds the smallest NITs of the word in
   * order: with `more`, a NIT above the last one is left out, since others may lie between. The row is
   * written even when nothing changed, so a concurrent {@link rebuildHead} sees its version move and starts over.
   */
  const putInHead = (word: string, card: IndexedProvider) =>
    store.mutate<Record<string, unknown>>('idxhead', word.slice(0, WIDTH.word), word, (current) => {
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
   * version is taken before the lists are read and guards the write, so a card put in meanwhile is not lost.
   */
  const rebuildHead = (word: string) =>
    store.mutate('idxhead', word.slice(0, WIDTH.word), word, async () => {
      const all = [...new Set((await wordChunks(word)).flatMap((chunk) => list(chunk.nits)))].sort(compare);
      if (all.length === 0) return 'delete';
      // A NIT without a card (not yet written) ends the head there: `more` covers the rest.
      const kept: IndexedProvider[] = [];
      for (const [i, card] of (await store.cards(all.slice(0, HEAD))).entries()) {
        if (card.nit !== all[i]) break;
        kept.push(card);
      }
      return pack({ cards: kept, more: all.length > kept.length } satisfies HeadRow);
    });

  const addNamePartitions = (partitions: string[]) =>
    store.mutate<{ list: string }>('idxname', PARTITIONS.partitionKey, PARTITIONS.rowKey, (current) => {
      const before = current ? (JSON.parse(current.list) as string[]) : [];
      const merged = [...new Set([...before, ...partitions])].sort();
      return merged.length === before.length ? undefined : { list: JSON.stringify(merged) };
    });

  return {
    /**
     * Adds (or refreshes) one provider, with what its key file says now (expiry dates, flags). Idempotent. Words,
     * codes and the A-to-Z row its previous card had and the current one has not are taken out. When the
     * previous card has the same name and codes (a new expiry date, a Resolicitud, a rejection), only the cards
     * change: the card is written last, so its being there means its name's and codes' rows were written.
     */
    async index(provider: Provider, state: CardState): Promise<void> {
      const card = cardOf({ provider, ...state });
      const previous = await store.readCard(provider.nit);
      const wordList = searchWords(provider.name);
      if (previous && previous.name === card.name && sameList(previous.habilitationCodes, card.habilitationCodes)) {
        for (const word of wordList) await putInHead(word, card);
        await store.upsert('idxnit', cardRow(card));
        return;
      }
      const name = nameRow(provider.nit, provider.name);
      const entries = codeEntries(provider.nit, card.habilitationCodes);
      const gone = previous && {
        words: searchWords(previous.name).filter((word) => !wordList.includes(word)),
        entries: codeEntries(provider.nit, previous.habilitationCodes).filter((entry) => !entries.includes(entry)),
        name: nameRow(provider.nit, previous.name),
      };
      const bases = byBase([...entries, ...(gone?.entries ?? [])]);
      // The card is written last: until then a retry still sees the previous one, and so what to take out.
      await Promise.all([
        store.upsert('idxname', name),
        provider.nit.length > NIT_EXT ? editList('idxnitext', provider.nit.slice(0, NIT_EXT), 'ext', [provider.nit]) : undefined,
        forEachLimited([...bases], 4, ([base, touched]) =>
          editList(
            'idxcode',
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
      if (gone && gone.name.rowKey !== name.rowKey) await store.remove('idxname', gone.name.partitionKey, gone.name.rowKey);
      for (const word of gone?.words ?? []) {
        await editWord(word, provider.nit, 'remove');
        await rebuildHead(word);
      }
      await store.upsert('idxnit', cardRow(card));
    },

    /** Bulk load (benchmarks, rebuilds into empty tables). */
    async indexMany(entries: IndexEntry[]): Promise<void> {
      const cardList = entries.map(cardOf).sort((a, b) => compare(a.nit, b.nit));
      const extensions = groupBy(
        cardList.filter((card) => card.nit.length > NIT_EXT),
        (card) => card.nit.slice(0, NIT_EXT),
      );
      await forEachLimited([...extensions], 16, ([prefix, group]) =>
        store.upsert('idxnitext', { partitionKey: prefix, rowKey: 'ext', items: group.map((c) => c.nit).join(',') }),
      );
      const bases = byBase(cardList.flatMap((card) => codeEntries(card.nit, card.habilitationCodes)));
      await forEachLimited([...bases], 16, ([base, group]) =>
        store.upsert('idxcode', { partitionKey: base, rowKey: 'codes', items: [...group].sort().join(',') }),
      );
      const nameRows = cardList.map((card) => nameRow(card.nit, card.name));
      await store.batched('idxname', nameRows);
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
          ...wordKeys(word, i),
          nits: group
            .slice(i * CHUNK, (i + 1) * CHUNK)
            .map((c) => c.nit)
            .join(','),
        })),
      );
      await store.batched('idxword', wordRows);
      await forEachLimited([...byWord], 8, ([word, group]) =>
        store.upsert('idxhead', {
          partitionKey: word.slice(0, WIDTH.word),
          rowKey: word,
          ...pack({ cards: group.slice(0, HEAD), more: group.length > HEAD } satisfies HeadRow),
        }),
      );
      // The cards last, as in `index`: a card means its provider's other rows are written.
      await forEachLimited(cardList, 16, (card) => store.upsert('idxnit', cardRow(card)));
    },
  };
}
