import type { HttpRequest } from '@azure/functions';
import { passwordResetRequestSchema } from '../src/accounts/accounts.schemas';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/accounts/account-rate-limits';
import { readJson } from '../src/http/request';

/** "¿Olvidó su contraseña?": always the same answer, so it cannot tell who has an account. */
export async function createPasswordReset(request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  const input = await readJson(request, passwordResetRequestSchema);
  await services.accountEntry.requestPasswordReset(input, { ip: caller.ip });
  return {
    status: 202,
    jsonBody: {
      message:
        'Si el usuario existe y está activo, enviamos a su correo un enlace para restablecer la contraseña. Revise también la carpeta de correo no deseado.',
    },
  };
}

export const definition = defineHttp({
  name: 'password-resets-create',
  route: 'password-resets',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.resetPerIp],
  handler: createPasswordReset,
});
