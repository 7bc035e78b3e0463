import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../../src/directory/csv-source';
import { CHUNK_BYTES, streamCsv } from '../../src/directory/csv-stream';
import { officerColumns } from '../../src/directory/directory-columns';
import { createDirectoryImport, IMPORT_WINDOW } from '../../src/directory/directory-import.service';
import type { DirectoryRepository } from '../../src/directory/directory.repository';
import type { Delegate, Provider } from '../../src/directory/directory.schemas';

/**
 * A file read from a source in pieces of `size` bytes (as fs.createReadStream or a blob download give it), with how
 * far each opening has been read: the import must work on it as a stream, never asking for the whole file at once.
 */
function pieceSource(bytes: Uint8Array, size: number) {
  const state = { opened: 0, read: 0 };
  const source: ByteSource = {
    async *open() {
      state.opened++;
      state.read = 0;
      for (let at = 0; at < bytes.length; at += size) {
        state.read = Math.min(at + size, bytes.length);
        yield bytes.subarray(at, at + size);
      }
    },
  };
  return { source, state };
}

function memoryDirectory(onWrite: () => void, onLookup: () => void = () => undefined) {
  const providers = new Map<string, Provider>();
  const delegates: Delegate[] = [];
  const directory = {
    getProvider: async (nit: string) => {
      onLookup();
      return nit.startsWith('8') ? { nit, name: 'IPS', sites: [] } : undefined;
    },
    hasAnyProvider: async () => providers.size > 0,
    listProviders: async () => [...providers.values()],
    listDelegates: async () => [],
    listOfficers: async () => [],
    writeProviders: async (save: readonly Provider[], options: { written?: (rows: number) => unknown }) => {
      onWrite();
      for (const provider of save) providers.set(provider.nit, provider);
      await options.written?.(save.length);
    },
    writeDelegates: async (save: readonly Delegate[], _remove: unknown, options: { written?: (rows: number) => unknown }) => {
      onWrite();
      delegates.push(...save);
      await options.written?.(save.length);
    },
  } as unknown as DirectoryRepository;
  return { directory, providers, delegates };
}

const PROVIDERS = 'nit;razon_social;codigo_habilitacion;departamento;municipio;correo';
const nitOf = (i: number) => String(800_000_000 + i);
const providerRow = (i: number, name: string) =>
  `${nitOf(i)};${name};${String(1_100_100_000 + i * 10)};Bogotá D.C.;Bogotá D.C.;sede${i}@ips.example`;
const DELEGATES = 'nit;tipo_identificacion;numero_identificacion;nombres;apellidos;correo;telefono';
const delegateRow = (i: number) => `${nitOf(i)};CC;${10_000_000 + i};Ana María;Núñez Peña;ana${i}@ips.example;3001234567`;

describe('a directory file read as a stream from its source (disk or Blob storage)', () => {
  it('imports a providers file many pieces long without reading it whole: its first write comes before its last piece', async () => {
    const count = IMPORT_WINDOW * 3;
    const bytes = Buffer.from([PROVIDERS, ...Array.from({ length: count }, (_, i) => providerRow(i, `IPS ${i}`))].join('\r\n'));
    const { source, state } = pieceSource(bytes, 1024);
    let readAtFirstWrite: number | undefined;
    const { directory, providers } = memoryDirectory(() => (readAtFirstWrite ??= state.read));
    const [report] = await createDirectoryImport(directory).importFiles({ providers: source });
    expect(report).toMatchObject({ imported: true, rows: count, created: count });
    expect(providers.size).toBe(count);
    expect(state.opened).toBe(3); // its encoding, the check-and-count reading, the writing one
    expect(bytes.length).toBeGreaterThan(10 * CHUNK_BYTES);
    expect(readAtFirstWrite).toBeLessThan(bytes.length / 2);
  });

  it('checks a delegates file while it is still being read: its first provider look-up comes before its last piece', async () => {
    const count = 4_000;
    const bytes = iconv.encode([DELEGATES, ...Array.from({ length: count }, (_, i) => delegateRow(i))].join('\r\n'), 'win1252');
    const { source, state } = pieceSource(bytes, 1024);
    let readAtFirstLookup: number | undefined;
    const { directory, delegates } = memoryDirectory(
      () => undefined,
      () => (readAtFirstLookup ??= state.read),
    );
    const [report] = await createDirectoryImport(directory).importFiles({ delegates: source });
    expect(report).toMatchObject({ imported: true, rows: count, created: count });
    expect(delegates[0]).toMatchObject({ firstNames: 'Ana María', lastNames: 'Núñez Peña' }); // Windows-1252 found by the stream
    expect(readAtFirstLookup).toBeLessThan(bytes.length / 2);
  });

  it('tells UTF-8 from Windows-1252 and refuses UTF-16 as the whole-file reading does, in pieces of any size (a BOM split too)', async () => {
    const text = `${PROVIDERS}\r\n${providerRow(1, 'Clínica Señor €')}\r\n${providerRow(2, 'Óptica Ñandú')}\r\n`;
    const cases = [
      Buffer.from(`\uFEFF${text}`, 'utf8'),
      Buffer.from(text, 'utf8'),
      iconv.encode(text, 'win1252'),
      Buffer.concat([Buffer.from(`\uFEFF${PROVIDERS}\r\n`, 'utf8'), iconv.encode(providerRow(1, 'Señor'), 'win1252')]),
      iconv.encode(text, 'utf16le', { addBOM: true }),
    ];
    for (const bytes of cases) {
      const whole = await createDirectoryImport(memoryDirectory(() => undefined).directory).preview({ providers: bytes });
      for (const size of [1, 2, 3, 7, 64]) {
        const { source } = pieceSource(bytes, size);
        const streamed = await createDirectoryImport(memoryDirectory(() => undefined).directory).preview({ providers: source });
        expect(streamed, `pieces of ${size}`).toEqual(whole);
      }
    }
  });

  it('a source that fails half-way (a disk or network error) throws its error: no report of a bad file, nothing written', async () => {
    const lines = ['tipo_identificacion;numero_identificacion;nombres;apellidos;correo', 'CC;123;Ana;Pérez;ana@pruebas.example'];
    const broken: ByteSource = {
      async *open() {
        yield Buffer.from(`${lines.join('\n')}\n`);
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    };
    await expect(streamCsv(broken, officerColumns, () => true)).rejects.toThrow('socket hang up');
    let writes = 0;
    const { directory } = memoryDirectory(() => writes++);
    await expect(createDirectoryImport(directory).importFiles({ officers: broken })).rejects.toThrow('socket hang up');
    expect(writes).toBe(0);
  });
});
