import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/composition-root';
import { fold } from '../../src/kernel/text-folding';
import { syntheticReps } from '../../scripts/bench/synthetic-reps';
import { startTestServices } from '../support/test-app';
import { HEAD } from '../../src/search/search-rows';
import type { Provider } from '../../src/directory/directory.schemas';
import { rebuildSearchIndex } from '../../src/search/search-rebuild';
import { nitCheckDigit } from '../../src/identity/colombian-ids';
import { emptyKeyFile, type EnvironmentCredentials } from '../../src/key-files/key-file';

let services: Services;
const providers = syntheticReps(300, 420, 7);
const expiresOn = { preproduction: '2027-01-31', production: '2027-02-28' };
const flags = { pendingRenewal: false };
const state = { expiresOn, flags };

beforeAll(async () => {
  services = await startTestServices();
  await services.searchIndex.indexMany(providers.slice(0, 290).map((provider) => ({ provider, ...state })));
  for (const provider of providers.slice(290)) await services.searchIndex.index(provider, state); // one by one, as assignments do
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
    const expected = providers
      .filter((p) =>
        fold(p.name)
          .split(' ')
          .some((w) => w.startsWith('barbara')),
      )
      .map((p) => p.nit)
      .sort();
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
    expect(byPrefix).toEqual(
      providers
        .filter((p) => p.nit.startsWith(target.nit.slice(0, 6)))
        .map((p) => p.nit)
        .sort(),
    );
    const site = target.sites.at(-1)!;
    const byCode = await services.searchIndex.search(site.habilitationCode, 20);
    expect(byCode.items.map((item) => item.nit)).toEqual([target.nit]);
  });

  it('concurrent one-by-one indexing of providers sharing words loses none of them', async () => {
    const extra = syntheticReps(40, 40, 99).map((p, i) => ({ ...p, nit: String(700_000_000 + i), name: `Clínica Concurrente ${p.name}` }));
    await Promise.all(extra.map((provider) => services.searchIndex.index(provider, state)));
    expect((await collect('concurrente', 50)).sort()).toEqual(extra.map((p) => p.nit).sort());
  });

  const site = (habilitationCode: string) => ({
    habilitationCode,
    department: 'Caldas',
    municipality: 'Manizales',
    email: 'sede@ejemplo.example',
  });
  const made = (nit: string, name: string, ...codes: string[]): Provider => ({ nit, name, sites: codes.map(site) });

  it('a word shared by more providers than its head holds: first page from the head, then every one exactly once', async () => {
    const many = Array.from({ length: HEAD + 13 }, (_, i) =>
      made(String(600_000_000 + ((i * 7919) % 1000) * 1000 + i), `Heliconia Tropical ${i}`, `99${String(i).padStart(8, '0')}`),
    );
    // Out of NIT order and concurrently, as assignments arrive.
    await Promise.all(many.map((provider) => services.searchIndex.index(provider, state)));
    const sorted = many.map((p) => p.nit).sort();
    const first = await services.searchIndex.search('helicon', 20);
    expect(first.items.map((item) => item.nit)).toEqual(sorted.slice(0, 20));
    expect(first.cursor).toBeDefined();
    expect(await collect('HELICONIA', 20)).toEqual(sorted);
    const whole = await services.searchIndex.search('heliconia', HEAD);
    expect(whole.items.map((item) => item.nit)).toEqual(sorted.slice(0, HEAD));
    expect(whole.cursor).toBeDefined();
    // A page larger than the head is answered from the word lists, in the same order.
    const larger = await services.searchIndex.search('heliconia', HEAD + 10);
    expect(larger.items.map((item) => item.nit)).toEqual(sorted.slice(0, HEAD + 10));
  });

  it('a prefix of several words, each with more providers than its head: the union, in NIT order, page by page', async () => {
    const orchids = Array.from({ length: HEAD + 5 }, (_, i) =>
      made(String(610_000_000 + i * 2), `Orquídea Silvestre ${i}`, `97${String(i).padStart(8, '0')}`),
    );
    const bands = Array.from({ length: HEAD + 5 }, (_, i) =>
      made(String(610_000_001 + i * 2), `Orquesta Sinfónica ${i}`, `96${String(i).padStart(8, '0')}`),
    );
    await Promise.all([...orchids, ...bands].map((provider) => services.searchIndex.index(provider, state)));
    const union = [...orchids, ...bands].map((p) => p.nit).sort();
    const first = await services.searchIndex.search('orqu', HEAD);
    expect(first.items.map((item) => item.nit)).toEqual(union.slice(0, HEAD));
    expect(first.cursor).toBeDefined();
    expect(await collect('orqu', HEAD)).toEqual(union);
    expect(await collect('orquid', 7)).toEqual(orchids.map((p) => p.nit).sort());
  });

  it('renaming one of the first providers of a full head out of the word brings the next one in', async () => {
    const heliconias = await collect('heliconia', 50);
    expect(heliconias.length).toBeGreaterThan(HEAD);
    const leaving = heliconias[3]!;
    await services.searchIndex.index(made(leaving, 'Bromelia Roja', '9500000001'), state);
    const first = await services.searchIndex.search('heliconia', HEAD);
    expect(first.items.map((item) => item.nit)).toEqual(heliconias.filter((nit) => nit !== leaving).slice(0, HEAD));
    expect(await collect('heliconia', HEAD)).toEqual(heliconias.filter((nit) => nit !== leaving));
  });

  it('with no head rows (an index written before them) a one-word search still answers from the word lists', async () => {
    const expected = await collect('heliconia', 50);
    const table = services.storage.tableOf('idxhead');
    const { version: _, timestamp: __, ...saved } = (await table.get('he', 'heliconia'))!;
    await table.delete('he', 'heliconia');
    try {
      const first = await services.searchIndex.search('heliconia', HEAD);
      expect(first.items.map((item) => item.nit)).toEqual(expected.slice(0, HEAD));
    } finally {
      await table.upsert({ ...saved, partitionKey: 'he', rowKey: 'heliconia' });
    }
  });

  it('a continuation token it did not issue is refused as an invalid cursor (400), not a failure', async () => {
    const forged = Buffer.from(JSON.stringify({ kind: 'nit', token: 'no-es-un-token' })).toString('base64url');
    await expect(services.searchIndex.search('80', 5, forged)).rejects.toMatchObject({ status: 400, code: 'cursor-invalido' });
  });

  it('a full NIT finds itself and the longer NITs it begins; a check digit is accepted; 8 digits list all that start so', async () => {
    const family = [
      made('71234567', 'Ocho Dígitos', '7100100001'),
      made('712345678', 'Nueve Dígitos', '7100100002'),
      made('7123456781', 'Diez Uno', '7100100003'),
      made('7123456789', 'Diez Nueve', '7100100004'),
      made('712345679', 'Vecino Nueve', '7100100005'),
    ];
    for (const provider of family) await services.searchIndex.index(provider, state);
    const nitsOf = async (query: string, pageSize = 20) =>
      (await services.searchIndex.search(query, pageSize)).items.map((item) => item.nit);
    expect(await nitsOf('712345678')).toEqual(['712345678', '7123456781', '7123456789']);
    // With its check digit: that NIT only, and only when the digit is right.
    expect(await nitsOf(`712.345.678-${nitCheckDigit('712345678')}`)).toEqual(['712345678']);
    expect(await nitsOf(`712345678-${(nitCheckDigit('712345678') + 1) % 10}`)).toEqual([]);
    expect(await nitsOf('7123456781')).toEqual(['7123456781']);
    expect(await nitsOf('71234567')).toEqual(['71234567', '712345678', '7123456781', '7123456789', '712345679']);
    expect(await collect('71234567', 2)).toEqual(['71234567', '712345678', '7123456781', '7123456789', '712345679']);
    expect(await collect('7123456', 2)).toEqual(['71234567', '712345678', '7123456781', '7123456789', '712345679']);
    // A NIT written with its check digit is never taken for a habilitation code.
    expect(await nitsOf('710010000-1')).toEqual([]);
  });

  it('a habilitation code finds its provider by the 10-digit base (with the sedes), the 12-digit code or a beginning', async () => {
    const provider = made('733333333', 'Sedes Varias', '9800100001', '980010000102', '980010000103');
    const other = made('733333334', 'Otra Sede', '9800100002');
    for (const p of [provider, other]) await services.searchIndex.index(p, state);
    const nitsOf = async (query: string) => (await services.searchIndex.search(query, 20)).items.map((item) => item.nit);
    expect(await nitsOf('9800100001')).toEqual(['733333333']);
    expect(await nitsOf('980010000103')).toEqual(['733333333']);
    expect(await nitsOf('98001000010')).toEqual(['733333333']);
    expect((await collect('980010000', 1)).sort()).toEqual(['733333333', '733333334']);
  });

  it('re-indexing keeps every view in step: new expiry in the one-word page, renamed out of old words, codes and A-to-Z place', async () => {
    const before = made('744444444', 'Mandrágora Azul', '7400100001');
    await services.searchIndex.index(before, state);
    const later = { preproduction: '2028-05-31', production: '2028-06-30' };
    await services.searchIndex.index(before, { expiresOn: later, flags });
    expect((await services.searchIndex.search('mandragora', 20)).items).toEqual([
      expect.objectContaining({ nit: '744444444', expiresOn: later }),
    ]);

    const renamed = made('744444444', 'Girasol Naranja', '7400100009');
    await services.searchIndex.index(renamed, { expiresOn: later, flags });
    expect((await services.searchIndex.search('mandragora', 20)).items).toEqual([]);
    expect(await collect('mandrag', 5)).toEqual([]);
    expect((await services.searchIndex.search('girasol', 20)).items).toEqual([
      expect.objectContaining({ nit: '744444444', name: 'Girasol Naranja' }),
    ]);
    expect((await services.searchIndex.search('7400100001', 20)).items).toEqual([]);
    expect((await services.searchIndex.search('7400100009', 20)).items.map((item) => item.nit)).toEqual(['744444444']);
    expect((await collect('', 50)).filter((nit) => nit === '744444444')).toHaveLength(1);
  });

  it('a cursor it did not issue starts from the beginning instead of failing', async () => {
    const page = await services.searchIndex.search('', 5, 'no-es-un-cursor');
    expect(page.items).toHaveLength(5);
  });

  it('search:reindex (last: it empties the index) rebuilds it from the key files and the directory, old rows gone', async () => {
    const nit = '755555555';
    const [imported] = await services.directoryImport.importFiles({
      providers: `nit,razon_social,codigo_habilitacion,departamento,municipio,correo\n${nit},Clínica Reindexada S.A.S.,9700100001,Caldas,Manizales,sede@reindexada.example`,
    });
    expect(imported?.errors).toEqual([]);
    const environment: EnvironmentCredentials = {
      clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      expiresOn: '2027-09-30',
      tenantId: '00000000-0000-4000-8000-00000000a001',
      scope: 'api://ihce-demo/.default',
      endpoint: 'https://apim-ihce.demo.example/fhir',
      clientSecretRef: { name: 'ihce-reindex', version: 'v1' },
      assignedAt: '2026-11-01T12:00:00.000Z',
      assignedBy: 'CC2999999999',
      source: 'manual',
      previousSecrets: [],
    };
    await services.keyFiles.saveFile({ ...emptyKeyFile(nit), everRequested: true, environments: { production: environment } });
    // What an earlier release wrote: a card under its first 3 digits, a code row per code and NIT.
    await services.storage.tableOf('idxnit').upsert({ partitionKey: nit.slice(0, 3), rowKey: nit, data: '{}' });
    await services.storage.tableOf('idxcode').upsert({ partitionKey: '9700', rowKey: `9700100001|${nit}`, nit });
    expect((await services.searchIndex.search('reindexada', 20)).items).toEqual([]);

    // A word of a name it no longer has, and its old A-to-Z row, left by an earlier release.
    await services.storage.tableOf('idxword').upsert({ partitionKey: 'ob', rowKey: 'obsoleta|0000', nits: nit });
    await services.storage.tableOf('idxname').upsert({ partitionKey: 'cli', rowKey: `clinica.obsoleta-${nit}`, nit });

    const report = await rebuildSearchIndex(services);
    expect(report.cleared).toBeGreaterThan(4);
    expect(report.missing).toBe(0);
    // Only the files with keys count: this one (the rest of the suite indexed providers without key files).
    expect(report.providers).toBe(1);
    const found = [expect.objectContaining({ nit, name: 'Clínica Reindexada S.A.S.', expiresOn: { production: '2027-09-30' } })];
    expect((await services.searchIndex.search('reindexada', 20)).items).toEqual(found);
    expect((await services.searchIndex.search('9700100001', 20)).items).toEqual(found);
    expect((await services.searchIndex.search(nit, 20)).items).toEqual(found);
    expect(await collect(nit.slice(0, 4), 50)).toEqual([nit]);
    expect(await collect('obsoleta', 20)).toEqual([]);
    expect(await collect('', 50)).toEqual([nit]);
  });
});
