import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import { AppError } from '../kernel/app-error';
import { isStorageOutage } from '../platform/storage/outage';

export const PROBLEM_TYPE_BASE = 'urn:ihce:problema:';

const titles: Record<number, string> = {
  400: 'Datos inválidos',
  401: 'Sesión requerida',
  403: 'Acceso denegado',
  404: 'No encontrado',
  405: 'Método no permitido',
  409: 'Conflicto',
  413: 'Solicitud demasiado grande',
  415: 'Tipo de contenido no admitido',
  423: 'Cuenta bloqueada',
  428: 'Versión requerida',
  429: 'Demasiados intentos',
  500: 'Error interno',
  503: 'Servicio no disponible',
};

/** RFC 9457 problem details, with Spanish texts and per-field errors under `errors`. */
export function problemResponse(error: AppError, instance: string, invocationId?: string): HttpResponseInit {
  return {
    status: error.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...error.headers },
    body: JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}${error.code}`,
      title: titles[error.status] ?? 'Error',
      status: error.status,
      detail: error.message,
      instance,
      ...(error.fields.length > 0 && { errors: error.fields }),
      ...(invocationId && { invocationId }),
    }),
  };
}

/**
 * Known failures become their problem response; anything else is logged with the invocation id and answered
 * with a generic 500 that carries the id (so support can find the log line) and nothing of the cause.
 */
export function errorToResponse(error: unknown, context: InvocationContext, instance: string): HttpResponseInit {
  if (error instanceof AppError) return problemResponse(error, instance);
  if (isStorageOutage(error)) {
    context.error(`Almacenamiento no disponible en ${context.functionName} (${context.invocationId}):`, describe(error));
    return problemResponse(
      new AppError(
        'almacenamiento-no-disponible',
        503,
        'El servicio de almacenamiento no responde en este momento. No se guardó nada; intente de nuevo en unos segundos.',
        {
          headers: { 'Retry-After': '10' },
        },
      ),
      instance,
      context.invocationId,
    );
  }
  context.error(`Error no controlado en ${context.functionName} (${context.invocationId}):`, describe(error));
  return problemResponse(
    new AppError(
      'error-interno',
      500,
      'Ocurrió un error inesperado. Intente de nuevo en unos minutos; si persiste, comuníquese con la mesa de ayuda indicando el código.',
    ),
    instance,
    context.invocationId,
  );
}

/** Name, message and stack only: SDK errors carry request objects whose headers must never reach a log. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${error.stack ?? ''}`;
  return String(error);
}
