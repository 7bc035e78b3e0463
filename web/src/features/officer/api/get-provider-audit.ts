import type { OfficerConsole } from '../../../../../src/credentials/officer-console.service';
import { apiRequest } from '../../../lib/api-client';

export type AuditTrailPage = Awaited<ReturnType<OfficerConsole['auditTrail']>>;
export type AuditItem = AuditTrailPage['items'][number];

/** GET /api/providers/{nit}/audit (Trazabilidad): who did what, when and from where, newest first. */
export function getProviderAudit(nit: string): Promise<AuditTrailPage> {
  return apiRequest<AuditTrailPage>('GET', `providers/${nit}/audit`);
}
