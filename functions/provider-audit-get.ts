import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** The provider's trail: requests, assignments, updates, rejections, secret reveals; who, when, from where. */
export async function getProviderAudit(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  return { status: 200, jsonBody: await services.officerConsole.auditTrail(caller.user, nit) };
}

export const definition = defineHttp({
  name: 'provider-audit-get',
  route: 'providers/{nit}/audit',
  methods: ['GET'],
  access: 'officer',
  handler: getProviderAudit,
});
