import type { AuditLog } from '../audit/audit.repository';
import { requestKinds } from '../key-files/key-file.schemas';
import type { Clock } from '../platform/clock';
import { csvFile } from './csv-export';
import { bogotaDayOf, daysUntil, daysWaiting } from './dashboard-math';
import type { DashboardStats, Holder } from './dashboard-stats';
import type { DashboardExportName } from './dashboard.schemas';
import type { Dashboard } from './dashboard.service';

/** At most this many key rows in one file (two per provider with keys: the whole REPS fits, with room). */
export const KEY_EXPORT_MAX_ROWS = 150_000;

const environmentLabels = { preproduction: 'Preproducción', production: 'Producción' } as const;
const sourceLabels = { manual: 'Registradas por un funcionario', entra: 'Generadas en Entra ID' } as const;

/** «2026-11-28 14:05» in Bogotá: Excel reads it as a date and time in any regional setting. */
const bogotaDateTime = (date: Date) => new Date(date.getTime() - 5 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function keyState(daysLeft: number): string {
  if (daysLeft < 0) return 'Vencida';
  return daysLeft <= 60 ? 'Por vencer' : 'Vigente';
}

/**
 * «Descargar CSV» of the Tablero. No credential value leaves in a file: not the ClientSecret, nor the
 * ClientID, tenant or subscription key — dates and states only. A spreadsheet is copied and mailed
 * around; the ClientID alone is not a secret, but it is half of a credential and an official who needs it
 * opens the provider's page, where the view is audited. Each export is audited: who, which list, how many rows.
 */
export function createDashboardExports(deps: {
  dashboard: Pick<Dashboard, 'pendingRequests'>;
  stats: Pick<DashboardStats, 'holders'>;
  audit: Pick<AuditLog, 'record'>;
  clock: Clock;
  /** The registered certificates' end instants: an environment that authenticates with one expires with it. */
  certificateEnds?: () => AsyncIterable<{ nit: string; environment: 'preproduction' | 'production'; notAfter: string }>;
}) {
  async function pendingCsv(): Promise<{ rows: number; content: string }> {
    const now = deps.clock.now();
    const { requests } = await deps.dashboard.pendingRequests();
    const rows = requests.map((request) => [
      request.radicado ?? 'Sin radicado',
      request.nit,
      request.name,
      request.department,
      request.municipality,
      requestKinds[request.kind].button,
      bogotaDateTime(request.since),
      daysWaiting(request.since, now),
    ]);
    const headers = [
      'Radicado',
      'NIT',
      'Razón social',
      'Departamento',
      'Municipio',
      'Tipo de solicitud',
      'Fecha de solicitud',
      'Días de espera',
    ];
    return { rows: rows.length, content: csvFile(headers, rows) };
  }

  async function keysCsv(): Promise<{ rows: number; content: string }> {
    const now = deps.clock.now();
    const holders: Holder[] = [];
    for await (const holder of deps.stats.holders()) {
      holders.push(holder);
      if (holders.length >= KEY_EXPORT_MAX_ROWS) break;
    }
    holders.sort((a, b) => a.nit.localeCompare(b.nit) || a.environment.localeCompare(b.environment));
    const certificates = new Map<string, string>();
    for await (const end of deps.certificateEnds?.() ?? [])
      certificates.set(`${end.nit}|${end.environment}`, bogotaDayOf(new Date(end.notAfter)));
    const rows = holders.map((holder) => {
      const daysLeft = daysUntil(holder.expiresOn, now);
      const certificateEnd = certificates.get(`${holder.nit}|${holder.environment}`);
      return [
        holder.nit,
        holder.name,
        holder.department,
        holder.municipality,
        environmentLabels[holder.environment],
        bogotaDateTime(new Date(holder.assignedAt)),
        holder.expiresOn,
        Math.max(0, daysLeft),
        keyState(daysLeft),
        sourceLabels[holder.source],
        certificateEnd ?? '',
        certificateEnd ? keyState(daysUntil(certificateEnd, now)) : '',
      ];
    });
    const headers = [
      'NIT',
      'Razón social',
      'Departamento',
      'Municipio',
      'Ambiente',
      'Fecha de asignación',
      'Fecha de expiración',
      'Días para vencer',
      'Estado',
      'Origen de las llaves',
      'Vencimiento del certificado',
      'Estado del certificado',
    ];
    return { rows: rows.length, content: csvFile(headers, rows) };
  }

  return {
    async export(name: DashboardExportName, who: { username: string; ip: string | undefined }) {
      const { rows, content } = name === 'pendientes' ? await pendingCsv() : await keysCsv();
      const day = bogotaDayOf(deps.clock.now());
      await deps.audit.record({
        subject: `user:${who.username}`,
        action: 'tablero.exportado',
        actor: who.username,
        ...(who.ip && { ip: who.ip }),
        detail: { lista: name, filas: rows },
      });
      const fileName = name === 'pendientes' ? `solicitudes-pendientes-${day}.csv` : `llaves-por-prestador-${day}.csv`;
      return { fileName, content };
    },
  };
}
export type DashboardExports = ReturnType<typeof createDashboardExports>;
