export type FieldErrors = Record<string, string>;

/** A refused call, as the API describes it (RFC 9457 problem details). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors,
    readonly code: string,
  ) {
    super(message);
  }
}

type Problem = { type?: string; detail?: string; errors?: { field: string; message: string }[] };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ApiOptions = { body?: unknown; headers?: Record<string, string> };

/**
 * One call to /api. Only the endpoint clients in features/<f>/api call this: each names what its endpoint
 * answers, so no page states a response type of its own.
 */
export async function apiRequest<T>(method: Method, path: string, options: ApiOptions = {}): Promise<T> {
  return (await apiRequestWithStatus<T>(method, path, options)).data;
}

/** Same as `apiRequest`, also answering the status (201 created vs 200 existing, say) and the headers. */
export async function apiRequestWithStatus<T>(
  method: Method,
  path: string,
  { body, headers = {} }: ApiOptions = {},
): Promise<{ status: number; data: T; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(`/api/${path}`, {
      method,
      credentials: 'same-origin',
      // A form (file upload) goes as multipart/form-data, its boundary set by the browser; anything else as JSON.
      headers: {
        Accept: 'application/json',
        ...(body !== undefined && !(body instanceof FormData) && { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'No hay conexión con el servidor. Verifique su conexión a internet e intente de nuevo.', {}, 'sin-conexion');
  }
  if (response.status === 204) return { status: 204, data: undefined as T, headers: response.headers };
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (response.ok) return { status: response.status, data: data as T, headers: response.headers };

  const problem = (data ?? {}) as Problem;
  const fields: FieldErrors = {};
  for (const error of problem.errors ?? []) fields[error.field] ??= error.message;
  const message = problem.detail ?? 'No fue posible completar la operación. Intente de nuevo.';
  throw new ApiError(response.status, message, fields, (problem.type ?? '').replace('urn:ihce:problema:', ''));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `path?name=value&…` in the order given, leaving out what is unset; values are URL-encoded. */
export function withQuery(path: string, query: Record<string, unknown>): string {
  const pairs = Object.entries(query).filter(([, value]) => value !== undefined);
  if (pairs.length === 0) return path;
  return `${path}?${pairs.map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`).join('&')}`;
}
