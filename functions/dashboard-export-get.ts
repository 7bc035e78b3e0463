import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { dashboardExportQuerySchema } from '../src/dashboard/dashboard.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** «Descargar CSV» of the Tablero: pending requests or keys by provider (dates and states, no credential value); audited. */
export async function exportDashboard(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const { lista } = parseWith(dashboardExportQuerySchema, Object.fromEntries(request.query.entries()));
  const { fileName, content } = await services.dashboardExports.export(lista, { username: caller.user.username, ip: caller.ip });
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
    body: content,
  };
}

export const definition = defineHttp({
  name: 'dashboard-export-get',
  route: 'dashboard/export',
  methods: ['GET'],
  access: 'officer',
  handler: exportDashboard,
});
