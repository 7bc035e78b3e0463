import type { SiteIdentity } from '../../../../../src/config/site-identity';
import { apiRequest } from '../../../lib/api-client';

export type { SiteIdentity };

/** GET /api/site: the entity, its address, help desk and policy links (settings of the API, public). */
export function getSite(): Promise<SiteIdentity> {
  return apiRequest<SiteIdentity>('GET', 'site');
}
