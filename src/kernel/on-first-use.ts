/**
 * A module loaded with `import()` the first time it is needed, not at start: esbuild puts it in a chunk of its
 * own, so a cold start neither reads nor compiles it (docs/rendimiento.md «Arranque en frío»). A failed load is retried next time.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
