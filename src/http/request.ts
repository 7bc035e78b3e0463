import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import '../kernel/zod-es';
import { AppError, validationFailed } from '../kernel/app-error';

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body and validates it; every problem comes back as a field error in Spanish. */
export async function readJson<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('tipo-no-admitido', 415, 'La solicitud debe enviarse como JSON (Content-Type: application/json).');
  }
  const text = await request.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw bodyTooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('json-invalido', 400, 'El cuerpo de la solicitud no es JSON válido.');
  }
  return parseWith(schema, body);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationFailed(
    result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issue.message })),
  );
}

export const bodyTooLarge = () =>
  new AppError('cuerpo-demasiado-grande', 413, `La solicitud supera el tamaño máximo permitido (${MAX_BODY_BYTES / 1024} KB).`);

/**
 * The address the platform saw. Each proxy appends the address it received from, so the rightmost entry is
 * the one our own front end wrote; entries to its left come from the client and can be forged.
 */
export function clientIp(request: HttpRequest): string | undefined {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  if (!forwarded) return undefined;
  // Azure appends the client port (`203.0.113.7:52344`); IPv6 comes bracketed when it does.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(forwarded);
  if (bracketed) return bracketed[1];
  return /^[\d.]+:\d+$/.test(forwarded) ? forwarded.replace(/:\d+$/, '') : forwarded;
}

export function readCookie(request: HttpRequest, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
