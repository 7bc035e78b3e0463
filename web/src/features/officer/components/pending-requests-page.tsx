import { useEffect, useState } from 'preact/hooks';
import { DataTable, type Column } from '../../../components/data-table';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { EnvironmentProgress } from './environment-progress';
import { getRequestsSummary, type RequestsSummary } from '../api/get-requests-summary';
import { listPendingRequests, type PendingItem, type PendingPage } from '../api/list-requests';
import { filterQuery, queryOf, usePendingView, type PendingView } from '../hooks/use-pending-filters';
import { PendingFilters } from './pending-filters';
import { ProviderLink } from './provider-link';
import { QueuePager } from './queue-pager';

const PAGE_SIZE = '50';

/** A filter typed wrong in the address: what is wrong with each value, as the API says it, not only «revise los datos». */
const problemText = (failure: Error) =>
  failure instanceof ApiError && Object.keys(failure.fields).length > 0 ? Object.values(failure.fields).join(' ') : failure.message;

const columns = (filters: string): Column<PendingItem>[] => [
  { header: 'Entidad', cell: (item) => item.name },
  { header: 'NIT', cell: (item) => `${item.nit}-${item.checkDigit}` },
  { header: 'Códigos de habilitación', cell: (item) => item.habilitationCodes.join(', ') },
  { header: 'Departamento / municipio', cell: (item) => `${item.department} / ${item.municipality}` },
  { header: 'Radicado', cell: (item) => item.radicado ?? 'sin radicado' },
  { header: 'Solicitud', cell: (item) => item.kindLabel },
  { header: 'Fecha', cell: (item) => formatDateTime(item.since) },
  { header: 'Días en espera', cell: (item) => item.daysWaiting },
  { header: 'Ambientes', cell: (item) => <EnvironmentProgress progress={item.progress} /> },
  {
    header: 'Acción',
    hidden: true,
    cell: (item) => <ProviderLink nit={item.nit} name={item.name} action="Ingresar Info" query={filters} />,
  },
];

/** Asignar Token (seed 6.4.2.1, imagen 16): entities waiting for keys, oldest first, filtered and paged from the address bar. */
export function PendingRequestsPage() {
  const { view, change } = usePendingView();
  const [summary, setSummary] = useState<RequestsSummary | undefined>();
  const [page, setPage] = useState<PendingPage | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [paged, setPaged] = useState(false);
  const key = queryOf(view);

  useEffect(() => void getRequestsSummary().then(setSummary, () => undefined), []);
  useEffect(() => {
    setError(undefined);
    setPage(undefined);
    listPendingRequests({ ...view, limit: view.limite ?? PAGE_SIZE }).then(setPage, (failure: Error) => setError(problemText(failure)));
  }, [key]);

  const apply = (next: PendingView) => {
    setPaged(false);
    change(next);
  };
  const toPage = (pagina: number) => {
    setPaged(true);
    change({ ...view, pagina });
  };

  return (
    <>
      <h1>Asignar Token</h1>
      <p class="lead">
        Entidades que solicitaron o resolicitaron llaves de acceso y esperan asignación, de la más antigua a la más reciente.
      </p>
      <PendingFilters key={key} view={view} summary={summary} onApply={apply} />
      {error && (
        <div class="notice notice--error" role="alert">
          {error}
        </div>
      )}
      {!page && !error && <p aria-busy="true">Cargando…</p>}
      <div aria-live="polite">
        {page && page.total === 0 && (
          <div class="notice">{key ? 'No hay solicitudes pendientes con estos filtros.' : 'No hay solicitudes pendientes.'}</div>
        )}
      </div>
      {page && page.total > 0 && (
        <>
          <QueuePager page={page} onPage={toPage} focus={paged} />
          {page.items.length > 0 && (
            <DataTable
              caption={`Solicitudes pendientes (${page.capped ? 'más de ' : ''}${page.total})`}
              columns={columns(filterQuery(key))}
              items={page.items}
              rowKey={(item) => item.requestId}
            />
          )}
        </>
      )}
    </>
  );
}
