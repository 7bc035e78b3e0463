import type { HttpRequest, InvocationContext } from '@azure/functions';
import { activationSchema } from '../src/accounts/accounts.schemas';
import { services } from '../src/composition-root';
import type { Caller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/platform/rate-limiter';
import { readJson } from '../src/http/request';

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
