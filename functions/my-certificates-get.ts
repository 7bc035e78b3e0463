import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** Paso 2: the delegate's certificates per environment and what each environment accepts (certificate, secret or either). */
export async function getMyCertificates(_request: unknown, { caller, services }: HttpCall<'delegate', Services>) {
  return { status: 200, jsonBody: await services.certificates.mine(caller.user) };
}

export const definition = defineHttp({
  name: 'my-certificates-get',
  route: 'my/certificates',
  methods: ['GET'],
  access: 'delegate',
  handler: getMyCertificates,
});
