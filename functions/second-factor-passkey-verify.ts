import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';
import { isSecureOrigin, sessionCookie } from '../src/http/session-cookie';
import { passkeyAnswerSchema } from '../src/second-factor/second-factor.schemas';
import { factorSubject } from '../src/second-factor/second-factor.service';

/** The browser's passkey answer: registers the first passkey or checks a known one; the session comes back under a new id. */
export async function verifyPasskey(request: HttpRequest, { caller, services }: HttpCall<'second-factor', Services>) {
  const { response } = await readJson(request, passkeyAnswerSchema);
  const { sessionId, user } = await services.secondFactor.verifyPasskey(factorSubject(caller), response, { ip: caller.ip });
  return { status: 200, jsonBody: { user }, cookies: [sessionCookie(sessionId, isSecureOrigin(services.config.PUBLIC_BASE_URL))] };
}

export const definition = defineHttp({
  name: 'second-factor-passkey-verify',
  route: 'second-factor/passkey/verification',
  methods: ['POST'],
  access: 'second-factor',
  handler: verifyPasskey,
});
