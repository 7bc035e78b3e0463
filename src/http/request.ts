import { isIP } from 'node:net';
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

export const bodyTooLarge = (limit = MAX_BODY_BYTES) =>
  new AppError(
    'cuerpo-demasiado-grande',
    413,
    `La solicitud supera el tamaño máximo permitido (${limit >= 1024 * 1024 ? `${Math.floor(limit / 1024 / 1024)} MB` : `${limit / 1024} KB`}).`,
  );

/**
 * Where the client address comes from.
 *
 * With `frontDoorId` (the Front Door profile's GUID, setting `FRONT_DOOR_ID`), only Azure Front Door vouches
 * for it: the request must carry `X-Azure-FDID` equal to that GUID, and the address is `X-Azure-SocketIP`, the
 * peer of the TCP connection Front Door accepted. `X-Azure-ClientIP` is not used: Microsoft's page says the
 * client IP "can be arbitrarily overwritten by a user" while the socket IP is the connection's own
 * (https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol). `X-Forwarded-For` is ignored
 * whole: its left entries are the client's own words. Anything else gets no trusted address.
 *
 * Without `frontDoorId` (development and tests only: the local host writes the caller's socket address into
 * X-Forwarded-For), the rightmost X-Forwarded-For entry is the address, as before.
 */
export type ClientAddress = { ip: string; untrusted?: undefined } | { ip: undefined; untrusted: UntrustedReason };
export type UntrustedReason = 'fdid-ausente' | 'fdid-distinto' | 'direccion-ausente' | 'direccion-invalida';

export function clientAddress(request: HttpRequest, frontDoorId?: string): ClientAddress {
  if (frontDoorId === undefined) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1);
    const ip = forwarded === undefined ? undefined : withoutPort(forwarded);
    return ip ? { ip } : { ip: undefined, untrusted: 'direccion-ausente' };
  }
  const fdid = request.headers.get('x-azure-fdid')?.trim();
  if (!fdid) return { ip: undefined, untrusted: 'fdid-ausente' };
  if (fdid.toLowerCase() !== frontDoorId.toLowerCase()) return { ip: undefined, untrusted: 'fdid-distinto' };
  const socket = request.headers.get('x-azure-socketip');
  if (!socket?.trim()) return { ip: undefined, untrusted: 'direccion-ausente' };
  const ip = withoutPort(socket);
  return isIP(ip) ? { ip: ip.toLowerCase() } : { ip: undefined, untrusted: 'direccion-invalida' };
}

/** `203.0.113.7:52344` → `203.0.113.7`; `[2001:db8::1]:443` → `2001:db8::1`; a bare IPv6 address is kept whole. */
function withoutPort(value: string): string {
  const trimmed = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return bracketed[1] ?? trimmed;
  return /^[\d.]+:\d+$/.test(trimmed) ? trimmed.replace(/:\d+$/, '') : trimmed;
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
