import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** An upload of the official's: its preview and, once applied, the job's state and progress (the page polls it). */
export async function getDirectoryUpload(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const upload = await services.directoryUploads.status(caller.user.username, request.params.id ?? '');
  return { status: 200, jsonBody: upload };
}

export const definition = defineHttp({
  name: 'directory-uploads-get',
  route: 'directory/uploads/{id}',
  methods: ['GET'],
  access: 'officer',
  handler: getDirectoryUpload,
});
