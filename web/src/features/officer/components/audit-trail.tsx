import { DataTable, type Column } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format';
import type { AuditItem } from '../api/get-provider-audit';

/** The sentence comes from the server (src/audit/audit-sentences.ts): Spanish, local dates, no key, id or code. */
const columns: Column<AuditItem>[] = [
  { header: 'Fecha (hora de Colombia)', cell: (item) => formatDateTime(item.at) },
  { header: 'Qué pasó', cell: (item) => item.sentence },
  { header: 'Usuario', cell: (item) => (item.actor === 'sistema' ? 'El sistema' : item.actor) },
  { header: 'Desde (dirección IP)', cell: (item) => item.ip ?? '—' },
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
