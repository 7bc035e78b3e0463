import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from '../../src/directory/csv-decoding';
import { CHUNK_BYTES, streamCsv, textChunks } from '../../src/directory/csv-stream';
import { providerColumns } from '../../src/directory/directory-columns';
import { createDirectoryImport, IMPORT_WINDOW } from '../../src/directory/directory-import.service';
import type { DirectoryRepository } from '../../src/directory/directory.repository';
import type { Provider } from '../../src/directory/directory.schemas';

/** The directory in memory: every call of writeProviders kept (how many rows each call was handed). */
function memoryDirectory() {
  const providers = new Map<string, Provider>();
  const calls: number[] = [];
  const directory = {
    getProvider: async (nit: string) => providers.get(nit),
    hasAnyProvider: async () => providers.size > 0,
    listProviders: async () => [...providers.values()],
    listDelegates: async () => [],
    listOfficers: async () => [],
    writeProviders: async (save: readonly Provider[], options: { written?: (rows: number) => unknown }) => {
      calls.push(save.length);
      for (const provider of save) providers.set(provider.nit, structuredClone(provider));
      await options.written?.(save.length);
    },
  } as unknown as DirectoryRepository;
  return { directory, providers, calls };
}

const HEADER = 'nit;razon_social;codigo_habilitacion;departamento;municipio;correo';
const nitOf = (i: number) => String(800_000_000 + i);
const row = (i: number, name: string, site = 0) =>
  `${nitOf(i)};${name};${String(1_100_100_000 + i * 10 + site)};Bogotá D.C.;Bogotá D.C.;sede${i}.${site}@ips.example`;

describe('directory import streamed', () => {
  it('a file whose only bad line is its last one writes nothing, although its good rows fill several windows', async () => {
    const { directory, providers, calls } = memoryDirectory();
    const count = IMPORT_WINDOW * 2 + 10;
    const lines = [HEADER, ...Array.from({ length: count }, (_, i) => row(i, `IPS ${i}`))];
    lines.push(`${nitOf(count)};IPS mala;12345;Bogotá D.C.;Bogotá D.C.;mala@ips.example`); // a code of 5 digits
    const [report] = await createDirectoryImport(directory).importFiles({ providers: Buffer.from(lines.join('\n')) });
    expect(report!.imported).toBe(false);
    expect(report!.errors.map((e) => e.line)).toEqual([lines.length]);
    expect(calls).toEqual([]);
    expect(providers.size).toBe(0);
  });

  it('writes in windows of at most IMPORT_WINDOW rows, never the whole file at once, and a provider split across the file whole', async () => {
    const { directory, providers, calls } = memoryDirectory();
    const count = IMPORT_WINDOW * 2 + 10;
    const lines = [
      HEADER,
      row(0, 'IPS Cero', 1),
      ...Array.from({ length: count }, (_, i) => row(i + 1, `IPS ${i + 1}`)),
      row(0, 'IPS Cero', 2),
    ];
    const [report] = await createDirectoryImport(directory).importFiles({ providers: Buffer.from(lines.join('\r\n')) });
    expect(report).toMatchObject({ imported: true, rows: count + 2, created: count + 1 });
    expect(calls.length).toBeGreaterThan(2);
    expect(Math.max(...calls)).toBeLessThanOrEqual(IMPORT_WINDOW);
    expect(calls.reduce((a, b) => a + b, 0)).toBe(count + 1);
    // NIT 0's two rows are the file's first and last: one provider, both sites, written after its last row.
    expect(providers.get(nitOf(0))!.sites.map((s) => s.habilitationCode)).toEqual(['1100100001', '1100100002']);
  });

  it('a Windows-1252 file and a UTF-8 one with accents, larger than a piece, are read the same as whole (a character split between pieces too)', async () => {
    const names = ['Clínica Señor de los Milagros Ñandú', 'Fundación Óptica Bárbara Müller', 'E.S.E. Hospital San Vicente de Paúl €'];
    const count = Math.ceil((CHUNK_BYTES * 2) / 90);
    for (const encode of [(text: string) => iconv.encode(text, 'win1252'), (text: string) => Buffer.from(text, 'utf8')]) {
      // Pad the first name until a two-byte «ñ»/«é»… of UTF-8 straddles the first piece's end (Windows-1252 is one byte each).
      let bytes: Buffer = Buffer.alloc(0);
      let lines: string[] = [];
      for (let pad = 0; pad < 8; pad++) {
        lines = [HEADER, ...Array.from({ length: count }, (_, i) => row(i, `${names[i % 3]}${i === 0 ? ' X'.repeat(pad) : ''}`))];
        bytes = encode(lines.join('\n'));
        if (bytes[CHUNK_BYTES - 1]! >= 0xc0) break;
      }
      const streamed: string[] = []; // read as a stream (not by the whole-file path a bad file takes)
      const read = await streamCsv(bytes, providerColumns, (record) => streamed.push(record.values.razon_social!) > 0);
      expect(read.ok).toBe(true);
      expect(streamed).toEqual(lines.slice(1).map((line) => line.split(';')[1]));
      const { directory, providers } = memoryDirectory();
      const [report] = await createDirectoryImport(directory).importFiles({ providers: bytes });
      expect(report).toMatchObject({ imported: true, rows: count });
      for (let i = 0; i < count; i++) expect(providers.get(nitOf(i))!.name).toBe(lines[i + 1]!.split(';')[1]);
    }
  });

  it('the text of any file in pieces of any size is the whole file decoded (CRLF split between pieces included)', () => {
    const text = 'a;b\r\nñé€😀;x\r\n"c\r\nd";Ñ\r\r\nfin';
    for (const bytes of [Buffer.from(`\uFEFF${text}`, 'utf8'), iconv.encode(text.replace(/[€😀]/gu, 'o'), 'win1252')]) {
      const whole = decodeCsv(bytes);
      if (!whole.ok) throw new Error('not decoded');
      const expected = whole.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      for (let size = 1; size <= 9; size++) expect([...textChunks(bytes, size)].join(''), `pieces of ${size}`).toBe(expected);
    }
  });
});
