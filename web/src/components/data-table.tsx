import type { ComponentChildren } from 'preact';

export type Column<T> = {
  /** Text of the column's header; `hidden` keeps it for screen readers only (an action column, say). */
  header: string;
  hidden?: boolean;
  cell: (item: T) => ComponentChildren;
};

/** The app's one table: scrolls sideways on narrow screens, headers scoped to their columns, a row per item. */
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
      <table class="table">
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.hidden ? <span class="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={rowKey(item, index)}>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(item)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
