import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** Officials whose ClientSecret reveals are blocked after a burst, for a colleague to review and lift. */
export async function listOfficerRevealBlocks(_request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  return { status: 200, jsonBody: await services.revealBrakes.blocked(caller.user) };
}

export const definition = defineHttp({
  name: 'officer-reveal-blocks-list',
  route: 'officers/reveal-blocks',
  methods: ['GET'],
  access: 'officer',
  handler: listOfficerRevealBlocks,
});
