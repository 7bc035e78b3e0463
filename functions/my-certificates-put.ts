import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { certificateUploadSchema } from '../src/credentials/certificates.schemas';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith, readJson } from '../src/http/request';

/** «Cargar certificado»: checks the public certificate, adds it to the provider's application (Graph) or leaves it for an official. */
export async function putMyCertificate(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const { certificate } = await readJson(request, certificateUploadSchema);
  return { status: 200, jsonBody: await services.certificates.upload(caller.user, environment, certificate, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'my-certificates-put',
  route: 'my/certificates/{environment}',
  methods: ['PUT'],
  access: 'delegate',
  handler: putMyCertificate,
});
