import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** «Descargar certificado (.cer)»: the public certificate the delegate uploaded (PEM text). */
export async function getMyCertificateFile(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const { fileName, pem } = await services.certificates.download(caller.user, environment);
  return {
    status: 200,
    headers: { 'Content-Type': 'application/x-pem-file', 'Content-Disposition': `attachment; filename="${fileName}"` },
    body: pem,
  };
}

export const definition = defineHttp({
  name: 'my-certificate-file-get',
  route: 'my/certificates/{environment}/cer',
  methods: ['GET'],
  access: 'delegate',
  handler: getMyCertificateFile,
});
