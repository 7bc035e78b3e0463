import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { factorSubject } from '../src/second-factor/second-factor.service';

/** What the second-factor page shows: enrol (no factor yet) or verify, and with which methods. */
export async function getSecondFactor(_request: HttpRequest, { caller, services }: HttpCall<'second-factor', Services>) {
  return { status: 200, jsonBody: await services.secondFactor.status(factorSubject(caller), caller.pendingSecondFactor === true) };
}

export const definition = defineHttp({
  name: 'second-factor-get',
  route: 'second-factor',
  methods: ['GET'],
  access: 'second-factor',
  handler: getSecondFactor,
});
