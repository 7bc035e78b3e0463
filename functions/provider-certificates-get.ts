import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** The provider's certificates as the official sees them: subject, thumbprints, validity and whether it is registered. */
export async function getProviderCertificates(request: HttpRequest, { services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  return { status: 200, jsonBody: await services.certificates.ofProvider(nit) };
}

export const definition = defineHttp({
  name: 'provider-certificates-get',
  route: 'providers/{nit}/certificates',
  methods: ['GET'],
  access: 'officer',
  handler: getProviderCertificates,
});
