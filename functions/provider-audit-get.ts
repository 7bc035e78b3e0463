import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import type { SignedInCaller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** The provider's trail: requests, assignments, updates, rejections, secret reveals; who, when, from where. */
export async function getProviderAudit(request: HttpRequest, _context: InvocationContext, caller: SignedInCaller) {
  const nit = parseWith(nitSchema, request.params.nit);
  const { officerConsole } = await services();
  return { status: 200, jsonBody: await officerConsole.auditTrail(caller.user, nit) };
}

export const definition = defineHttp({
  name: 'provider-audit-get',
  route: 'providers/{nit}/audit',
  methods: ['GET'],
  access: 'officer',
  handler: getProviderAudit,
});
