import type { Column } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format';
import { listPendingRequests, type PendingItem } from '../api/list-requests';
import { usePaged } from '../hooks/use-paged';
import { EnvironmentProgress } from './environment-progress';
import { PagedTable } from './paged-table';
import { ProviderLink } from './provider-link';

const columns: Column<PendingItem>[] = [
  { header: 'Entidad', cell: (item) => item.name },
  { header: 'NIT', cell: (item) => `${item.nit}-${item.checkDigit}` },
  { header: 'Códigos de habilitación', cell: (item) => item.habilitationCodes.join(', ') },
  { header: 'Departamento / municipio', cell: (item) => `${item.department} / ${item.municipality}` },
  { header: 'Radicado', cell: (item) => item.radicado ?? 'sin radicado' },
  { header: 'Solicitud', cell: (item) => item.kindLabel },
  { header: 'Fecha', cell: (item) => formatDateTime(item.since) },
  { header: 'Días en espera', cell: (item) => item.daysWaiting },
  { header: 'Ambientes', cell: (item) => <EnvironmentProgress progress={item.progress} /> },
  { header: 'Acción', hidden: true, cell: (item) => <ProviderLink nit={item.nit} name={item.name} action="Ingresar Info" /> },
];

/** Asignar Token (seed 6.4.2.1, imagen 16): entities waiting for keys, oldest first. */
export function PendingRequestsPage() {
  const page = usePaged(listPendingRequests, []);
  return (
    <>
      <h1>Asignar Token</h1>
      <p class="lead">
        Entidades que solicitaron o resolicitaron llaves de acceso y esperan asignación, de la más antigua a la más reciente.
      </p>
      <PagedTable
        page={page}
        empty="No hay solicitudes pendientes."
        caption={`Solicitudes pendientes (${page.items?.length ?? 0}${page.cursor ? '+' : ''})`}
        columns={columns}
        rowKey={(item) => item.requestId}
      />
    </>
  );
}
