import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** «Directorio», before an upload: whether this official may load the delegates and officials files (DIRECTORY_ADMINS). */
export async function getDirectoryPermissions(_request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  return { status: 200, jsonBody: services.directoryUploads.permissions(caller.user.username) };
}

export const definition = defineHttp({
  name: 'directory-permissions-get',
  route: 'directory/permissions',
  methods: ['GET'],
  access: 'officer',
  handler: getDirectoryPermissions,
});
