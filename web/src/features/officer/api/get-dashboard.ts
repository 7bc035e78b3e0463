import type { DashboardFigures } from '../../../../../src/dashboard/dashboard.schemas';
import { apiRequest } from '../../../lib/api-client';

export type { DashboardFigures };

/** GET /api/dashboard (Tablero): every figure, computed on the server. */
export function getDashboard(): Promise<DashboardFigures> {
  return apiRequest<DashboardFigures>('GET', 'dashboard');
}

/** Where «Descargar CSV» points: a plain link, so the browser saves the file with the name the server gives it. */
export const dashboardExportHref = (lista: 'pendientes' | 'llaves') => `/api/dashboard/export?lista=${lista}`;
