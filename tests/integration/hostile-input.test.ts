import { solveChallenge } from 'altcha-lib/v1';
import fc from 'fast-check';
import { addDays, bogotaDay } from '../../src/credentials/expiry-calendar';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions';
import { buildServices, type Services } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import type { HttpFunctionDefinition } from '../../src/http/function-definition';
import { MAX_BODY_BYTES } from '../../src/http/request';
import { createStorage } from '../../src/platform/storage/storage';
import { signedInDelegate, signedInOfficer, validRequest } from '../support/accounts';
import { officerFixture, providerFixture, seedDirectory } from '../support/directory-fixtures';
import { call, testEnv, type CallResult, uniqueIdNumber, useTestServices } from '../support/test-app';
import { countSafety } from '../support/totals';
import { countingStorage } from '../support/write-counter';

/**
 * Every endpoint's body, query and path, fuzzed with fast-check: wrong types, huge strings, any Unicode,
 * control characters, prototype-pollution keys, formula and markup injection. Invariants: never a 5xx,
 * never a stack trace, a problem+json body on every refusal, and nothing written when a request is refused
 * (besides the rate-limit counters, the session's idle clock, the audit trail of the attempt and the spent bot-check solution).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** Besides the counters, clock and trail: a bot-check solution spent by a refused call is marked used. */
const ALLOWED_ON_REFUSAL = ['tabla:ratelimits', 'tabla:sessions', 'tabla:audit', 'tabla:captchas'];
/** In a template, stands for a fresh, valid «No soy un robot» solution, solved just before the call. */
const SOLVED_CAPTCHA = '<captcha resuelto>';
/** In a template, stand for an identity no earlier input used, so the per-account limits do not stop the run early. */
const FRESH_USERNAME = '<usuario nuevo>';
const FRESH_ID_NUMBER = '<identificación nueva>';
/** A well-formed activation or reset token (username part, dot, 43 base64url characters) that no account holds. */
const WELL_FORMED_TOKEN = `CC1000000001.${'Q'.repeat(43)}`;

const env = testEnv();
let services: Services;
let counter: ReturnType<typeof countingStorage>;
const cookies: Record<'delegate' | 'officer', string> = { delegate: '', officer: '' };
const provider = providerFixture('Fuzz');
const officer = officerFixture();

const injections = [
  '=HYPERLINK("http://atacante.example","clic")',
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' or 1=1 --",
  "PartitionKey eq 'x' or true",
  '../../etc/passwd',
  '%00',
  '\u0000\u0001\u001f\u007f',
  '\u202egnp.exe',
  '__proto__',
  'constructor',
  'Ñandú 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏥 ﷽',
  '9'.repeat(400),
];
const hostileString = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...injections),
  fc.string({ minLength: 3_000, maxLength: 12_000 }),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
}));
/** Bodies that are not even the right JSON: pollution attempts, bad syntax, other types, a BOM. */
const rawBodies = fc.constantFrom(
  '{"__proto__":{"polluted":"sí"}}',
  '{"constructor":{"prototype":{"polluted":"sí"}}}',
  '{"preproduction":{"__proto__":{"polluted":"sí"}}}',
  '{',
  '[]',
  'null',
  '"texto"',
  '\uFEFF{}',
  '{"a":1,"a":2}',
);

const futureDay = addDays(bogotaDay(new Date()), 200);
const keys = {
  clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca401',
  clientSecret: 'fuzz~secreto~0123456789',
  expiresOn: futureDay,
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  scope: 'api://ihce/.default',
  endpoint: 'https://apim.example/fhir',
};
/** A valid body per route: one field at a time is swapped for something hostile, so inputs get past the outer checks. */
const templates: Record<string, Record<string, unknown>> = {
  'registrations-create': {
    userType: 'delegate',
    entityType: 'PSS',
    nit: '900000001',
    idType: 'CC',
    idNumber: FRESH_ID_NUMBER,
    captcha: SOLVED_CAPTCHA,
    acceptsConfidentiality: true,
  },
  'activations-create': { token: WELL_FORMED_TOKEN, password: 'Cafetal de la montaña 2026' },
  'password-resets-create': { username: FRESH_USERNAME, captcha: SOLVED_CAPTCHA },
  'password-resets-confirm': { token: WELL_FORMED_TOKEN, password: 'Cafetal de la montaña 2026' },
  'username-reminders-create': { idType: 'CC', idNumber: FRESH_ID_NUMBER, captcha: SOLVED_CAPTCHA },
  'sessions-create': { username: FRESH_USERNAME, password: 'Cafetal de la montaña 2026', captcha: SOLVED_CAPTCHA },
  'my-requests-create': validRequest('renewal'),
  'provider-credentials-put': { preproduction: keys, production: { ...keys, mode: 'manual' } },
  'provider-rejections-create': { reason: 'Datos incompletos del líder técnico.' },
  'second-factor-totp-verify': { code: '123456' },
  'second-factor-resets-create': { reason: 'Perdió el teléfono con la aplicación de autenticación.' },
  'second-factor-passkey-verify': {
    response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA' }, clientExtensionResults: {} },
  },
};

