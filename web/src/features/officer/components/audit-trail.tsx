import { DataTable, type Column } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format';
import type { AuditItem } from '../api/get-provider-audit';

const actionLabels: Record<string, string> = {
  'solicitud.creada': 'Solicitud registrada',
  'solicitud.rechazada': 'Solicitud rechazada',
  'llaves.asignadas': 'Llaves asignadas',
  'llaves.actualizadas': 'Llaves actualizadas',
  'secreto.revelado': 'ClientSecret mostrado',
  'configuracion.descargada': 'Configuración descargada',
  'acceso.no-encontrado': 'Intento de ver un recurso inexistente',
  'secreto.retirado': 'ClientSecret anterior retirado',
  'permiso-api.concedido': 'Permiso de la API de IHCE concedido por el administrador de Entra ID',
  'certificado.cargado': 'Certificado cargado',
  'certificado.reemplazado': 'Certificado reemplazado',
  'certificado.registrado-a-mano': 'Certificado registrado a mano en Entra ID',
};

const columns: Column<AuditItem>[] = [
  { header: 'Fecha', cell: (item) => formatDateTime(item.at) },
  { header: 'Evento', cell: (item) => actionLabels[item.action] ?? item.action },
  { header: 'Usuario', cell: (item) => item.actor },
  { header: 'Desde', cell: (item) => item.ip ?? '—' },
  {
    header: 'Detalle',
    cell: (item) =>
      item.detail
        ? Object.entries(item.detail)
            .map(([key, value]) => `${key}: ${String(value)}`)
            .join(' · ')
        : '',
  },
];

/** Trazabilidad: the provider's trail, newest first. */
export function AuditTrail({ items }: { items: AuditItem[] }) {
  return (
    <section aria-labelledby="auditoria">
      <h2 id="auditoria">Trazabilidad</h2>
      {items.length === 0 ? (
        <p>Sin eventos registrados.</p>
      ) : (
        <DataTable columns={columns} items={items} rowKey={(_item, index) => index} />
      )}
    </section>
  );
}
