import { formatDateTime } from '../../../lib/format';
import type { ProviderFile } from '../api/get-provider';

/** Datos de la solicitud: the pending request, or else the latest one, as the delegate filled it in. */
export function RequestDetails({ request }: { request: NonNullable<ProviderFile['request']> }) {
  const rows: [string, string][] = [
    ['Radicado', request.radicado ?? 'sin radicado'],
    ['Tipo de solicitud', `${request.kindLabel} (${request.statusLabel})`],
    ['Fecha', formatDateTime(request.createdAt)],
    [
      'Solicitó (Delegado Administrativo)',
      request.requester?.inDirectory
        ? [
            request.requester.name,
            request.requester.email,
            request.requester.phone ?? 'sin teléfono en el directorio',
            `usuario ${request.createdBy}`,
          ].join(' · ')
        : `Usuario ${request.createdBy} (ya no figura en el directorio de delegados)`,
    ],
    ['Proveedor tecnológico del Sistema de Información Hospitalario', request.techVendorName],
    ['Software del Sistema de Información Hospitalario', request.softwareName],
    ['Líder técnico', `${request.techLead.name} · ${request.techLead.email} · ${request.techLead.phone}`],
    ...(request.techLead.noInstitutionalDomain
      ? ([
          [
            'Correo del líder técnico',
            'El delegado declaró que el prestador no tiene dominio de correo institucional (el correo es de un servicio gratuito).',
          ],
        ] as [string, string][])
      : []),
    ['Responsable de la protección de datos', `${request.dataProtectionOfficer.name} · ${request.dataProtectionOfficer.phone}`],
    ...(request.reason ? ([['Motivo de la resolicitud', request.reason]] as [string, string][]) : []),
  ];
  return (
    <section aria-labelledby="datos-solicitud">
      <h2 id="datos-solicitud">Datos de la solicitud</h2>
      <dl class="summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
