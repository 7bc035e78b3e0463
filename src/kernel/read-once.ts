/**
 * A read made at most once per key while this lives (one listing: a page of «Por vencer», one Tablero view): rows
 * naming the same record share the read. `keep` bounds what is held: beyond it the oldest key is forgotten (read
 * again if named again), enough for a listing in key order, whose rows of one record are adjacent. Build one per
 * listing, so the next one sees later writes.
 */
export function readOnce<A extends string[], V>(read: (...keys: A) => Promise<V>, keep = Infinity): (...keys: A) => Promise<V> {
  const reads = new Map<string, Promise<V>>();
  return (...keys: A) => {
    const key = keys.join('|');
    let pending = reads.get(key);
    if (!pending) {
      reads.set(key, (pending = read(...keys)));
      if (reads.size > keep) reads.delete(reads.keys().next().value!);
    }
    return pending;
  };
}
