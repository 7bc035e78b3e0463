export type CsvRecord = { line: number; values: Record<string, string> };
export type CsvParseResult =
  { ok: true; header: string[]; records: CsvRecord[] } | { ok: false; errors: { line: number; message: string }[] };

/**
 * RFC 4180 reader: comma-separated, optional double-quoted fields ("" escapes a quote, quoted fields may span
 * lines), CRLF or LF, UTF-8 BOM ignored. Each record remembers the line it started on, for error reports.
 */
export function parseCsv(text: string, requiredColumns: readonly string[]): CsvParseResult {
  const rows = splitRows(text.replace(/^\uFEFF/, ''));
  if ('error' in rows) return { ok: false, errors: [rows.error] };
  const [headerRow, ...dataRows] = rows.rows.filter((row) => !(row.fields.length === 1 && row.fields[0] === ''));
  if (!headerRow) return { ok: false, errors: [{ line: 1, message: 'El archivo está vacío: falta la fila de encabezado.' }] };

  const header = headerRow.fields.map((name) => name.trim().toLowerCase());
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          line: headerRow.line,
          message: `Faltan columnas en el encabezado: ${missing.join(', ')}. Se esperaba: ${requiredColumns.join(',')}.`,
        },
      ],
    };
  }

  const errors: { line: number; message: string }[] = [];
  const records: CsvRecord[] = [];
  for (const row of dataRows) {
    if (row.fields.length !== header.length) {
      errors.push({ line: row.line, message: `Tiene ${row.fields.length} columnas y el encabezado ${header.length}.` });
      continue;
    }
    const values: Record<string, string> = Object.create(null);
    header.forEach((name, index) => {
      values[name] = row.fields[index]!.trim();
    });
    records.push({ line: row.line, values });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, header, records };
}

type Row = { line: number; fields: string[] };

function splitRows(text: string): { rows: Row[] } | { error: { line: number; message: string } } {
  const rows: Row[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowStart = 1;
  let inQuotes = false;
  let quotedStartLine = 0;

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quotedStartLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowStart, fields });
      fields = [];
      field = '';
      line++;
      rowStart = line;
    } else {
      field += ch;
    }
  }
  if (inQuotes) return { error: { line: quotedStartLine, message: 'Hay un campo entre comillas que no se cierra.' } };
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowStart, fields });
  }
  return { rows };
}
