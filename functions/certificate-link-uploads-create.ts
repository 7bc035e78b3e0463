import type { HttpRequest } from '@azure/functions';
import { rateLimits } from '../src/accounts/account-rate-limits';
import type { Services } from '../src/composition-root';
import { certificateLinkUploadSchema } from '../src/credentials/certificate-links';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';

/** The vendor's page: the link's token and the public certificate; the link works once. */
export async function createCertificateLinkUpload(request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  const { token, certificate } = await readJson(request, certificateLinkUploadSchema);
  return { status: 200, jsonBody: await services.certificates.links.upload(token, certificate, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'certificate-link-uploads-create',
  route: 'certificate-links/uploads',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.tokenPerIp],
  handler: createCertificateLinkUpload,
});
