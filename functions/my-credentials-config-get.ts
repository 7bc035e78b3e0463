import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { environmentNameSchema } from '../src/credentials/credentials.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** "Descargar configuración": a Postman environment file for the HIS vendor (holds the secret: audited, no-store). */
export async function getMyConfiguration(request: HttpRequest, { caller, services }: HttpCall<'delegate', Services>) {
  const environment = parseWith(environmentNameSchema, request.params.environment);
  const { fileName, content } = await services.myCredentials.exportPostman(caller.user, environment, { ip: caller.ip }, caller);
  return {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
    body: JSON.stringify(content, null, 2),
  };
}

export const definition = defineHttp({
  name: 'my-credentials-config-get',
  route: 'my/credentials/{environment}/postman',
  methods: ['GET'],
  access: 'delegate',
  handler: getMyConfiguration,
});
