declare const filterBrand: unique symbol;

/**
 * An OData filter for `Table.query` and `Table.page`. Only the builders below make one, and every value goes
 * through `literal`, which quotes as the SDK's `odata` tag does, so a value holding a quote (a name like «D'Costa»)
 * cannot end the literal.
 */
export type Filter = { readonly [filterBrand]: true; readonly text: string; readonly joint?: 'and' | 'or' };

export type Comparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | Date;

const comparisons = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
// Property names are written into the filter as they are: only plain identifiers may be.
const propertyName = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

const make = (text: string, joint?: 'and' | 'or') => ({ text, ...(joint && { joint }) }) as Filter;

/**
 * The OData literal, as @azure/data-tables' `odata` tag writes it (kept here so that building a filter loads no
 * SDK): a string quoted with its quotes doubled, a date as datetime'…', numbers and booleans as they print.
 */
function literal(value: FilterValue): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Valor no finito en un filtro: ${value}`);
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (value instanceof Date) return `datetime'${value.toISOString()}'`;
  return String(value);
}

function compare(name: string, op: Comparison, value: FilterValue): Filter {
  if (!propertyName.test(name)) throw new Error(`Nombre de propiedad no admitido en un filtro: ${name}`);
  if (!comparisons.has(op)) throw new Error(`Comparación no admitida en un filtro: ${op}`);
  return make(`${name} ${op} ${literal(value)}`);
}

function join(joint: 'and' | 'or', filters: readonly Filter[]): Filter {
  if (filters.length === 0) throw new Error(`«${joint}» necesita al menos un filtro`);
  if (filters.length === 1) return filters[0]!;
  // A part joined by the other operator is parenthesised; a part joined by the same one needs no brackets.
  const parts = filters.map((filter) => (filter.joint && filter.joint !== joint ? `(${filter.text})` : filter.text));
  return make(parts.join(` ${joint} `), joint);
}

/** Builders of `Filter`; `[from, to)` ranges, as keys sort in code-unit order. */
export const where = {
  partitionKey: (op: Comparison, value: string) => compare('PartitionKey', op, value),
  rowKey: (op: Comparison, value: string) => compare('RowKey', op, value),
  /** The row's last-modified time, kept by the service. */
  timestamp: (op: Comparison, value: Date) => compare('Timestamp', op, value),
  property: (name: string, op: Comparison, value: FilterValue) => compare(name, op, value),
  inPartition: (partitionKey: string) => compare('PartitionKey', 'eq', partitionKey),
  partitionKeyRange: (from: string | undefined, to: string | undefined) => range('PartitionKey', from, to),
  rowKeyRange: (from: string | undefined, to: string | undefined) => range('RowKey', from, to),
  and: (...filters: Filter[]) => join('and', filters),
  or: (...filters: Filter[]) => join('or', filters),
};

function range(name: 'PartitionKey' | 'RowKey', from: string | undefined, to: string | undefined): Filter {
  const parts = [...(from !== undefined ? [compare(name, 'ge', from)] : []), ...(to !== undefined ? [compare(name, 'lt', to)] : [])];
  if (parts.length === 0) throw new Error('Un rango necesita al menos un extremo');
  return join('and', parts);
}
