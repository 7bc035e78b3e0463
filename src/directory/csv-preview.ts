import { parse } from 'csv-parse/sync';
import { decodeCsv } from './csv-decoding';
import { delimiterNames, detectDelimiter, readCsv } from './csv';
import type { ColumnSpec } from './directory-columns';

export const PREVIEW_ROWS = 5;

/** How a file was read, for the preview: encoding and separator detected, its header, first rows and data row count. */
export type CsvShape = { encoding?: string; delimiter?: string; headers: string[]; firstRows: string[][]; rows: number };

export function describeCsv(bytes: Uint8Array, columns: readonly ColumnSpec[]): CsvShape {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { headers: [], firstRows: [], rows: 0 };
  const text = decoded.text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = detectDelimiter(firstLine);
  let head: string[][] = [];
  try {
    head = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: PREVIEW_ROWS + 1 });
  } catch {
    // The errors of the check say where; the preview shows what it could read.
  }
  const table = readCsv(decoded.text, columns);
  return {
    encoding: decoded.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252',
    delimiter: delimiterNames[delimiter],
    headers: head[0] ?? [],
    firstRows: head.slice(1),
    rows: table.ok ? table.records.length + table.errors.length : 0,
  };
}
