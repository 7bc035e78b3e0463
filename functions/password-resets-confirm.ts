import type { HttpRequest } from '@azure/functions';
import { passwordResetConfirmSchema } from '../src/accounts/accounts.schemas';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/accounts/account-rate-limits';
import { readJson } from '../src/http/request';

/** The reset link's page sends the token and the new password; open sessions end. */
export async function confirmPasswordReset(request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  const input = await readJson(request, passwordResetConfirmSchema);
  return { status: 200, jsonBody: await services.registration.confirmPasswordReset(input, { ip: caller.ip }) };
}

export const definition = defineHttp({
  name: 'password-resets-confirm',
  route: 'password-resets/confirm',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.tokenPerIp],
  handler: confirmPasswordReset,
});
