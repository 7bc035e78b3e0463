/**
 * Graph's paging for the simulator's collections: `$top` (100 by default, as Graph pages directory objects)
 * and `@odata.nextLink` carrying a `$skiptoken`, so that a client that stops after the first page is caught.
 */
export function page(items: unknown[], query: URLSearchParams, self: string): { value: unknown[]; '@odata.nextLink'?: string } {
  const top = Math.min(Math.max(Number(query.get('$top') ?? 100) || 100, 1), 999);
  const skip = Number(query.get('$skiptoken') ?? 0) || 0;
  const value = items.slice(skip, skip + top);
  if (skip + top >= items.length) return { value };
  const next = new URL(self);
  next.searchParams.set('$top', String(top));
  next.searchParams.set('$skiptoken', String(skip + top));
  return { value, '@odata.nextLink': next.toString() };
}

/** A directory object as a collection of directoryObject returns it: its type named in `@odata.type`. */
export const asDirectoryObject = (type: 'application' | 'servicePrincipal', value: Record<string, unknown>) => ({
  '@odata.type': `#microsoft.graph.${type}`,
  ...value,
});
