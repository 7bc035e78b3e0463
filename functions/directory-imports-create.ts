import type { HttpRequest } from '@azure/functions';
import * as z from 'zod';
import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readJson } from '../src/http/request';

const applySchema = z.object({ uploadId: z.uuid({ error: 'Indique la carga del directorio que desea aplicar.' }) });

/** «Aplicar»: the previewed upload is imported by a background job; 202 with the job to poll. */
export async function createDirectoryImport(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const { uploadId } = await readJson(request, applySchema);
  const upload = await services.directoryUploads.apply(caller.user.username, uploadId);
  return { status: 202, headers: { Location: `/api/directory/uploads/${upload.id}` }, jsonBody: upload };
}

export const definition = defineHttp({
  name: 'directory-imports-create',
  route: 'directory/imports',
  methods: ['POST'],
  access: 'officer',
  handler: createDirectoryImport,
});