// The routes that end sessions are left out: they would sign out the callers the other routes are fuzzed with.
const httpRoutes = functionDefinitions.filter(
  (d): d is HttpFunctionDefinition<Services> => d.trigger === 'http' && !['sessions-delete-current', 'sessions-delete'].includes(d.name),
);
const callerFor = (definition: HttpFunctionDefinition<Services>) =>
  // The second factor's routes get the enrolled official: the fuzz reaches the code and passkey checks.
  definition.access === 'officer' || definition.access === 'second-factor'
    ? cookies.officer
    : definition.access === 'delegate' || definition.access === 'authenticated'
      ? cookies.delegate
      : undefined;

function bodyFor(name: string) {
  const template = templates[name];
  if (!template)
    return fc.oneof(
      hostileValue.map((value) => ({ json: value })),
      rawBodies.map((raw) => ({ raw })),
    );
  // The template as it is half the time, else one field swapped for something hostile: most inputs get
  // past the outer checks, so the use case behind them meets them too.
  const shaped = fc
    .record({ swap: fc.option(fc.constantFrom(...Object.keys(template)), { freq: 2, nil: undefined }), value: hostileValue })
    .map(({ swap, value }) => (swap === undefined ? { ...template } : { ...template, [swap]: value }));
  return fc.oneof(
    { weight: 4, arbitrary: shaped.map((value) => ({ json: value as unknown })) },
    { weight: 1, arbitrary: hostileValue.map((value) => ({ json: value })) },
    { weight: 1, arbitrary: rawBodies.map((raw) => ({ raw })) },
  );
}
/** A solution of a real challenge, as the browser widget sends it (issued by the service: no captcha-route limit spent). */
async function freshCaptcha(): Promise<string> {
  const challenge = await services.captcha.issue();
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  return Buffer.from(JSON.stringify({ ...challenge, number: solution!.number, maxnumber: undefined })).toString('base64');
}
/** Fills a template's placeholders (left as they are when a field was swapped for something hostile). */
async function withFreshValues(body: { json: unknown } | { raw: string } | undefined) {
  if (!body || !('json' in body) || typeof body.json !== 'object' || body.json === null) return body;
  const json = { ...(body.json as Record<string, unknown>) };
  if (json.captcha === SOLVED_CAPTCHA) json.captcha = await freshCaptcha();
  if (json.username === FRESH_USERNAME) json.username = `CC${uniqueIdNumber()}-900000001`;
  if (json.idNumber === FRESH_ID_NUMBER) json.idNumber = uniqueIdNumber();
  return { json };
}

/**
 * How far fuzzed inputs got: calls that reached each anonymous use case, and bot-check solutions it
 * accepted (the use case's own first step). Counted by wrapping the services the handlers are given.
 */
const reached = { useCase: 0, captchaPassed: 0 };
function countUseCases() {
  const wrap = <O extends object>(target: O, method: keyof O & string, after?: () => void) => {
    const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
    (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (!after) reached.useCase++;
      const result = await original(...args);
      after?.();
      return result;
    };
  };
  wrap(services.accountEntry, 'register');
  wrap(services.accountEntry, 'signIn');
  wrap(services.accountEntry, 'requestPasswordReset');
  wrap(services.accountEntry, 'requestUsernameReminder');
  wrap(services.registration, 'activate');
  wrap(services.registration, 'confirmPasswordReset');
  wrap(services.captcha, 'verify', () => reached.captchaPassed++);
}
/** The anonymous routes whose fuzzing must reach the use case, and what shows that it did. */
const deepRoutes: Record<string, keyof typeof reached> = {
  'registrations-create': 'captchaPassed',
  'sessions-create': 'captchaPassed',
  'password-resets-create': 'captchaPassed',
  'username-reminders-create': 'captchaPassed',
  'activations-create': 'useCase',
  'password-resets-confirm': 'useCase',
};
const queryArb = fc.dictionary(
  fc.oneof(fc.constantFrom('q', 'cursor', 'limit', 'status', 'filtro', 'version', 'assigned'), hostileString),
  hostileString,
  { maxKeys: 3 },
);
const paramArb = fc.record({
  nit: fc.oneof(fc.constant(provider.nit), hostileString),
  environment: fc.oneof(fc.constantFrom('production', 'preproduction'), hostileString),
  id: hostileString,
  username: fc.oneof(fc.constant(`CC${officer.idNumber}`), hostileString),
});

