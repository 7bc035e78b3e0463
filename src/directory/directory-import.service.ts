import type { z } from 'zod';
import { canonicalJson } from '../kernel/canonical-json';
import { forEachLimited } from '../kernel/concurrency';
import { parseCsv } from './csv';
import {
  delegateColumns,
  delegateRowSchema,
  officerColumns,
  officerRowSchema,
  providerColumns,
  providerRowSchema,
  type Delegate,
  type Officer,
  type Provider,
} from './directory.schemas';
import { personKey, type DirectoryRepository } from './directory.repository';
import { DIRECTORY_IMPORT_SUBJECT, importAuditDetail, type ImportAuditLog } from './import-audit';

export type ImportKind = 'providers' | 'delegates' | 'officers';
export type LineError = { line: number; message: string };
export type ImportReport = {
  kind: ImportKind;
  imported: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** The key of each row added, changed and removed (see import-audit.ts). */
  keys: { created: string[]; updated: string[]; removed: string[] };
  errors: LineError[];
};

const WRITE_CONCURRENCY = 32;

/**
 * Loads the ministry's registries. Each file is validated whole before anything is written: one bad line
 * and nothing of that file is imported. Writes are idempotent upserts of changed rows only; the delegates
 * and officers files are complete lists, so a person missing from a later file is removed (and so loses
 * access, which sign-in and every session check read from the directory).
 */
export function createDirectoryImport(directory: DirectoryRepository, audit?: ImportAuditLog) {
  async function importProviders(csv: string): Promise<ImportReport> {
    const parsed = validateRows(csv, providerColumns, providerRowSchema);
    if (!parsed.ok) return failed('providers', parsed.errors);

    const byNit = new Map<string, Provider>();
    const seenCodes = new Map<string, number>();
    const errors: LineError[] = [];
    for (const { line, row } of parsed.rows) {
      const firstLine = seenCodes.get(row.codigo_habilitacion);
      if (firstLine) {
        errors.push({ line, message: `el código de habilitación ${row.codigo_habilitacion} ya aparece en la línea ${firstLine}` });
        continue;
      }
      seenCodes.set(row.codigo_habilitacion, line);
      const provider = byNit.get(row.nit) ?? { nit: row.nit, name: row.razon_social, sites: [] };
      provider.sites.push({
        habilitationCode: row.codigo_habilitacion,
        department: row.departamento,
        municipality: row.municipio,
        email: row.correo.toLowerCase(),
      });
      byNit.set(row.nit, provider);
    }
    if (errors.length > 0) return failed('providers', errors);

    for (const provider of byNit.values()) provider.sites.sort((a, b) => a.habilitationCode.localeCompare(b.habilitationCode));
    const existing = new Map((await directory.listProviders()).map((p) => [p.nit, p]));
    return applyChanges('providers', parsed.rows.length, [...byNit.values()], existing, (p) => p.nit, directory.saveProvider);
  }

  async function importDelegates(csv: string): Promise<ImportReport> {
    const parsed = validateRows(csv, delegateColumns, delegateRowSchema);
    if (!parsed.ok) return failed('delegates', parsed.errors);

    const errors: LineError[] = [];
    const delegates = new Map<string, Delegate>();
    const lines = new Map<string, number>();
    const knownNits = new Map<string, boolean>();
    for (const { line, row } of parsed.rows) {
      const delegate: Delegate = {
        nit: row.nit,
        idType: row.tipo_identificacion,
        idNumber: row.numero_identificacion.toUpperCase(),
        firstNames: row.nombres,
        lastNames: row.apellidos,
        email: row.correo.toLowerCase(),
      };
      const key = `${delegate.nit}/${personKey(delegate)}`;
      if (lines.has(key)) {
        errors.push({ line, message: `esta persona ya figura como delegado del NIT ${row.nit} en la línea ${lines.get(key)}` });
        continue;
      }
      lines.set(key, line);
      if (!knownNits.has(row.nit)) knownNits.set(row.nit, (await directory.getProvider(row.nit)) !== undefined);
      if (!knownNits.get(row.nit)) {
        errors.push({ line, message: `el NIT ${row.nit} no está en el directorio de prestadores (importe primero los prestadores)` });
        continue;
      }
      delegates.set(key, delegate);
    }
    if (errors.length > 0) return failed('delegates', errors);

    const existing = new Map((await directory.listDelegates()).map((d) => [`${d.nit}/${personKey(d)}`, d]));
    return applyChanges(
      'delegates',
      parsed.rows.length,
      [...delegates.values()],
      existing,
      (d) => `${d.nit}/${personKey(d)}`,
      directory.saveDelegate,
      directory.removeDelegate,
    );
  }

  async function importOfficers(csv: string): Promise<ImportReport> {
    const parsed = validateRows(csv, officerColumns, officerRowSchema);
    if (!parsed.ok) return failed('officers', parsed.errors);

    const errors: LineError[] = [];
    const officers = new Map<string, Officer>();
    const lines = new Map<string, number>();
    for (const { line, row } of parsed.rows) {
      const officer: Officer = {
        idType: row.tipo_identificacion,
        idNumber: row.numero_identificacion.toUpperCase(),
        firstNames: row.nombres,
        lastNames: row.apellidos,
        email: row.correo.toLowerCase(),
      };
      const key = personKey(officer);
      if (lines.has(key)) {
        errors.push({ line, message: `esta persona ya figura en la línea ${lines.get(key)}` });
        continue;
      }
      lines.set(key, line);
      officers.set(key, officer);
    }
    if (errors.length > 0) return failed('officers', errors);

    const existing = new Map((await directory.listOfficers()).map((o) => [personKey(o), o]));
    return applyChanges(
      'officers',
      parsed.rows.length,
      [...officers.values()],
      existing,
      personKey,
      directory.saveOfficer,
      directory.removeOfficer,
    );
  }

  return {
    /**
     * Imports the given files in dependency order (providers before the delegates that point at them), then
     * writes one audit record of the run under `actor` (who ran it), also when a write failed half-way.
     */
    async importFiles(files: Partial<Record<ImportKind, string>>, options: { actor?: string } = {}): Promise<ImportReport[]> {
      const reports: ImportReport[] = [];
      let interrupted = true;
      try {
        if (files.providers !== undefined) reports.push(await importProviders(files.providers));
        if (files.delegates !== undefined) reports.push(await importDelegates(files.delegates));
        if (files.officers !== undefined) reports.push(await importOfficers(files.officers));
        interrupted = false;
        return reports;
      } finally {
        await audit?.record({
          subject: DIRECTORY_IMPORT_SUBJECT,
          action: 'directorio.importado',
          actor: options.actor ?? 'sistema',
          detail: importAuditDetail(reports, interrupted),
        });
      }
    },
  };
}

