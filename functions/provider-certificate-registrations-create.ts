import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** «Marcar como registrado»: the official added the certificate by hand to the provider's application in Entra ID. */
export async function createProviderCertificateRegistration(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  const environment = parseWith(environmentNameSchema, request.params.environment);
  return { status: 200, jsonBody: await services.certificates.markRegistered(caller.user, nit, environment, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'provider-certificate-registrations-create',
  route: 'providers/{nit}/certificates/{environment}/registration',
  methods: ['POST'],
  access: 'officer',
  handler: createProviderCertificateRegistration,
});
