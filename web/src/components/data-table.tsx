import type { ComponentChildren } from 'preact';

export type Column<T> = {
  /** Text of the column's header; `hidden` keeps it for screen readers only (an action column, say). */
  header: string;
  hidden?: boolean;
  cell: (item: T) => ComponentChildren;
};

/**
 * The app's one table, headers scoped to their columns, a row per item. On a phone each row becomes a card of
 * «header: value» lines with its action full width (styles.css, `.table--stack`), so nothing scrolls sideways.
 * The explicit roles keep it a table for screen readers once CSS changes its display; the visible labels of a
 * card are `aria-hidden` because the column headers already name each cell.
 */
export function DataTable<T>({
  caption,
  columns,
  items,
  rowKey,
}: {
  caption?: ComponentChildren;
  columns: Column<T>[];
  items: T[];
  rowKey: (item: T, index: number) => string | number;
}) {
  return (
    <div class="table-wrap">
      <table class="table table--stack" role="table">
        {caption !== undefined && <caption>{caption}</caption>}
        <thead role="rowgroup">
          <tr role="row">
            {columns.map((column) => (
              <th key={column.header} scope="col" role="columnheader">
                {column.hidden ? <span class="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {items.map((item, index) => (
            <tr key={rowKey(item, index)} role="row">
              {columns.map((column) => (
                <td key={column.header} role="cell" class={column.hidden ? 'table__action' : undefined}>
                  {!column.hidden && (
                    <span class="table__label" aria-hidden="true">
                      {column.header}
                    </span>
                  )}
                  <div class="table__value">{column.cell(item)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
