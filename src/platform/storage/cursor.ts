import { AppError } from '../../kernel/app-error';

/** The one answer to a paging cursor the server did not issue (or that no longer makes sense). */
export const invalidCursor = () =>
  new AppError('cursor-invalido', 400, 'El cursor de paginación no es válido. Vuelva a la primera página.');

/**
 * The cursor handed to clients: the service's continuation token, base64url so it travels in a query string
 * untouched. Callers treat it as opaque.
 */
export const encodeCursor = (continuationToken: string) => Buffer.from(continuationToken, 'utf8').toString('base64url');

/** The continuation token inside a cursor; throws the 400 unless it has the shape the SDK issues. */
export function decodeCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(cursor)) throw invalidCursor();
  const token = Buffer.from(cursor, 'base64url').toString('utf8');
  try {
    const position = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    const { nextPartitionKey, nextRowKey } = (position ?? {}) as { nextPartitionKey?: unknown; nextRowKey?: unknown };
    if (typeof nextPartitionKey === 'string' && (nextRowKey === undefined || typeof nextRowKey === 'string')) return token;
  } catch {
    // Not JSON: not ours.
  }
  throw invalidCursor();
}
