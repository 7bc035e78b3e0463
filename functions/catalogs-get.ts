import type { HttpRequest } from '@azure/functions';
import { confidentialityAgreement, entityTypes, roles } from '../src/accounts/accounts.schemas';
import { defineHttp } from '../src/http/http-pipeline';
import { documentTypes } from '../src/identity/colombian-ids';

const environments = [
  { code: 'preproduction', label: 'Preproducción' },
  { code: 'production', label: 'Producción' },
];

/** The lists the forms offer, with their Spanish labels. */
export async function getCatalogs(_request: HttpRequest) {
  return {
    status: 200,
    headers: { 'Cache-Control': 'public, max-age=3600' },
    jsonBody: { documentTypes, entityTypes, environments, roles, confidentialityAgreement },
  };
}

export const definition = defineHttp({ name: 'catalogs-get', route: 'catalogs', methods: ['GET'], access: 'public', handler: getCatalogs });
