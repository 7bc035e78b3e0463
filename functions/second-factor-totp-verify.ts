import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';
import { isSecureOrigin, sessionCookie } from '../src/http/session-cookie';
import { totpCodeSchema } from '../src/second-factor/second-factor.schemas';
import { factorSubject } from '../src/second-factor/second-factor.service';

/** «Código de verificación»: confirms the app at enrolment or passes the factor; the session comes back under a new id. */
export async function verifyTotp(request: HttpRequest, { caller, services }: HttpCall<'second-factor', Services>) {
  const { code } = await readJson(request, totpCodeSchema);
  const { sessionId, user } = await services.secondFactor.verifyTotp(factorSubject(caller), code, { ip: caller.ip });
  return { status: 200, jsonBody: { user }, cookies: [sessionCookie(sessionId, isSecureOrigin(services.config.PUBLIC_BASE_URL))] };
}

export const definition = defineHttp({
  name: 'second-factor-totp-verify',
  route: 'second-factor/totp/verification',
  methods: ['POST'],
  access: 'second-factor',
  handler: verifyTotp,
});
