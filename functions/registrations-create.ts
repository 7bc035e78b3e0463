import type { HttpRequest } from '@azure/functions';
import { registrationSchema } from '../src/accounts/accounts.schemas';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/accounts/account-rate-limits';
import { readJson } from '../src/http/request';

/** Registro de Usuarios (6.2): 201 with the summary, or 200 when a pending registration's link is re-sent. */
export async function createRegistration(request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  const input = await readJson(request, registrationSchema);
  const { created, summary } = await services.accountEntry.register(input, { ip: caller.ip });
  return { status: created ? 201 : 200, jsonBody: summary };
}

export const definition = defineHttp({
  name: 'registrations-create',
  route: 'registrations',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.registrationPerIp],
  handler: createRegistration,
});
