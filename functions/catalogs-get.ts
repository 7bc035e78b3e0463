import type { HttpRequest } from '@azure/functions';
import { confidentialityAgreement, entityTypes, roles } from '../src/accounts/accounts.schemas';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { documentTypes } from '../src/identity/colombian-ids';

const environments = [
  { code: 'preproduction', label: 'Preproducción' },
  { code: 'production', label: 'Producción' },
];

/** The lists the forms offer, with their Spanish labels, and which sign-in paths officials have (OFFICER_SIGN_IN). */
export async function getCatalogs(_request: HttpRequest, { services }: HttpCall<'public', Services>) {
  const mode = services.config.OFFICER_SIGN_IN;
  const officerSignIn = { password: mode !== 'entra', entra: mode !== 'password' };
  return {
    status: 200,
    headers: { 'Cache-Control': 'public, max-age=3600' },
    jsonBody: { documentTypes, entityTypes, environments, roles, confidentialityAgreement, officerSignIn },
  };
}

export const definition = defineHttp({ name: 'catalogs-get', route: 'catalogs', methods: ['GET'], access: 'public', handler: getCatalogs });
