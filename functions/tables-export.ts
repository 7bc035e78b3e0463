import type { Timer } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { Invocation, TimerFunctionDefinition } from '../src/http/function-definition';

/**
 * Every night at 02:00 in Bogotá (07:00 UTC; Colombia has no daylight saving time): every table, gzipped, to
 * `table-exports/<yyyy-mm-dd>/`, manifest last. A failure throws, so the run shows as failed in Application Insights.
 */
export async function exportTablesNightly(_timer: Timer, { services, context }: Invocation<Services>): Promise<void> {
  const manifest = await services.tableExport.run();
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  context.log(`Exportación nocturna: ${manifest.tables.length} tablas, ${rows} filas, en table-exports/${manifest.folder}.`);
}

export const definition: TimerFunctionDefinition<Services> = {
  trigger: 'timer',
  name: 'tables-export',
  schedule: '0 0 7 * * *',
  handler: exportTablesNightly,
};
