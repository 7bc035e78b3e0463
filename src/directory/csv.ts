import { CsvError, parse } from 'csv-parse/sync';
import { normalizeHeader, type ColumnSpec } from './directory-columns';

/** `field`: the column(s) at fault, as the file names them, when the fault is in a field rather than the line. */
export type LineError = { line: number; message: string; field?: string };
export type CsvRecord = { line: number; values: Record<string, string> };
/**
 * A file read against its columns: the records that have the header's number of fields (values under our column
 * names, trimmed), the lines that could not be read, and each column's name as the file writes it (for messages).
 * `ok: false` when the header itself is unusable: nothing else can be checked then.
 */
export type CsvTable =
  | { ok: true; delimiter: Delimiter; records: CsvRecord[]; errors: LineError[]; labels: Record<string, string> }
  | { ok: false; errors: LineError[] };

type Delimiter = ',' | ';' | '\t';
/** A record with the line it ends on. */
type Row = { record: string[]; lines: number };
const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];
export const delimiterNames: Record<Delimiter, string> = { ',': 'coma', ';': 'punto y coma', '\t': 'tabulador' };

/**
 * Reads a CSV text with csv-parse (RFC 4180: quoted fields may hold the delimiter, line breaks and "" quotes).
 * The delimiter is the one of «;», «,» or tab that the header line uses most, outside quotes (Excel in Colombia
 * writes «;»). Line numbers are the file's physical lines, the header being line 1: a record remembers the line
 * it starts on, also after a quoted line break.
 */
export function readCsv(text: string, columns: readonly ColumnSpec[]): CsvTable {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const headerEnd = normalized.indexOf('\n');
  const headerLine = headerEnd === -1 ? normalized : normalized.slice(0, headerEnd);
  if (headerLine.trim() === '')
    return { ok: false, errors: [{ line: 1, message: 'el archivo está vacío o su primera línea está en blanco: falta el encabezado' }] };
  const delimiter = detectDelimiter(headerLine);

  const errors: LineError[] = [];
  let lastLine = 0;
  const ends: number[] = [];
  let parsed: string[][] = [];
  try {
    parsed = parse(normalized, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) errors.push(unreadable(error, nextLine(normalized, lastLine)));
      },
      on_record: (record, context) => {
        lastLine = context.lines;
        ends.push(lastLine);
        return record;
      },
    });
  } catch (error) {
    errors.push(unreadable(error, nextLine(normalized, lastLine)));
  }
  const rows: Row[] = parsed.map((record, i) => ({ record, lines: ends[i]! }));

  const [header, ...data] = rows;
  if (!header) return { ok: false, errors: errors.length > 0 ? errors : [{ line: 1, message: 'falta el encabezado' }] };
  const positions = matchColumns(header.record, columns);
  if (!positions.ok) return { ok: false, errors: [{ line: startLine(header), message: positions.message(delimiter) }] };

  const records: CsvRecord[] = [];
  for (const row of data) {
    const line = startLine(row);
    if (row.record.every((field) => field.trim() === '')) continue; // Excel leaves rows of bare delimiters after the data
    if (row.record.length !== header.record.length) {
      errors.push({ line, message: wrongFieldCount(row.record.length, header.record.length, delimiter) });
      continue;
    }
    const values: Record<string, string> = Object.create(null);
    for (const [name, index] of positions.indexes) values[name] = row.record[index]!.trim();
    records.push({ line, values });
  }
  errors.sort((a, b) => a.line - b.line);
  return { ok: true, delimiter, records, errors, labels: positions.labels };
}

/** The first non-blank line after `line`: where a record that csv-parse could not finish began. */
function nextLine(text: string, line: number): number {
  const lines = text.split('\n');
  let next = line + 1;
  while (next < lines.length && lines[next - 1]!.trim() === '') next++;
  return next;
}

export function detectDelimiter(headerLine: string): Delimiter {
  const outsideQuotes = headerLine.replace(/"[^"]*"/g, '');
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = outsideQuotes.split(delimiter).length - 1;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/** The first line of a record: where it ends, less the line breaks inside its quoted fields. */
function startLine(row: Row): number {
  let breaks = 0;
  for (const field of row.record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) breaks++;
  }
  return row.lines - breaks;
}

export function matchColumns(header: string[], columns: readonly ColumnSpec[]) {
  const found = header.map(normalizeHeader);
  const indexes: [string, number][] = [];
  const labels: Record<string, string> = {};
  const missing: ColumnSpec[] = [];
  for (const column of columns) {
    // Our own name wins over an alias when a file has both (a REPS file with an added «correo» column).
    const index = [column.name, ...column.aliases].map((name) => found.indexOf(name)).find((i) => i !== -1);
    if (index === undefined) {
      if (!column.optional) missing.push(column);
    } else {
      indexes.push([column.name, index]);
      labels[column.name] = header[index]!.trim();
    }
  }
  if (missing.length === 0) return { ok: true as const, indexes, labels };
  const named = (c: ColumnSpec) => (c.aliases.length > 0 ? `${c.name} (o ${c.aliases.join(', ')})` : c.name);
  return {
    ok: false as const,
    message: (delimiter: Delimiter) =>
      `faltan columnas en el encabezado: ${missing.map(named).join('; ')}. Se esperaba: ${columns
        .filter((c) => !c.optional)
        .map((c) => c.name)
        .join(delimiter)}` + ` (separador detectado: ${delimiterNames[delimiter]}; se leyó: ${header.join(' | ')})`,
  };
}

function wrongFieldCount(fields: number, expected: number, delimiter: Delimiter): string {
  return (
    `la fila tiene ${fields} columna${fields === 1 ? '' : 's'} y el encabezado ${expected}` +
    ` (revise que todo valor con «${delimiter === '\t' ? 'tabulador' : delimiter}» vaya entre comillas)`
  );
}

function unreadable(error: unknown, line: number): LineError {
  if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return { line, message: 'un campo abre comillas («"») y no las cierra: desde esta línea hasta el final no se pudo leer el archivo' };
  }
  const at =
    error instanceof CsvError && typeof (error as CsvError & { lines?: number }).lines === 'number'
      ? (error as CsvError & { lines: number }).lines
      : line;
  return { line: at, message: 'la fila no se pudo leer como CSV' };
}
