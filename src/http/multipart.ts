import type { HttpRequest } from '@azure/functions';
import { AppError } from '../kernel/app-error';

export type FormFile = { field: string; fileName: string; bytes: Uint8Array };

/**
 * The files of a `multipart/form-data` body, by field, skipping empty ones. The declared length is checked
 * before reading (the pipeline lets this route's larger bodies through); text fields are ignored.
 */
export async function readFormFiles(request: HttpRequest, fields: readonly string[], maxBytes: number): Promise<FormFile[]> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) {
    throw new AppError('tipo-no-admitido', 415, 'Los archivos deben enviarse como formulario (Content-Type: multipart/form-data).');
  }
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw tooLarge(maxBytes);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError(
      'formulario-invalido',
      400,
      'No se pudo leer el formulario con los archivos. Vuelva a seleccionarlos e intente de nuevo.',
    );
  }
  const files: FormFile[] = [];
  for (const field of fields) {
    const value = form.get(field);
    if (!value || typeof value === 'string' || value.size === 0) continue;
    files.push({ field, fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  if (files.reduce((sum, file) => sum + file.bytes.byteLength, 0) > maxBytes) throw tooLarge(maxBytes);
  return files;
}

const tooLarge = (maxBytes: number) =>
  new AppError(
    'archivo-demasiado-grande',
    413,
    `Los archivos superan ${Math.round(maxBytes / 1024 / 1024)} MB, el máximo que se puede cargar.`,
  );
