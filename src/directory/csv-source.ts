import { withoutC1 } from './csv-decoding';

/**
 * A directory file read as a stream from where it is kept (a file on disk, a blob), opened again for each
 * reading: the import reads it piece by piece and never holds it whole (README «Cargar el directorio del Ministerio», «Cómo lee»).
 */
export type ByteSource = { open: () => AsyncIterable<Uint8Array> };
export type Encoding = 'utf-8' | 'windows-1252';

export const isByteSource = (file: unknown): file is ByteSource =>
  typeof file === 'object' && file !== null && typeof (file as ByteSource).open === 'function';
export const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
export const hasUtf16Bom = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/** The file cannot be read as text (UTF-16, or a UTF-8 BOM before bytes that are not UTF-8): the whole-file reading says why. */
export class Undecodable extends Error {
  constructor() {
    super('archivo no decodificable');
  }
}

/** The source's pieces, the first ones joined until they hold 3 bytes (a BOM is never split between pieces). */
async function* pieces(source: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  let head: Uint8Array | undefined; // the first bytes, held until there are 3
  let started = false;
  for await (const piece of source.open()) {
    if (started) {
      yield piece;
      continue;
    }
    head = head ? Buffer.concat([head, piece]) : piece;
    if (head.byteLength < 3) continue;
    const first = head;
    [started, head] = [true, undefined];
    yield first;
  }
  if (head) yield head;
}

const encodings = new WeakMap<ByteSource, Encoding | null>();

/**
 * The encoding decodeCsv would choose for the whole file (csv-decoding.ts), found by one reading that decodes piece
 * by piece and keeps nothing: valid UTF-8 is UTF-8, anything else Windows-1252 (the reading stops at the first byte
 * that is not UTF-8); undefined where decodeCsv refuses the file. Known once per source.
 */
export async function encodingOf(source: ByteSource): Promise<Encoding | undefined> {
  const known = encodings.get(source);
  if (known !== undefined) return known ?? undefined;
  const strict = new TextDecoder('utf-8', { fatal: true });
  let first: Uint8Array | undefined;
  let found: Encoding | null = 'utf-8';
  const valid = (bytes?: Uint8Array) => {
    try {
      strict.decode(bytes, { stream: bytes !== undefined });
      return true;
    } catch {
      return false;
    }
  };
  for await (const bytes of pieces(source)) {
    first ??= bytes;
    if (hasUtf16Bom(first)) found = null;
    else if (!valid(bytes)) found = hasUtf8Bom(first) ? null : 'windows-1252';
    if (found !== 'utf-8') break;
  }
  if (found === 'utf-8' && !valid()) found = first && hasUtf8Bom(first) ? null : 'windows-1252';
  encodings.set(source, found);
  return found ?? undefined;
}

/** The decoded text of a source, a piece at a time (as decodeCsv would decode the whole of it). */
export async function* sourceText(source: ByteSource): AsyncGenerator<string, void, undefined> {
  const encoding = await encodingOf(source);
  if (!encoding) throw new Undecodable();
  const decoder = new TextDecoder(encoding);
  const clean = encoding === 'utf-8' ? (text: string) => text : withoutC1;
  for await (const bytes of pieces(source)) yield clean(decoder.decode(bytes, { stream: true }));
  yield clean(decoder.decode());
}

/** The whole file, for the error report of a bad file (its lines are read whole, as before the streamed import). */
export async function readWhole(source: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const piece of source.open()) parts.push(piece);
  return Buffer.concat(parts);
}
