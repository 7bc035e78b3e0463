import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { CHUNK_BYTES } from '../src/directory/csv-stream';
import type { ByteSource } from '../src/directory/csv-source';

/**
 * A directory file on disk as `npm run directory:import` reads it: a stream (fs.createReadStream, CHUNK_BYTES at a
 * time), opened again for each reading of the import, so the file is never whole in memory (README «Cargar el directorio del Ministerio», «Cómo lee»).
 */
export const diskSource = (file: string): ByteSource => ({ open: () => createReadStream(file, { highWaterMark: CHUNK_BYTES }) });

/** Whether the file can be read, before the import starts: the error's code (ENOENT, EACCES, EISDIR) when not. */
export async function unreadable(file: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).isDirectory()) return 'EISDIR';
    await access(file, constants.R_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}
