import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { factorSubject } from '../src/second-factor/second-factor.service';

/** «Usar llave de acceso (passkey)»: the WebAuthn options (registration the first time), with a single-use challenge. */
export async function createPasskeyOptions(_request: HttpRequest, { caller, services }: HttpCall<'second-factor', Services>) {
  return { status: 200, jsonBody: await services.secondFactor.passkeyOptions(factorSubject(caller), { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'second-factor-passkey-options',
  route: 'second-factor/passkey/options',
  methods: ['POST'],
  access: 'second-factor',
  handler: createPasskeyOptions,
});