function validateRows<S extends z.ZodType>(csv: string, columns: readonly string[], schema: S) {
  const parsed = parseCsv(csv, columns);
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  const errors: LineError[] = [];
  const rows: { line: number; row: z.infer<S> }[] = [];
  for (const record of parsed.records) {
    const result = schema.safeParse(record.values);
    if (result.success) {
      rows.push({ line: record.line, row: result.data });
    } else {
      const reasons = result.error.issues.map((issue) => `${issue.path.join('.') || 'fila'}: ${issue.message}`);
      errors.push({ line: record.line, message: reasons.join('; ') });
    }
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 2, message: 'el archivo no tiene filas de datos' });
  return errors.length > 0 ? { ok: false as const, errors } : { ok: true as const, rows };
}

function failed(kind: ImportKind, errors: LineError[]): ImportReport {
  const keys = { created: [], updated: [], removed: [] };
  return { kind, imported: false, rows: 0, created: 0, updated: 0, unchanged: 0, removed: 0, keys, errors };
}

async function applyChanges<T>(
  kind: ImportKind,
  rows: number,
  incoming: T[],
  existing: Map<string, T>,
  keyOf: (item: T) => string,
  save: (item: T) => Promise<unknown>,
  remove?: (item: T) => Promise<unknown>,
): Promise<ImportReport> {
  const keys: ImportReport['keys'] = { created: [], updated: [], removed: [] };
  const report: ImportReport = { kind, imported: true, rows, created: 0, updated: 0, unchanged: 0, removed: 0, keys, errors: [] };
  const toSave: T[] = [];
  const incomingKeys = new Set<string>();
  for (const item of incoming) {
    const key = keyOf(item);
    incomingKeys.add(key);
    const current = existing.get(key);
    if (current === undefined) report.created = keys.created.push(key);
    else if (canonicalJson(current) !== canonicalJson(item)) report.updated = keys.updated.push(key);
    else {
      report.unchanged++;
      continue;
    }
    toSave.push(item);
  }
  const leaving = remove ? [...existing.entries()].filter(([key]) => !incomingKeys.has(key)) : [];
  keys.removed = leaving.map(([key]) => key);
  const toRemove = leaving.map(([, item]) => item);
  report.removed = toRemove.length;
  await forEachLimited(toSave, WRITE_CONCURRENCY, save);
  if (remove) await forEachLimited(toRemove, WRITE_CONCURRENCY, remove);
  return report;
}
