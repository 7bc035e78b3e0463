import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { factorSubject } from '../src/second-factor/second-factor.service';

/** Enrolment with an authenticator app: a new key, as a QR code and as text in groups of four. */
export async function createTotp(_request: HttpRequest, { caller, services }: HttpCall<'second-factor', Services>) {
  return { status: 201, jsonBody: await services.secondFactor.startTotp(factorSubject(caller), { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'second-factor-totp-create',
  route: 'second-factor/totp',
  methods: ['POST'],
  access: 'second-factor',
  handler: createTotp,
});
