import type { HttpRequest } from '@azure/functions';
import { usernameReminderSchema } from '../src/accounts/accounts.schemas';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { rateLimits } from '../src/accounts/account-rate-limits';
import { readJson } from '../src/http/request';

/** «¿Olvidó su usuario?»: always the same answer, so it cannot tell who has an account. */
export async function createUsernameReminder(request: HttpRequest, { caller, services }: HttpCall<'public', Services>) {
  const input = await readJson(request, usernameReminderSchema);
  await services.accountEntry.requestUsernameReminder(input, { ip: caller.ip });
  return {
    status: 202,
    jsonBody: {
      message:
        'Si los datos corresponden a una cuenta, enviamos el usuario a su correo registrado. Revise también la carpeta de correo no deseado.',
    },
  };
}

export const definition = defineHttp({
  name: 'username-reminders-create',
  route: 'username-reminders',
  methods: ['POST'],
  access: 'public',
  rateLimits: [rateLimits.usernamePerIp],
  handler: createUsernameReminder,
});
