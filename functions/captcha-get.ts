import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/accounts/account-rate-limits';

/** A fresh proof-of-work challenge for the "No soy un robot" check. */
export async function getCaptcha(_request: HttpRequest, { services }: HttpCall<'public', Services>) {
  return { status: 200, jsonBody: await services.captcha.issue() };
}

export const definition = defineHttp({
  name: 'captcha-get',
  route: 'captcha',
  methods: ['GET'],
  access: 'public',
  rateLimits: [rateLimits.captchaPerIp],
  handler: getCaptcha,
});
