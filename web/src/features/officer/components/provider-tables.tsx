import type { Column } from '../../../components/data-table';
import { daysLeftText, formatDate } from '../../../lib/format';
import { listExpiringProviders, searchProviders, type AssignedItem, type ExpiringItem, type ExpiryFilter } from '../api/list-providers';
import { usePaged } from '../hooks/use-paged';
import { PagedTable } from './paged-table';
import { ProviderLink } from './provider-link';
import { RowFlags } from './row-flags';

const assignedColumns: Column<AssignedItem>[] = [
  {
    header: 'Entidad',
    cell: (item) => (
      <>
        {item.name}
        {'radicado' in item && <span class="hint"> · radicado {item.radicado}</span>}
        <RowFlags flags={item} />
      </>
    ),
  },
  { header: 'NIT', cell: (item) => `${item.nit}-${item.checkDigit}` },
  { header: 'Códigos de habilitación', cell: (item) => item.habilitationCodes.join(', ') },
  {
    header: 'Vence (preproducción / producción)',
    cell: (item) =>
      `${item.expiresOn.preproduction ? formatDate(item.expiresOn.preproduction) : '—'} / ${item.expiresOn.production ? formatDate(item.expiresOn.production) : '—'}`,
  },
  { header: 'Acción', hidden: true, cell: (item) => <ProviderLink nit={item.nit} name={item.name} action="Actualizar Info" /> },
];

/** Providers with keys matching the search box (all of them, A to Z, when it is empty). */
export function SearchResults({ query }: { query: string }) {
  const page = usePaged((cursor) => searchProviders(query, cursor), [query]);
  return (
    <PagedTable
      page={page}
      empty={`No se encontraron entidades con llaves${query ? ` para «${query}»` : ''}.`}
      caption={`Entidades con llaves${query ? ` que coinciden con «${query}»` : ''}`}
      columns={assignedColumns}
      rowKey={(item) => item.nit}
    />
  );
}

const expiringColumns = (filter: ExpiryFilter): Column<ExpiringItem>[] => [
  {
    header: 'Entidad',
    cell: (item) => (
      <>
        {item.name}
        <RowFlags flags={item} />
      </>
    ),
  },
  { header: 'NIT', cell: (item) => `${item.nit}-${item.checkDigit}` },
  { header: 'Ambiente', cell: (item) => item.environmentLabel },
  { header: 'Llave', cell: (item) => item.credentialLabel },
  { header: 'Vence', cell: (item) => formatDate(item.expiresOn) },
  { header: filter === 'vencidas' ? 'Tiempo vencida' : 'Tiempo restante', cell: (item) => daysLeftText(item.daysLeft) },
  { header: 'Acción', hidden: true, cell: (item) => <ProviderLink nit={item.nit} name={item.name} action="Actualizar Info" /> },
];

/** «Por vencer» (soonest first) or «Vencidas» (oldest first): one row per entity, environment and key (ClientSecret or certificate). */
export function ExpiringList({ filter }: { filter: ExpiryFilter }) {
  const page = usePaged((cursor) => listExpiringProviders(filter, cursor), [filter]);
  return (
    <PagedTable
      page={page}
      empty={filter === 'vencidas' ? 'No hay llaves vencidas.' : 'No hay llaves por vencer en los próximos 60 días.'}
      caption={filter === 'vencidas' ? 'Llaves vencidas' : 'Llaves que vencen en los próximos 60 días'}
      columns={expiringColumns(filter)}
      rowKey={(item) => `${item.nit}-${item.environment}-${item.credential}`}
    />
  );
}
