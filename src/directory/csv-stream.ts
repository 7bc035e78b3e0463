import { parse, type Options } from 'csv-parse';
import { detectDelimiter, matchColumns, type CsvRecord } from './csv';
import { withoutC1 } from './csv-decoding';
import type { ColumnSpec } from './directory-columns';

/** How much of a file is decoded and parsed at a time. */
export const CHUNK_BYTES = 64 * 1024;
type Encoding = 'utf-8' | 'windows-1252';

const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
const hasUtf16Bom = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * The encoding decodeCsv would choose (csv-decoding.ts), found by decoding chunk by chunk and keeping nothing:
 * valid UTF-8 is UTF-8, anything else Windows-1252; undefined where decodeCsv refuses the file (UTF-16, or a
 * UTF-8 BOM before bytes that are not UTF-8).
 */
function encodingOf(bytes: Uint8Array, chunk: number): Encoding | undefined {
  if (hasUtf16Bom(bytes)) return undefined;
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let at = 0; at < bytes.length; at += chunk) strict.decode(bytes.subarray(at, at + chunk), { stream: true });
    strict.decode();
    return 'utf-8';
  } catch {
    return hasUtf8Bom(bytes) ? undefined : 'windows-1252';
  }
}

/**
 * The text of a file in pieces of `chunk` bytes, as readCsv sees it whole: BOM gone, line breaks «\n» (a «\r»
 * at the end of a piece waits for the next one, which may start with its «\n»). A character whose bytes are
 * split between two pieces is decoded whole (TextDecoder with `stream`).
 */
export function* textChunks(file: string | Uint8Array, chunk = CHUNK_BYTES): Generator<string, void, undefined> {
  let pieces: Iterable<string>;
  if (typeof file === 'string') pieces = stringPieces(file, chunk);
  else {
    const encoding = encodingOf(file, chunk);
    if (!encoding) throw new Error('archivo no decodificable');
    pieces = bytePieces(file, encoding, chunk);
  }
  let carry = '';
  let first = true;
  for (const piece of pieces) {
    let text = carry + piece;
    if (first && text.length > 0) [text, first] = [text.replace(/^\uFEFF/, ''), false];
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry) text = text.slice(0, -1);
    if (text) yield text.replace(/\r\n?/g, '\n');
  }
  if (carry) yield '\n';
}

function* stringPieces(text: string, chunk: number) {
  for (let at = 0; at < text.length; at += chunk) yield text.slice(at, at + chunk);
}

function* bytePieces(bytes: Uint8Array, encoding: Encoding, chunk: number) {
  const decoder = new TextDecoder(encoding);
  const clean = encoding === 'utf-8' ? (text: string) => text : withoutC1;
  for (let at = 0; at < bytes.length; at += chunk) yield clean(decoder.decode(bytes.subarray(at, at + chunk), { stream: true }));
  yield clean(decoder.decode());
}

type Numbered = { record: string[]; info: { lines: number } };
/** `false` from a visitor stops the read (a bad row: the whole-file path reports the errors). */
export type RecordVisitor = (record: CsvRecord, ordinal: number) => boolean | Promise<boolean>;
export type StreamedCsv = { ok: true; records: number; labels: Record<string, string> } | { ok: false };

/**
 * A CSV file read as a stream (csv-parse's streaming API, a piece at a time): each data record goes to `visit`
 * as readCsv would give it (values under our column names, trimmed; the line it starts on) and none is kept.
 * `ok: false` as soon as anything is wrong (the file cannot be decoded, the header, a line that cannot be read or
 * has the wrong number of fields, a visitor says no): the caller then reads the file whole for its error report.
 */
export async function streamCsv(
  file: string | Uint8Array,
  columns: readonly ColumnSpec[],
  visit: RecordVisitor,
  chunk = CHUNK_BYTES,
): Promise<StreamedCsv> {
  let pieces: Iterator<string>;
  let head = '';
  try {
    pieces = textChunks(file, chunk);
    while (!head.includes('\n')) {
      const next = pieces.next();
      if (next.done) break;
      head += next.value;
    }
  } catch {
    return { ok: false };
  }
  const headerLine = head.split('\n', 1)[0]!;
  if (headerLine.trim() === '') return { ok: false };
  const delimiter = detectDelimiter(headerLine);
  const options: Options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true, // each record with where it ends: { record, info: { lines } }
  };
  const parser = parse(options);
  const feed = (async () => {
    for (let text: string | undefined = head; text !== undefined; text = nextOf(pieces)) {
      if (parser.destroyed) return;
      if (!parser.write(text)) await new Promise((resolve) => parser.once('drain', resolve));
    }
    parser.end();
  })();
  feed.catch(() => undefined);

  let header: string[] | undefined;
  let positions: Extract<ReturnType<typeof matchColumns>, { ok: true }> | undefined;
  let ordinal = 0;
  try {
    for await (const row of parser as unknown as AsyncIterable<Numbered>) {
      if (!header || !positions) {
        const matched = matchColumns(row.record, columns);
        if (!matched.ok) return stop(parser);
        [header, positions] = [row.record, matched];
        continue;
      }
      if (row.record.every((field) => field.trim() === '')) continue;
      if (row.record.length !== header.length) return stop(parser);
      const values: Record<string, string> = Object.create(null);
      for (const [name, index] of positions.indexes) values[name] = row.record[index]!.trim();
      const line = row.info.lines - breaksIn(row.record);
      if (!(await visit({ line, values }, ordinal++))) return stop(parser);
    }
    await feed;
  } catch {
    return stop(parser);
  }
  return positions && ordinal > 0 ? { ok: true, records: ordinal, labels: positions.labels } : { ok: false };
}

function nextOf(pieces: Iterator<string>): string | undefined {
  const next = pieces.next();
  return next.done ? undefined : next.value;
}

function stop(parser: ReturnType<typeof parse>): { ok: false } {
  parser.destroy();
  return { ok: false };
}

/** Line breaks inside a record's quoted fields (its first line is where it ends, less these). */
function breaksIn(record: string[]): number {
  let breaks = 0;
  for (const field of record) for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) breaks++;
  return breaks;
}
