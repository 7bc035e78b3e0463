import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { officerUsernameSchema } from '../src/credentials/officer.schemas';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { parseWith } from '../src/http/request';

/** «Desbloquear revelaciones»: another official lifts a colleague's block (never their own); on record. */
export async function deleteOfficerRevealBlock(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const username = parseWith(officerUsernameSchema, request.params.username);
  await services.revealBrakes.lift(caller.user, username, { ip: caller.ip });
  return { status: 204 };
}

export const definition = defineHttp({
  name: 'officer-reveal-block-delete',
  route: 'officers/{username}/reveal-block',
  methods: ['DELETE'],
  access: 'officer',
  handler: deleteOfficerRevealBlock,
});
