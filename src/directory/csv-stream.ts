import { parse, type Options } from 'csv-parse';
import { detectDelimiter, matchColumns, type CsvRecord } from './csv';
import { withoutC1 } from './csv-decoding';
import { hasUtf16Bom, hasUtf8Bom, isByteSource, sourceText, Undecodable, type ByteSource, type Encoding } from './csv-source';
import type { ColumnSpec } from './directory-columns';

/** How much of a file is decoded and parsed at a time. */
export const CHUNK_BYTES = 64 * 1024;

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
    if (!encoding) throw new Undecodable();
    pieces = bytePieces(file, encoding, chunk);
  }
  const lines = lineBreaks();
  for (const piece of pieces) {
    const text = lines.next(piece);
    if (text) yield text;
  }
  if (lines.end()) yield '\n';
}

/** The same pieces of a file read as a stream from its source (csv-source.ts). */
async function* sourceChunks(source: ByteSource): AsyncGenerator<string, void, undefined> {
  const lines = lineBreaks();
  for await (const piece of sourceText(source)) {
    const text = lines.next(piece);
    if (text) yield text;
  }
  if (lines.end()) yield '\n';
}

async function* anyChunks(file: string | Uint8Array | ByteSource, chunk: number): AsyncGenerator<string, void, undefined> {
  if (isByteSource(file)) yield* sourceChunks(file);
  else yield* textChunks(file, chunk);
}

/** BOM gone, line breaks «\n»; a «\r» at the end of a piece waits for the next one (`end`: whether one is left). */
function lineBreaks() {
  let carry = '';
  let first = true;
  return {
    next(piece: string): string {
      let text = carry + piece;
      if (first && text.length > 0) [text, first] = [text.replace(/^\uFEFF/, ''), false];
      carry = text.endsWith('\r') ? '\r' : '';
      if (carry) text = text.slice(0, -1);
      return text.replace(/\r\n?/g, '\n');
    },
    end: () => carry !== '',
  };
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
 * A source that fails to give its bytes (a disk or network error) throws: that is no fault of the file.
 */
export async function streamCsv(
  file: string | Uint8Array | ByteSource,
  columns: readonly ColumnSpec[],
  visit: RecordVisitor,
  chunk = CHUNK_BYTES,
): Promise<StreamedCsv> {
  const pieces = anyChunks(file, chunk);
  let head = '';
  try {
    while (!head.includes('\n')) {
      const next = await pieces.next();
      if (next.done) break;
      head += next.value;
    }
  } catch (error) {
    await pieces.return();
    if (error instanceof Undecodable) return { ok: false };
    throw error;
  }
  const headerLine = head.split('\n', 1)[0]!;
  if (headerLine.trim() === '') {
    await pieces.return();
    return { ok: false };
  }
  const delimiter = detectDelimiter(headerLine);
  const options: Options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true, // each record with where it ends: { record, info: { lines } }
  };
  const parser = parse(options);
  let failed: { error: unknown } | undefined; // the source's own failure
  const feed = (async () => {
    try {
      for (let text: string | undefined = head; text !== undefined; text = await nextOf(pieces)) {
        if (parser.destroyed) return;
        if (!parser.write(text)) await drained(parser);
      }
      parser.end();
    } catch (error) {
      failed = { error };
      parser.destroy();
    } finally {
      await pieces.return(); // a reading stopped early closes its file or download
    }
  })();

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
    if (!failed) return stop(parser);
  }
  if (failed) throw failed.error;
  return positions && ordinal > 0 ? { ok: true, records: ordinal, labels: positions.labels } : { ok: false };
}

async function nextOf(pieces: AsyncIterator<string>): Promise<string | undefined> {
  const next = await pieces.next();
  return next.done ? undefined : next.value;
}

/** Until the parser takes more text, or is destroyed (a reading stopped early). */
function drained(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
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
