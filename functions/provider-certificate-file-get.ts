import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';
import { nitSchema } from '../src/identity/colombian-ids';

/** The .cer an official uploads by hand in the Entra portal (Certificados y secretos → Cargar certificado). */
export async function getProviderCertificateFile(request: HttpRequest, { services }: HttpCall<'officer', Services>) {
  const nit = parseWith(nitSchema, request.params.nit);
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const { fileName, pem } = await services.certificates.downloadFor(nit, environment);
  return {
    status: 200,
    headers: { 'Content-Type': 'application/x-pem-file', 'Content-Disposition': `attachment; filename="${fileName}"` },
    body: pem,
  };
}

export const definition = defineHttp({
  name: 'provider-certificate-file-get',
  route: 'providers/{nit}/certificates/{environment}/cer',
  methods: ['GET'],
  access: 'officer',
  handler: getProviderCertificateFile,
});
