import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../kernel/canonical-json';
import { streamCsv } from './csv-stream';
import type { ColumnSpec } from './directory-columns';
import { providerColumns } from './directory-columns';
import type { DirectoryFile } from './directory-rows';
import { providerRowSchema, type Provider, type ProviderSite } from './directory.schemas';

/**
 * The streamed import's two readings of a file (csv-stream.ts): the first checks every row and keeps only what
 * is small (a key per row, counts, per NIT a fingerprint of its sites); the second builds the rows to write, a
 * few at a time. A file the first reading refuses is reported by the whole-file reading (directory-rows.ts).
 */
export type Scanned = { ok: true; rows: number } | { ok: false };

/** Each row of a file that passes its schema, in order; `false` from `visit` (or a row that fails) stops with ok: false. */
export async function scanRows<S extends z.ZodType>(
  file: DirectoryFile,
  columns: readonly ColumnSpec[],
  schema: S,
  visit: (row: z.infer<S>, line: number, ordinal: number) => boolean | Promise<boolean>,
): Promise<Scanned> {
  const read = await streamCsv(file, columns, (record, ordinal) => {
    const parsed = schema.safeParse(record.values);
    return parsed.success ? visit(parsed.data, record.line, ordinal) : false;
  });
  return read.ok ? { ok: true, rows: read.records } : { ok: false };
}

export const siteOf = (row: z.infer<typeof providerRowSchema>): ProviderSite => ({
  habilitationCode: row.codigo_habilitacion,
  department: row.departamento,
  municipality: row.municipio,
  email: row.correo.toLowerCase(),
});

const MASK = (1n << 128n) - 1n;
const siteHash = (site: ProviderSite) => BigInt(`0x${createHash('sha1').update(canonicalJson(site)).digest('hex').slice(0, 32)}`);
/** A provider's sites summed by hash: the same for the same sites in any order, without keeping them. */
type NitState = { name: string; count: number; sum: bigint; last: number };
const fingerprintOf = (state: Pick<NitState, 'name' | 'count' | 'sum'>) => `${state.count}:${state.sum.toString(36)}:${state.name}`;
/** What a provider already in the directory would fingerprint as, to tell «sin cambios» from «actualizado». */
export const providerFingerprint = (provider: Provider) =>
  fingerprintOf({
    name: provider.name,
    count: provider.sites.length,
    sum: provider.sites.reduce((sum, site) => (sum + siteHash(site)) & MASK, 0n),
  });

export type ProviderScan = { rows: number; nits: Map<string, NitState>; fingerprint: (nit: string) => string };

/**
 * First reading of a providers file: every row checked, each habilitation code once; per NIT its name (first
 * row), last row and, when `fingerprints` (the directory has providers to compare with), its sites' fingerprint.
 */
export async function scanProviders(file: DirectoryFile, fingerprints: boolean): Promise<ProviderScan | undefined> {
  const codes = new Set<string>();
  const nits = new Map<string, NitState>();
  const scanned = await scanRows(file, providerColumns, providerRowSchema, (row, _line, ordinal) => {
    if (codes.has(row.codigo_habilitacion)) return false;
    codes.add(row.codigo_habilitacion);
    let state = nits.get(row.nit);
    if (!state) nits.set(row.nit, (state = { name: row.razon_social, count: 0, sum: 0n, last: ordinal }));
    state.count++;
    if (fingerprints) state.sum = (state.sum + siteHash(siteOf(row))) & MASK;
    state.last = ordinal;
    return true;
  });
  if (!scanned.ok) return undefined;
  return { rows: scanned.rows, nits, fingerprint: (nit) => fingerprintOf(nits.get(nit)!) };
}

/**
 * Second reading: the providers `wanted`, each whole (its sites sorted) as soon as its last row is read; only the
 * providers whose rows are still to come are held (one at a time in a file sorted by NIT, as REPS gives it).
 */
export async function eachProvider(
  file: DirectoryFile,
  scan: ProviderScan,
  wanted: (nit: string) => boolean,
  visit: (provider: Provider) => Promise<void>,
): Promise<void> {
  const open = new Map<string, Provider>();
  const read = await scanRows(file, providerColumns, providerRowSchema, async (row, _line, ordinal) => {
    if (!wanted(row.nit)) return true;
    let provider = open.get(row.nit);
    if (!provider) open.set(row.nit, (provider = { nit: row.nit, name: row.razon_social, sites: [] }));
    provider.sites.push(siteOf(row));
    if (scan.nits.get(row.nit)?.last !== ordinal) return true;
    open.delete(row.nit);
    provider.sites.sort((a, b) => a.habilitationCode.localeCompare(b.habilitationCode));
    await visit(provider);
    return true;
  });
  if (!read.ok || open.size > 0) throw new Error('el archivo de prestadores cambió entre su revisión y su escritura');
}

/** Second reading of a delegates or officials file: the items whose key is in `wanted`, in file order. */
export async function eachItem<S extends z.ZodType, T>(
  file: DirectoryFile,
  columns: readonly ColumnSpec[],
  schema: S,
  make: (row: z.infer<S>) => T,
  wanted: (item: T) => boolean,
  visit: (item: T) => Promise<void>,
): Promise<void> {
  const read = await scanRows(file, columns, schema, async (row) => {
    const item = make(row);
    if (wanted(item)) await visit(item);
    return true;
  });
  if (!read.ok) throw new Error('el archivo cambió entre su revisión y su escritura');
}

/**
 * Items fed to `write` in slices of at most `window` (the most a bounded pool of batches of 100 has in flight),
 * the next slice read while the last is written: the rows of the file are never all in memory.
 */
export async function writeInWindows<T>(
  source: (visit: (item: T) => Promise<void>) => Promise<void>,
  window: number,
  write: (slice: T[]) => Promise<void>,
): Promise<void> {
  let slice: T[] = [];
  let previous: Promise<void> = Promise.resolve();
  await source(async (item) => {
    slice.push(item);
    if (slice.length < window) return;
    const full = slice;
    slice = [];
    await previous;
    previous = write(full);
    previous.catch(() => undefined); // awaited with the next slice or at the end
  });
  await previous;
  if (slice.length > 0) await write(slice);
}