function expectHarmless(result: CallResult, label: string) {
  expect(result.status, label).toBeLessThan(500);
  expect(result.headers.get('x-content-type-options'), label).toBe('nosniff');
  if (result.status >= 400) {
    expect(result.headers.get('content-type'), label).toContain('application/problem+json');
    expect(typeof result.body?.detail, label).toBe('string');
    expect(JSON.stringify(result.body), label).not.toMatch(/\bat [^\s]+ \(|\.ts:\d+|node_modules|TypeError|SyntaxError/);
  }
}

beforeAll(async () => {
  const config = loadConfig(env);
  counter = countingStorage(createStorage(config));
  services = await buildServices(config, { log: () => {}, storage: counter.storage });
  useTestServices(services);
  await seedDirectory(services, [provider], [officer]);
  cookies.delegate = (await signedInDelegate(services, provider)).cookie;
  cookies.officer = (await signedInOfficer(services, officer)).cookie;
  countUseCases();
});

describe('hostile input', () => {
  it.for(httpRoutes.map((definition) => [definition.name, definition] as const))(
    '%s: fuzzed body, query and path never give a 5xx or a stack, and a refusal writes nothing',
    async ([, definition], context) => {
      let inputs = 0;
      let invariants = 0;
      const reachedBefore = { ...reached };
      await fc.assert(
        fc.asyncProperty(
          definition.methods[0] === 'GET' ? fc.constant(undefined) : bodyFor(definition.name),
          queryArb,
          paramArb,
          fc.nat(250),
          async (fuzzed, query, params, octet) => {
            inputs++;
            const body = await withFreshValues(fuzzed);
            const path = definition.route.replace(/\{(\w+)\}/g, (_match: string, name: string) =>
              encodeURIComponent(params[name as keyof typeof params]),
            );
            const search = new URLSearchParams(query).toString();
            const before = counter.snapshot();
            const result = await call(definition, {
              path: `${path}${search ? `?${search}` : ''}`,
              params: Object.fromEntries(Object.entries(params).filter(([name]) => definition.route.includes(`{${name}}`))),
              ...(body && ('raw' in body ? { rawBody: body.raw, headers: { 'content-type': 'application/json' } } : { body: body.json })),
              ...(callerFor(definition) && { cookie: callerFor(definition) }),
              // A fresh address each time, so the per-address limits do not hide what validation does.
              ip: `10.${octet}.${inputs % 250}.${(inputs * 7) % 250}`,
            });
            const label = `${definition.name} ${result.status} ${JSON.stringify(body)?.slice(0, 300)} ${search.slice(0, 200)}`;
            expectHarmless(result, label);
            if (result.status >= 400 || definition.methods[0] === 'GET')
              expect(counter.since(before, ALLOWED_ON_REFUSAL), label).toEqual({});
            invariants += 3;
          },
        ),
        { numRuns: RUNS },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const deep = deepRoutes[definition.name];
      if (deep) {
        // Not only the schema: at least a tenth of the inputs got through it (and the bot check) to the use case.
        const got = reached[deep] - reachedBefore[deep];
        expect(got, `${definition.name}: ${got} de ${inputs} entradas llegaron al caso de uso`).toBeGreaterThanOrEqual(
          Math.ceil(inputs / 10),
        );
        invariants++;
      }
      countSafety(context, { hostileInputs: inputs, invariantsHeld: invariants + 1 });
    },
  );

  it('bodies over the size limit are refused (413) before anything is read or written, for every route that takes one', async (context) => {
    const unsafe = httpRoutes.filter((definition) => definition.methods[0] !== 'GET');
    const big = JSON.stringify({ reason: 'x'.repeat(MAX_BODY_BYTES + 10) });
    for (const definition of unsafe) {
      const before = counter.snapshot();
      // A route that takes more (the directory upload's 50 MB) is sent a declared length just past its own limit.
      const length = Math.max(Buffer.byteLength(big), (definition.maxBodyBytes ?? 0) + 10);
      const declared = await call(definition, {
        rawBody: big,
        headers: { 'content-type': 'application/json', 'content-length': String(length) },
        cookie: callerFor(definition) ?? '',
      });
      expect(declared.status, definition.name).toBe(413);
      expect(declared.body.type).toBe('urn:ihce:problema:cuerpo-demasiado-grande');
      expect(counter.since(before, [])).toEqual({});
    }
    countSafety(context, { hostileInputs: unsafe.length, invariantsHeld: unsafe.length * 2 });
  });

  it('a body that lies about its size (chunked, no Content-Length) is still refused once read', async (context) => {
    const big = JSON.stringify({ ...validRequest('renewal'), reason: 'y'.repeat(MAX_BODY_BYTES) });
    const definition = httpRoutes.find((d) => d.name === 'my-requests-create')!;
    const before = counter.snapshot();
    const result = await call(definition, { rawBody: big, headers: { 'content-type': 'application/json' }, cookie: cookies.delegate });
    expect(result.status).toBe(413);
    expect(counter.since(before, ALLOWED_ON_REFUSAL)).toEqual({});
    countSafety(context, { hostileInputs: 1, invariantsHeld: 2 });
  });
});
