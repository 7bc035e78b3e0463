import type { z } from 'zod';
import { decodeCsv } from './csv-decoding';
import type { ByteSource } from './csv-source';
import { readCsv, type LineError } from './csv';
import { delegateColumns, officerColumns, providerColumns, type ColumnSpec } from './directory-columns';
import { personKey } from './directory.repository';
import { delegateRowSchema, officerRowSchema, providerRowSchema, type Delegate, type Officer, type Provider } from './directory.schemas';

/** A directory file read whole: the bytes of an upload, or text already decoded. */
export type WholeFile = string | Uint8Array;
/** A directory file as it arrives: whole, or read as a stream from disk or from Blob storage (csv-source.ts). */
export type DirectoryFile = WholeFile | ByteSource;
/** What a file holds once every line has been checked: its items, or every bad line (then nothing of it is used). */
export type CheckedFile<T> = { ok: true; rows: number; items: T[] } | { ok: false; errors: LineError[] };

/**
 * Every line of a file checked in one pass: lines csv-parse could not read, lines with the wrong number of fields,
 * fields that fail the row schema (named by the file's own column header) and, through `check`, rows that clash
 * with another row or with the directory. Errors come back sorted by line.
 */
async function checkFile<S extends z.ZodType, T>(
  file: WholeFile,
  columns: readonly ColumnSpec[],
  schema: S,
  check: (row: z.infer<S>, line: number) => Promise<T | string> | T | string,
): Promise<CheckedFile<T>> {
  const decoded = typeof file === 'string' ? { ok: true as const, text: file } : decodeCsv(file);
  if (!decoded.ok) return { ok: false, errors: [{ line: decoded.line, message: decoded.message }] };
  const table = readCsv(decoded.text, columns);
  if (!table.ok) return table;

  const errors = [...table.errors];
  const items: T[] = [];
  for (const record of table.records) {
    const result = schema.safeParse(record.values);
    if (!result.success) {
      const labelOf = (issue: z.core.$ZodIssue) => {
        const column = String(issue.path[0] ?? '');
        return table.labels[column] ?? (column || 'fila');
      };
      const reasons = result.error.issues.map((issue) => `${labelOf(issue)}: ${issue.message}`);
      const field = [...new Set(result.error.issues.map(labelOf))].join(', ');
      errors.push({ line: record.line, message: reasons.join('; '), field });
      continue;
    }
    const pending = check(result.data, record.line);
    const checked = pending instanceof Promise ? await pending : pending; // most checks are synchronous: no await per row
    if (typeof checked === 'string') errors.push({ line: record.line, message: checked });
    else items.push(checked);
  }
  if (table.records.length === 0 && errors.length === 0) errors.push({ line: 2, message: 'el archivo no tiene filas de datos' });
  errors.sort((a, b) => a.line - b.line);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows: table.records.length, items };
}

/** Providers grouped by NIT, with their sites (one habilitation code each, never twice in a file). */
export async function checkProviders(file: WholeFile): Promise<CheckedFile<Provider>> {
  const byNit = new Map<string, Provider>();
  const seenCodes = new Map<string, number>();
  const checked = await checkFile(file, providerColumns, providerRowSchema, (row, line) => {
    const firstLine = seenCodes.get(row.codigo_habilitacion);
    if (firstLine) return `el código de habilitación ${row.codigo_habilitacion} ya aparece en la línea ${firstLine}`;
    seenCodes.set(row.codigo_habilitacion, line);
    const provider = byNit.get(row.nit) ?? { nit: row.nit, name: row.razon_social, sites: [] };
    provider.sites.push({
      habilitationCode: row.codigo_habilitacion,
      department: row.departamento,
      municipality: row.municipio,
      email: row.correo.toLowerCase(),
    });
    byNit.set(row.nit, provider);
    return provider;
  });
  if (!checked.ok) return checked;
  for (const provider of byNit.values()) provider.sites.sort((a, b) => a.habilitationCode.localeCompare(b.habilitationCode));
  return { ok: true, rows: checked.rows, items: [...byNit.values()] };
}

/** Delegates, each once per NIT, of NITs that are providers (`isProvider`: in this run's file or in the directory). */
export async function checkDelegates(file: WholeFile, isProvider: (nit: string) => Promise<boolean>): Promise<CheckedFile<Delegate>> {
  const lines = new Map<string, number>();
  const known = new Map<string, boolean>();
  return checkFile(file, delegateColumns, delegateRowSchema, async (row, line) => {
    const delegate: Delegate = { nit: row.nit, ...person(row), ...(row.telefono && { phone: row.telefono }) };
    const key = `${delegate.nit}/${personKey(delegate)}`;
    if (lines.has(key)) return `esta persona ya figura como delegado del NIT ${row.nit} en la línea ${lines.get(key)}`;
    lines.set(key, line);
    if (!known.has(row.nit)) known.set(row.nit, await isProvider(row.nit));
    if (!known.get(row.nit)) return `el NIT ${row.nit} no está en el directorio de prestadores (importe primero los prestadores)`;
    return delegate;
  });
}

/** Officials, each once. */
export async function checkOfficers(file: WholeFile): Promise<CheckedFile<Officer>> {
  const lines = new Map<string, number>();
  return checkFile(file, officerColumns, officerRowSchema, (row, line) => {
    const officer = person(row);
    const key = personKey(officer);
    if (lines.has(key)) return `esta persona ya figura en la línea ${lines.get(key)}`;
    lines.set(key, line);
    return officer;
  });
}

export function person(row: z.infer<typeof officerRowSchema>): Officer {
  return {
    idType: row.tipo_identificacion,
    idNumber: row.numero_identificacion.toUpperCase(),
    firstNames: row.nombres,
    lastNames: row.apellidos,
    email: row.correo.toLowerCase(),
  };
}
