import type { z } from 'zod';
import type { OfficerConsole } from '../../../../../src/credentials/officer-console.service';
import type { providerListQuerySchema } from '../../../../../src/credentials/officer.schemas';
import { apiRequest, withQuery } from '../../../lib/api-client';

type ProviderListQuery = z.input<typeof providerListQuerySchema>;
export type ExpiryFilter = NonNullable<ProviderListQuery['filtro']>;
export type SearchPage = Awaited<ReturnType<OfficerConsole['search']>>;
export type AssignedItem = SearchPage['items'][number];
export type ExpiringPage = Awaited<ReturnType<OfficerConsole['expiring']>>;
export type ExpiringItem = ExpiringPage['items'][number];

/** GET /api/providers?assigned=true&q= (Actualizar Token): providers with keys, by name word, NIT or habilitation code. */
export function searchProviders(q: string, cursor?: string): Promise<SearchPage> {
  const query: ProviderListQuery = { assigned: 'true', q, cursor };
  return apiRequest<SearchPage>('GET', withQuery('providers', query));
}

/** GET /api/providers?filtro= («Por vencer» / «Vencidas»): one row per provider and environment. */
export function listExpiringProviders(filtro: ExpiryFilter, cursor?: string): Promise<ExpiringPage> {
  const query: ProviderListQuery = { filtro, cursor };
  return apiRequest<ExpiringPage>('GET', withQuery('providers', query));
}
