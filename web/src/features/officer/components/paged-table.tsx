import type { ComponentChildren } from 'preact';
import { DataTable, type Column } from '../../../components/data-table';
import type { Paged } from '../hooks/use-paged';

/**
 * An officer list: an error, «Cargando…», or the empty message (announced), else the table; then «Ver más»
 * while the API has more.
 */
export function PagedTable<T>({
  page,
  empty,
  caption,
  columns,
  rowKey,
}: {
  page: Paged<T>;
  empty: string;
  caption: ComponentChildren;
  columns: Column<T>[];
  rowKey: (item: T) => string;
}) {
  const { items, cursor, error, busy, more } = page;
  return (
    <>
      {error && (
        <div class="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {!items && !error && <p aria-busy="true">Cargando…</p>}
      <div aria-live="polite">{items && items.length === 0 && <div class="notice">{empty}</div>}</div>
      {items && items.length > 0 && <DataTable caption={caption} columns={columns} items={items} rowKey={rowKey} />}
      {cursor && (
        <p>
          <button type="button" class="button button--secondary" onClick={more} disabled={busy}>
            {busy ? 'Cargando…' : 'Ver más'}
          </button>
        </p>
      )}
    </>
  );
}
