import { useEffect, useState } from 'preact/hooks';

type Page<T> = { items: T[]; cursor?: string | undefined };

/** A list read page by page through an endpoint client: the first page on mount (and when `deps` change), then «Ver más». */
export function usePaged<T>(load: (cursor?: string) => Promise<Page<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function read(next?: string) {
    setBusy(true);
    setError(undefined);
    try {
      const page = await load(next);
      setItems((current) => (next ? [...(current ?? []), ...page.items] : page.items));
      setCursor(page.cursor);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => void read(), deps);
  return { items, cursor, error, busy, more: () => read(cursor) };
}

export type Paged<T> = ReturnType<typeof usePaged<T>>;
