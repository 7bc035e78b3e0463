import type { HttpRequest, InvocationContext } from '@azure/functions';
import { passwordResetConfirmSchema } from '../src/accounts/accounts.schemas';
import { services } from '../src/composition-root';
import type { Caller } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/platform/rate-limiter';
import { readJson } from '../src/http/request';

/** The reset link's page sends the token and the new password; open sessions end. */
export async function confirmPasswordReset(request: HttpRequest, _context: InvocationContext, caller: Caller) {
  const input = await readJson(request, passwordResetConfirmSchema);
  const { registration } = await services();
  return { status: 200, jsonBody: await registration.confirmPasswordReset(input, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'password-resets-confirm',
  route: 'password-resets/confirm',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.tokenPerIp],
  handler: confirmPasswordReset,
});
