import type { HttpRequest, InvocationContext } from '@azure/functions';
import { activationSchema } from '../shared/accounts/accounts.schemas';
import { services } from '../shared/composition-root';
import type { Caller } from '../shared/http/function-definition';
import { defineHttp } from '../shared/http/http-pipeline';
import { rateLimits } from '../shared/platform/rate-limiter';
import { readJson } from '../shared/http/request';

/** The activation link's page sends the token and the chosen password. */
export async function createActivation(request: HttpRequest, _context: InvocationContext, caller: Caller) {
  const input = await readJson(request, activationSchema);
  const { registration } = await services();
  return { status: 200, jsonBody: await registration.activate(input, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'activations-create',
  route: 'activations',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.tokenPerIp],
  handler: createActivation,
});
