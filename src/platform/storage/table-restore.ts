import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';
import type { ExportedRow, ExportManifest } from './table-export';

/** Where an export is read from: the `table-exports` container, or a local folder of the same layout. */
export type ExportSource = { description: string; open(file: string): Promise<Readable> };

export function folderSource(folder: string): ExportSource {
  return { description: folder, open: async (file) => createReadStream(path.join(folder, file)) };
}

/** `name`: the container's full name; `containerOf` builds its client (loading the SDK) when a file is opened. */
export function containerSource(name: string, containerOf: () => Promise<ContainerClient>, folder: string): ExportSource {
  return {
    description: `${name}/${folder}`,
    async open(file) {
      const response = await (await containerOf()).getBlobClient(`${folder}/${file}`).download();
      return response.readableStreamBody as Readable;
    },
  };
}

/** The restore stopped before writing anything: the export is damaged, or the target is not empty. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
}

export type RestoreReport = { source: string; tables: { name: string; rows: number }[] };

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* lines(stream: Readable): AsyncGenerator<ExportedRow> {
  for await (const line of createInterface({ input: stream.pipe(createGunzip()), crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line) as ExportedRow;
  }
}

/** Back to what the SDK writes: the types JSON carries natively plain, the others as { value, type }. */
function toEntity(row: ExportedRow): TableEntity {
  const entity: TableEntity = { partitionKey: row.PartitionKey, rowKey: row.RowKey };
  for (const [name, { type, value }] of Object.entries(row.properties)) {
    if (type === 'String') entity[name] = String(value);
    else if (type === 'Boolean') entity[name] = value === true || value === 'true';
    else if (type === 'Int32') entity[name] = Number(value);
    else if (type === 'Double')
      entity[name] = { type, value: typeof value === 'string' && !/^-?INF$|^NaN$/.test(value) ? Number(value) : value };
    else entity[name] = { type, value: String(value) };
  }
  return entity;
}

/** Streams the file once: its SHA-256 and its row count must match the manifest (nothing is held in memory). */
async function checkFile(source: ExportSource, entry: ExportManifest['tables'][number]): Promise<void> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const input = await source.open(entry.file);
  input.on('error', (error) => hashing.destroy(error));
  let rows = 0;
  let readable = true;
  try {
    for await (const _row of lines(input.pipe(hashing))) rows++;
  } catch {
    readable = false;
  }
  if (!readable || hash.digest('hex') !== entry.sha256) {
    throw new RestoreRefused(
      `El archivo ${entry.file} no coincide con la huella SHA-256 del manifiesto: la copia está dañada o fue alterada.`,
    );
  }
  if (rows !== entry.rows) throw new RestoreRefused(`El archivo ${entry.file} tiene ${rows} filas y el manifiesto dice ${entry.rows}.`);
}

/**
 * Loads an export into empty tables. Everything is checked before the first write: the manifest names only
 * known tables, each file matches its SHA-256 and row count, and no target table holds a row (a restore never
 * mixes with or overwrites data). Rows go in per-partition transactions of up to 100.
 */
export async function restoreTables(
  known: readonly string[],
  clientOf: (name: string) => TableClient | Promise<TableClient>,
  source: ExportSource,
): Promise<RestoreReport> {
  const manifest = JSON.parse((await readAll(await source.open('manifest.json'))).toString('utf8')) as ExportManifest;
  if (manifest.format !== 'ihce-table-export/1') throw new RestoreRefused('El manifiesto no es de una exportación de IHCE.');
  for (const entry of manifest.tables) {
    if (!known.includes(entry.name) || entry.file !== `${entry.name}.ndjson.gz`) {
      throw new RestoreRefused(`El manifiesto nombra una tabla desconocida o un archivo inesperado: ${entry.name}.`);
    }
  }
  for (const entry of manifest.tables) await checkFile(source, entry);

  const occupied: string[] = [];
  for (const entry of manifest.tables) {
    const client = await clientOf(entry.name);
    await client.createTable();
    const first = await client.listEntities().byPage({ maxPageSize: 1 }).next();
    if (!first.done && first.value.length > 0) occupied.push(entry.name);
  }
  if (occupied.length > 0) {
    throw new RestoreRefused(`El destino no está vacío (tablas con filas: ${occupied.join(', ')}). Restaure en un almacenamiento vacío.`);
  }

  const report: RestoreReport = { source: source.description, tables: [] };
  for (const entry of manifest.tables) {
    const client = await clientOf(entry.name);
    let batch: TransactionAction[] = [];
    let partition: string | undefined;
    const flush = async () => {
      if (batch.length > 0) await client.submitTransaction(batch);
      batch = [];
    };
    let rows = 0;
    for await (const row of lines(await source.open(entry.file))) {
      if (row.PartitionKey !== partition || batch.length === 100) await flush();
      partition = row.PartitionKey;
      batch.push(['create', toEntity(row)]);
      rows++;
    }
    await flush();
    report.tables.push({ name: entry.name, rows });
  }
  return report;
}
