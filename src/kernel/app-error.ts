/** A failure the user can understand: it carries the HTTP status and a Spanish message. */
export type FieldError = { field: string; message: string };

export type AppErrorOptions = {
  fields?: FieldError[];
  headers?: Record<string, string>;
  cause?: unknown;
};

export class AppError extends Error {
  readonly fields: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.fields = options.fields ?? [];
    this.headers = options.headers ?? {};
  }
}

export const validationFailed = (fields: FieldError[]) =>
  new AppError('datos-invalidos', 400, 'Revise los datos ingresados: hay campos con errores.', { fields });

export const fieldError = (field: string, message: string) => validationFailed([{ field, message }]);

export const unauthenticated = (message = 'Debe ingresar al sistema para continuar.') => new AppError('sesion-requerida', 401, message);

export const forbidden = (message = 'Su rol no tiene permiso para esta acción.') => new AppError('acceso-denegado', 403, message);

export const notFound = (message = 'El recurso solicitado no existe.') => new AppError('no-encontrado', 404, message);

export const conflict = (code: string, message: string) => new AppError(code, 409, message);

export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError('demasiados-intentos', 429, message, { headers: { 'Retry-After': String(retryAfterSeconds) } });
