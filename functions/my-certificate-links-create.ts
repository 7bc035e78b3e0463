import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { certificateLinkCreateSchema } from '../src/credentials/certificate-links';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';

/** «Crear enlace para el proveedor»: a single-use, expiring link to upload the certificate without an account. */
export async function createMyCertificateLink(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  const { environment } = await readJson(request, certificateLinkCreateSchema);
  return {
    status: 201,
    headers: { 'Cache-Control': 'no-store' },
    jsonBody: await services.certificates.links.create(caller.user, environment, { ip: caller.ip }),
  };
}

export const definition = defineHttp({
  name: 'my-certificate-links-create',
  route: 'my/certificate-links',
  methods: ['POST'],
  access: 'delegate',
  handler: createMyCertificateLink,
});
