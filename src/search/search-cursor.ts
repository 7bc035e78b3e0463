/**
 * Where the next page of a search starts: a storage continuation token (`nit`, `code`, `name`), or an offset
 * in a list of matches computed again on each page (`nits`, `codes`, `words`). Sent to the browser as
 * base64url JSON; whatever comes back is checked, since the browser may send anything.
 */
export type SearchCursor =
  | { kind: 'nit' | 'code'; token: string }
  | { kind: 'nits' | 'codes' | 'words'; offset: number }
  | { kind: 'name'; partition: string; token?: string };

export const encodeCursor = (cursor: SearchCursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

/** `{ cursor }` for a page that has a next one, `{}` for the last. */
export const withCursor = (cursor: { kind: 'nit' | 'code'; token: string | undefined }) =>
  cursor.token ? { cursor: encodeCursor({ kind: cursor.kind, token: cursor.token }) } : {};

export function decodeCursor(cursor: string | undefined): SearchCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<{ kind: string; token: string; offset: number }>;
    if (
      (value.kind === 'words' || value.kind === 'nits' || value.kind === 'codes') &&
      Number.isInteger(value.offset) &&
      value.offset! >= 0
    ) {
      return { kind: value.kind, offset: value.offset! };
    }
    if ((value.kind === 'nit' || value.kind === 'code') && typeof value.token === 'string') return { kind: value.kind, token: value.token };
    const partition = (value as { partition?: unknown }).partition;
    if (value.kind === 'name' && typeof partition === 'string') {
      return { kind: 'name', partition, ...(typeof value.token === 'string' && { token: value.token }) };
    }
  } catch {
    // A cursor we did not issue: start from the beginning.
  }
  return undefined;
}
