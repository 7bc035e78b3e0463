/** Rows grouped into entity-group transactions: one partition each, at most 100 rows. */
export function partitionBatches<T extends { partitionKey: string }>(rows: readonly T[]): T[][] {
  const byPartition = new Map<string, T[]>();
  for (const row of rows) {
    const group = byPartition.get(row.partitionKey);
    if (group) group.push(row);
    else byPartition.set(row.partitionKey, [row]);
  }
  return [...byPartition.values()].flatMap((group) =>
    Array.from({ length: Math.ceil(group.length / 100) }, (_, i) => group.slice(i * 100, i * 100 + 100)),
  );
}

/**
 * Table keys may not hold `/ \ # ?` or control characters. Anything outside a safe set is hex-escaped so
 * that user-typed values (a mistyped username, say) can still be used as keys without collisions.
 */
export function tableKey(value: string): string {
  return value.replace(/[^A-Za-z0-9._@-]/g, (ch) => `~${ch.codePointAt(0)!.toString(16)}~`).slice(0, 512);
}

/** Row keys that sort newest first. */
export function newestFirstKey(at: Date, unique: string): string {
  return `${String(8_640_000_000_000_000 - at.getTime()).padStart(16, '0')}-${unique}`;
}
