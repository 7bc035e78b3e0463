import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';
import { factorResetSchema } from '../src/second-factor/second-factor.schemas';

/** An official removes a person's second factors (lost phone or passkey), with a reason; audited and e-mailed to the person. */
export async function createSecondFactorReset(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const { reason } = await readJson(request, factorResetSchema);
  const username = request.params.username ?? '';
  return { status: 200, jsonBody: await services.factorRecovery.reset(caller.user, username, reason, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'second-factor-resets-create',
  route: 'accounts/{username}/second-factor-resets',
  methods: ['POST'],
  access: 'officer',
  handler: createSecondFactorReset,
});
