import { randomBytes, randomInt } from 'node:crypto';
import type { Cookie, HttpResponseInit } from '@azure/functions';
import { solveChallenge } from 'altcha-lib/v1';
import { inject } from 'vitest';
import { buildServices, type Overrides, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { bindFunction, type BoundFunction, type FunctionDefinition, type HttpFunctionDefinition } from '../../src/http/function-definition';
import { HttpRequest, HttpResponse, InvocationContext } from '../../src/platform/functions-runtime';
import { definition as captchaGet } from '../../functions/captcha-get';

export const PUBLIC_BASE_URL = 'http://localhost:7071';

/** Settings for one test file: its own table/queue prefix in the shared Azurite, cheap hashing and captcha. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    IHCE_ENV: 'local',
    PUBLIC_BASE_URL,
    IHCE_STORAGE: inject('storageConnectionString'),
    STORAGE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(inject('smtpPort')),
    MAIL_FROM: 'IHCE Pruebas <pruebas@ihce.localhost>',
    CAPTCHA_HMAC_KEY: 'clave-de-pruebas-con-al-menos-32-caracteres',
    CAPTCHA_MAX_NUMBER: '1000',
    PASSWORD_HASH_COST: '1024',
    SECRET_STORE: 'local',
    LOCAL_SECRET_KEY: randomBytes(32).toString('base64'),
    // The Entra ID sign-in needs a provider: tests that use it start the local one (tests/support/local-idp.ts).
    OFFICER_SIGN_IN: 'password',
    // «Probar llaves» never reaches the internet from a test: port 9 on loopback refuses at once.
    PREPRODUCTION_TOKEN_URL: 'http://127.0.0.1:9/{tenant}/oauth2/v2.0/token',
    PRODUCTION_TOKEN_URL: 'http://127.0.0.1:9/{tenant}/oauth2/v2.0/token',
    ...extra,
  };
}

let current: Services | undefined;

/**
 * The services that `call()` and `bound()` hand to handlers, as `bindFunctions` does when the app starts.
 * A test file sets them in its set-up; a test may swap in broken ones for a while, then put them back.
 */
export function useTestServices(services: Services): void {
  current = services;
}

export async function startTestServices(options: { env?: Record<string, string>; overrides?: Overrides } = {}): Promise<Services> {
  const services = await buildServices(loadConfig(testEnv(options.env)), { log: () => {}, ...options.overrides });
  useTestServices(services);
  return services;
}

/** A function as the runtime runs it (input and context only), given the current test services. */
export function bound<D extends FunctionDefinition<Services>>(definition: D): BoundFunction<D> {
  if (!current) throw new Error('Sin servicios de prueba: llame a startTestServices o useTestServices en la preparación.');
  return bindFunction(definition, current);
}

export type CallResult = {
  status: number;
  headers: Headers;
  body: any;
  cookies: Cookie[];
  /** What the function logged through its InvocationContext, as `level: text`. */
  logs: string[];
};

/** Calls a function exactly as the Azure worker would: through its definition's pipeline, with a real HttpRequest. */
export async function call(
  definition: HttpFunctionDefinition<Services>,
  options: {
    method?: string;
    path?: string;
    params?: Record<string, string>;
    body?: unknown;
    /** A body sent as is (a multipart form's bytes, say), with its own content-type header. */
    rawBody?: string | Uint8Array;
    headers?: Record<string, string>;
    cookie?: string;
    ip?: string;
  } = {},
): Promise<CallResult> {
  const method = options.method ?? definition.methods[0]!;
  const headers: Record<string, string> = {
    'x-forwarded-for': options.ip ?? '198.51.100.7:50123',
    ...(method !== 'GET' && { origin: PUBLIC_BASE_URL }),
    ...(options.body !== undefined && { 'content-type': 'application/json' }),
    ...(options.cookie && { cookie: options.cookie }),
    ...options.headers,
  };
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new HttpRequest({
    method,
    url: `${PUBLIC_BASE_URL}/api/${options.path ?? definition.route}`,
    headers,
    params: options.params ?? {},
    ...(body !== undefined && { body: typeof body === 'string' ? { string: body } : { bytes: body } }),
  });
  const logs: string[] = [];
  const init: HttpResponseInit = await bound(definition).handler(
    request,
    new InvocationContext({
      functionName: definition.name,
      logHandler: (level, ...args) => logs.push(`${level}: ${args.map(String).join(' ')}`),
    }),
  );
  const response = new HttpResponse(init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, cookies: response.cookies, logs };
}

/** Solves a real challenge from the captcha endpoint, as the browser widget does. */
export async function solvedCaptcha(): Promise<string> {
  const { body: challenge } = await call(captchaGet);
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('No se pudo resolver el captcha de prueba');
  return Buffer.from(JSON.stringify({ ...challenge, number: solution.number, maxnumber: undefined })).toString('base64');
}

export const sessionCookieHeader = (result: CallResult) => {
  const cookie = result.cookies.find((c) => c.name.includes('ihce_sesion'));
  if (!cookie) throw new Error('La respuesta no trae cookie de sesión');
  return `${cookie.name}=${cookie.value}`;
};

/** Unique, valid-looking identities so parallel test files never collide. */
export const uniqueNit = () => String(randomInt(800_000_000, 899_999_999));
export const uniqueIdNumber = () => String(randomInt(1_000_000_000, 1_999_999_999));
export const uniqueHabilitationCode = () => String(randomInt(1_000_000_000, 9_999_999_999)).padStart(10, '0');
