import type { ImportKind, ImportReport } from './directory-import.service';

/** What the import needs of the audit trail (src/audit's AuditLog fits it); a port, so the directory does not depend on it. */
export type ImportAuditLog = {
  record(entry: { subject: string; action: string; actor: string; detail?: Record<string, string | number | boolean> }): Promise<void>;
};

/** The subject every directory import's record is filed under. */
export const DIRECTORY_IMPORT_SUBJECT = 'directory:import';
/** Beyond this many keys per list, the record keeps the count and the first ones (a table property holds 32K characters). */
export const LISTED_KEYS = 100;

const labels: Record<ImportKind, string> = { providers: 'prestadores', delegates: 'delegados', officers: 'funcionarios' };

function listed(keys: readonly string[]): string {
  const shown = keys.slice(0, LISTED_KEYS).join(' ');
  return keys.length > LISTED_KEYS ? `${shown} …(+${keys.length - LISTED_KEYS})` : shown;
}

/**
 * One record per run: for each file, whether it was imported, the counts, and the keys (NIT for providers,
 * NIT/type-number for delegates, type-number for officials) of what was added, changed and removed.
 */
export function importAuditDetail(reports: readonly ImportReport[], interrupted: boolean): Record<string, string | number | boolean> {
  const detail: Record<string, string | number | boolean> = interrupted ? { interrumpida: true } : {};
  for (const report of reports) {
    const label = labels[report.kind];
    detail[`${label}.importado`] = report.imported;
    if (!report.imported) {
      detail[`${label}.lineasConError`] = report.errors.length;
      continue;
    }
    Object.assign(detail, {
      [`${label}.filas`]: report.rows,
      [`${label}.nuevos`]: report.created,
      [`${label}.actualizados`]: report.updated,
      [`${label}.sinCambios`]: report.unchanged,
      [`${label}.retirados`]: report.removed,
      [`${label}.nuevosClaves`]: listed(report.keys.created),
      [`${label}.actualizadosClaves`]: listed(report.keys.updated),
      [`${label}.retiradosClaves`]: listed(report.keys.removed),
    });
  }
  return detail;
}
