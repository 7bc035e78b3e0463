import type { HttpRequest } from '@azure/functions';
import { activationSchema } from '../src/accounts/accounts.schemas';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/accounts/account-rate-limits';
import { readJson } from '../src/http/request';

/** The activation link's page sends the token and the chosen password. */
export async function createActivation(request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  const input = await readJson(request, activationSchema);
  return { status: 200, jsonBody: await services.registration.activate(input, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'activations-create',
  route: 'activations',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.tokenPerIp],
  handler: createActivation,
});
