import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** The delegate's key file: state, request history, and per environment everything but the secret. */
export async function getMyCredentials(_request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  return { status: 200, jsonBody: await services.myCredentials.view(caller.user) };
}

export const definition = defineHttp({
  name: 'my-credentials-get',
  route: 'my/credentials',
  methods: ['GET'],
  access: 'delegate',
  handler: getMyCredentials,
});
