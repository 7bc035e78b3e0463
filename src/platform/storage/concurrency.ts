/**
 * A write under a version lost to another writer: the row changed, went away, or (for an insert in a
 * read-modify-write loop) appeared since it was read. `retryOnConflict` runs the loop again.
 */
export class ConcurrencyError extends Error {
  override name = 'ConcurrencyError';
}

/** @deprecated Internal to src/platform/storage: callers see ConcurrencyError and write results instead. */
export function isStatus(error: unknown, status: number): boolean {
  // The SDKs' RestError carries statusCode as its own property: read it there, without loading an SDK to compare classes.
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === status;
}

const isConflict = (error: unknown) =>
  error instanceof ConcurrencyError || isStatus(error, 412) || isStatus(error, 409) || isStatus(error, 404);

/**
 * Runs a read-modify-write `attempt` again while it meets a concurrent writer, after a short random pause
 * (so writers that collided do not collide again in step). After `attempts` tries it gives up with `failure`.
 */
export async function retryOnConflict<R>(
  attempt: () => Promise<R>,
  options: { failure: string | (() => Error); attempts?: number },
): Promise<R> {
  const attempts = options.attempts ?? 40;
  for (let n = 0; n < attempts; n++) {
    if (n > 0) await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * Math.min(n, 5)));
    try {
      return await attempt();
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  throw typeof options.failure === 'string' ? new Error(options.failure) : options.failure();
}
