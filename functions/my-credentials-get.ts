import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import type { SignedInCaller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** The delegate's key file: state, request history, and per environment everything but the secret. */
export async function getMyCredentials(_request: HttpRequest, _context: InvocationContext, caller: SignedInCaller) {
  const { myCredentials } = await services();
  return { status: 200, jsonBody: await myCredentials.view(caller.user) };
}

export const definition = defineHttp({
  name: 'my-credentials-get',
  route: 'my/credentials',
  methods: ['GET'],
  access: 'delegate',
  handler: getMyCredentials,
});
