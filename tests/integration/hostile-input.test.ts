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
import { call, testEnv, type CallResult, useTestServices } from '../support/test-app';
import { countSafety } from '../support/totals';
import { countingStorage } from '../support/write-counter';

/**
 * Every endpoint's body, query and path, fuzzed with fast-check: wrong types, huge strings, any Unicode,
 * control characters, prototype-pollution keys, formula and markup injection. Invariants: never a 5xx,
 * never a stack trace, a problem+json body on every refusal, and nothing written when a request is refused
 * (besides the rate-limit counters, the session's idle clock and the audit trail of the attempt).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const ALLOWED_ON_REFUSAL = ['tabla:ratelimits', 'tabla:sessions', 'tabla:audit'];

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
    idNumber: '1000000001',
    captcha: 'x',
    acceptsConfidentiality: true,
  },
  'activations-create': { token: 'a'.repeat(43), password: 'Cafetal de la montaña 2026' },
  'password-resets-create': { username: 'CC1000000001-900000001', captcha: 'x' },
  'password-resets-confirm': { token: 'a'.repeat(43), password: 'Cafetal de la montaña 2026' },
  'sessions-create': { username: 'CC1000000001-900000001', password: 'Cafetal de la montaña 2026', captcha: 'x' },
  'my-requests-create': validRequest('renewal'),
  'provider-credentials-put': { preproduction: keys, production: { ...keys, mode: 'manual' } },
  'provider-rejections-create': { reason: 'Datos incompletos del líder técnico.' },
  'second-factor-totp-verify': { code: '123456' },
  'second-factor-resets-create': { reason: 'Perdió el teléfono con la aplicación de autenticación.' },
  'second-factor-passkey-verify': {
    response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'AAAA' }, clientExtensionResults: {} },
  },
};

const httpRoutes = functionDefinitions.filter(
  (d): d is HttpFunctionDefinition<Services> => d.trigger === 'http' && d.name !== 'sessions-delete-current',
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
  const shaped = template
    ? fc.record(
        Object.fromEntries(
          Object.entries(template).map(([key, value]) => [
            key,
            fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: hostileValue }),
          ]),
        ),
      )
    : hostileValue;
  return fc.oneof(
    shaped.map((value) => ({ json: value })),
    hostileValue.map((value) => ({ json: value })),
    rawBodies.map((raw) => ({ raw })),
  );
}
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
});

describe('hostile input', () => {
  it.for(httpRoutes.map((definition) => [definition.name, definition] as const))(
    '%s: fuzzed body, query and path never give a 5xx or a stack, and a refusal writes nothing',
    async ([, definition], context) => {
      let inputs = 0;
      let invariants = 0;
      await fc.assert(
        fc.asyncProperty(
          definition.methods[0] === 'GET' ? fc.constant(undefined) : bodyFor(definition.name),
          queryArb,
          paramArb,
          fc.nat(250),
          async (body, query, params, octet) => {
            inputs++;
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
      countSafety(context, { hostileInputs: inputs, invariantsHeld: invariants + 1 });
    },
  );

  it('bodies over the size limit are refused (413) before anything is read or written, for every route that takes one', async (context) => {
    const unsafe = httpRoutes.filter((definition) => definition.methods[0] !== 'GET');
    const big = JSON.stringify({ reason: 'x'.repeat(MAX_BODY_BYTES + 10) });
    for (const definition of unsafe) {
      const before = counter.snapshot();
      const declared = await call(definition, {
        rawBody: big,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) },
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
