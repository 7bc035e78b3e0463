import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { TableClient } from '@azure/data-tables';
import type { ContainerClient } from '@azure/storage-blob';

/** The last file of an export, written after every table's: its presence says the export is complete. */
export type ExportManifest = {
  format: 'ihce-table-export/1';
  folder: string;
  startedAt: string;
  finishedAt: string;
  tables: { name: string; file: string; rows: number; sha256: string }[];
};

/**
 * One exported row: the keys, the service's Timestamp (for information: a restore gets new ones) and every
 * property with its EDM type as the service reports it (Int64, DateTime, Binary, Guid, Double… keep their type).
 */
export type ExportedRow = {
  PartitionKey: string;
  RowKey: string;
  Timestamp?: string;
  properties: Record<string, { type: string; value: string | number | boolean }>;
};

const SERVICE_FIELDS = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp']);

async function* exportLines(client: TableClient, counter: { rows: number }): AsyncGenerator<string> {
  // Without type conversion every property comes as { value, type }: nothing is turned into a JS number or Date.
  for await (const entity of client.listEntities({ disableTypeConversion: true })) {
    const raw = entity as Record<string, unknown>;
    const properties: ExportedRow['properties'] = {};
    for (const [name, typed] of Object.entries(raw)) {
      if (!SERVICE_FIELDS.has(name)) properties[name] = typed as ExportedRow['properties'][string];
    }
    const timestamp = raw.timestamp as string | undefined;
    const row: ExportedRow = {
      PartitionKey: entity.partitionKey!,
      RowKey: entity.rowKey!,
      ...(timestamp && { Timestamp: timestamp }),
      properties,
    };
    counter.rows++;
    yield `${JSON.stringify(row)}\n`;
  }
}

/** A pass-through that hashes (SHA-256) what goes through it. */
function hashing() {
  const hash = createHash('sha256');
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

/**
 * Streams each table, gzipped, to `<folder>/<table>.ndjson.gz`, then writes `<folder>/manifest.json` with each
 * file's row count and the SHA-256 of the stored (gzipped) bytes. Names are the logical table names, without
 * the storage prefix, so an export restores into any account or prefix.
 */
export async function exportTables(
  tables: readonly string[],
  clientOf: (name: string) => TableClient | Promise<TableClient>,
  containerOrPromise: ContainerClient | Promise<ContainerClient>,
  folder: string,
  now: () => Date,
): Promise<ExportManifest> {
  const container = await containerOrPromise;
  const startedAt = now().toISOString();
  const entries: ExportManifest['tables'] = [];
  for (const name of tables) {
    const file = `${name}.ndjson.gz`;
    const counter = { rows: 0 };
    const hash = hashing();
    const upload = container.getBlockBlobClient(`${folder}/${file}`);
    const body = new PassThrough();
    // One pipeline, so a failed read of the table also fails the upload (and the export).
    const piping = pipeline(Readable.from(exportLines(await clientOf(name), counter)), createGzip(), hash.stream, body);
    const blobHTTPHeaders = { blobContentType: 'application/gzip' };
    await Promise.all([piping, upload.uploadStream(body, 4 * 1024 * 1024, 2, { blobHTTPHeaders })]).catch((error: unknown) => {
      throw new Error(`No se pudo exportar la tabla ${name}.`, { cause: error });
    });
    entries.push({ name, file, rows: counter.rows, sha256: hash.digest() });
  }
  const manifest: ExportManifest = { format: 'ihce-table-export/1', folder, startedAt, finishedAt: now().toISOString(), tables: entries };
  const text = JSON.stringify(manifest, null, 2);
  await container
    .getBlockBlobClient(`${folder}/manifest.json`)
    .upload(text, Buffer.byteLength(text), { blobHTTPHeaders: { blobContentType: 'application/json' } });
  return manifest;
}
