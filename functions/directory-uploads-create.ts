import type { HttpRequest } from '@azure/functions';
import type { Services } from '../src/composition-root';
import { MAX_UPLOAD_BYTES } from '../src/directory/directory-upload.service';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';
import { readFormFiles } from '../src/http/multipart';

const kindOf = { prestadores: 'providers', delegados: 'delegates', funcionarios: 'officers' } as const;
/** Room for the form's own framing around the files. */
const FORM_OVERHEAD = 64 * 1024;

/** «Directorio», step one: the files are stored and checked, and the preview says what «Aplicar» would change. */
export async function createDirectoryUpload(request: HttpRequest, { caller, services }: HttpCall<'officer', Services>) {
  const files = await readFormFiles(request, Object.keys(kindOf), MAX_UPLOAD_BYTES + FORM_OVERHEAD);
  const upload = await services.directoryUploads.preview(
    caller.user.username,
    files.map((file) => ({ kind: kindOf[file.field as keyof typeof kindOf], fileName: file.fileName, bytes: file.bytes })),
  );
  return { status: 201, jsonBody: upload };
}

export const definition = defineHttp({
  name: 'directory-uploads-create',
  route: 'directory/uploads',
  methods: ['POST'],
  access: 'officer',
  maxBodyBytes: MAX_UPLOAD_BYTES + FORM_OVERHEAD,
  handler: createDirectoryUpload,
});
