import type { HttpRequest, InvocationContext } from '@azure/functions';
import { services } from '../src/composition-root';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/platform/rate-limiter';

/** A fresh proof-of-work challenge for the "No soy un robot" check. */
export async function getCaptcha(_request: HttpRequest, _context: InvocationContext) {
  const { captcha } = await services();
  return { status: 200, jsonBody: await captcha.issue() };
}

export const definition = defineHttp({
  name: 'captcha-get',
  route: 'captcha',
  methods: ['GET'],
  access: 'public',
  rateLimits: [rateLimits.captchaPerIp],
  handler: getCaptcha,
});
