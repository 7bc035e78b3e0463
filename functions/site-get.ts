import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/**
 * The entity behind the service, from the settings (src/config/site-identity.ts): the GOV.CO footer, «Ayuda»
 * and the e-mails read the same values, so changing the help desk needs no new build of the web.
 */
export async function getSite(_request: HttpRequest, { services }: HttpCall<'public', Services>) {
  return { status: 200, headers: { 'Cache-Control': 'public, max-age=3600' }, jsonBody: services.site };
}

export const definition = defineHttp({ name: 'site-get', route: 'site', methods: ['GET'], access: 'public', handler: getSite });
