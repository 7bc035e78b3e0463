import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../shared/composition-root';
import { fold } from '../../shared/kernel/text-folding';
import { syntheticReps } from '../../scripts/bench/synthetic-reps';
import { startTestServices } from '../support/test-app';

let services: Services;
const providers = syntheticReps(300, 420, 7);
const expiresOn = { preproduction: '2027-01-31', production: '2027-02-28' };

beforeAll(async () => {
  services = await startTestServices();
  await services.searchIndex.indexMany(providers.slice(0, 290).map((provider) => ({ provider, expiresOn })));
  for (const provider of providers.slice(290)) await services.searchIndex.index(provider, expiresOn); // one by one, as assignments do
});

async function collect(query: string, pageSize: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await services.searchIndex.search(query, pageSize, cursor);
    seen.push(...page.items.map((item) => item.nit));
    cursor = page.cursor;
    pages++;
  } while (cursor && pages < 100);
  return seen;
}

describe('provider search index', () => {
  it('the empty search pages through every provider exactly once, A to Z', async () => {
    const seen = await collect('', 17);
    expect(seen).toHaveLength(providers.length);
    expect(new Set(seen).size).toBe(providers.length);
    const keys = seen.map((nit) => `${fold(providers.find((p) => p.nit === nit)!.name)}\u0000${nit}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('a word typed without accents or case finds exactly the providers whose name has it, across pages', async () => {
    const expected = providers.filter((p) => fold(p.name).split(' ').some((w) => w.startsWith('barbara'))).map((p) => p.nit).sort();
    expect(expected.length).toBeGreaterThan(5);
    expect((await collect('BÁRBARA', 4)).sort()).toEqual(expected);
    expect((await collect('barb', 4)).sort()).toEqual(expected);
  });

  it('stopwords and one-letter words typed in a full name do not empty the results', async () => {
    const target = providers.find((p) => / de /i.test(p.name))!;
    const page = await services.searchIndex.search(target.name, 50);
    expect(page.items.map((item) => item.nit)).toContain(target.nit);
  });

  it('several words must all match (each as the start of some word of the name)', async () => {
    const expected = providers
      .filter((p) => {
        const words = fold(p.name).split(' ');
        return words.some((w) => w.startsWith('clinica')) && words.some((w) => w.startsWith('san'));
      })
      .map((p) => p.nit)
      .sort();
    expect((await collect('clínica san', 5)).sort()).toEqual(expected);
  });

  it('finds by NIT prefix and by habilitation code, showing the card with the expiry dates', async () => {
    const target = providers[123]!;
    const byNit = await services.searchIndex.search(target.nit, 20);
    expect(byNit.items).toEqual([expect.objectContaining({ nit: target.nit, name: target.name, expiresOn })]);
    const byPrefix = await collect(target.nit.slice(0, 6), 3);
    expect(byPrefix).toEqual(providers.filter((p) => p.nit.startsWith(target.nit.slice(0, 6))).map((p) => p.nit).sort());
    const site = target.sites.at(-1)!;
    const byCode = await services.searchIndex.search(site.habilitationCode, 20);
    expect(byCode.items.map((item) => item.nit)).toEqual([target.nit]);
  });

  it('concurrent one-by-one indexing of providers sharing words loses none of them', async () => {
    const extra = syntheticReps(40, 40, 99).map((p, i) => ({ ...p, nit: String(700_000_000 + i), name: `Clínica Concurrente ${p.name}` }));
    await Promise.all(extra.map((provider) => services.searchIndex.index(provider, expiresOn)));
    expect((await collect('concurrente', 50)).sort()).toEqual(extra.map((p) => p.nit).sort());
  });

  it('a cursor it did not issue starts from the beginning instead of failing', async () => {
    const page = await services.searchIndex.search('', 5, 'no-es-un-cursor');
    expect(page.items).toHaveLength(5);
  });
});
