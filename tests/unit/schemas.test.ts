import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registrationSchema, signInSchema } from '../../src/accounts/accounts.schemas';
import { maskEmail } from '../../src/accounts/account-holder';
import { keyFileRowSchema } from '../../src/key-files/key-file';
import '../../src/kernel/zod-es';

describe('registration schema', () => {
  it('accepts every well-formed delegate registration', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 10 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 3, maxLength: 15 }),
        (nit, idNumber) =>
          registrationSchema.safeParse({
            userType: 'delegate',
            entityType: 'PSS',
            nit,
            idType: 'CC',
            idNumber,
            captcha: 'x',
            acceptsConfidentiality: true,
          }).success,
      ),
    );
  });

  it('accepts a body only if every field is valid: any one field spoiled makes it fail, naming that field', () => {
    const valid = {
      userType: 'delegate',
      entityType: 'PSS',
      nit: '900123456',
      idType: 'CC',
      idNumber: '1020304050',
      captcha: 'x',
      acceptsConfidentiality: true,
    };
    const spoilers: Record<string, fc.Arbitrary<unknown>> = {
      nit: fc.oneof(fc.constant('900.123.456'), fc.string({ maxLength: 5 }), fc.integer()),
      idType: fc.string({ maxLength: 4 }).filter((s) => !['CC', 'CE', 'PA', 'CD', 'PE', 'PT', 'PPT', 'SC', 'DE'].includes(s)),
      idNumber: fc.oneof(fc.constant(''), fc.constant('12.345'), fc.constant('ABC123')),
      acceptsConfidentiality: fc.oneof(fc.constant(false), fc.constant('true'), fc.constant(1)),
      captcha: fc.oneof(fc.constant(''), fc.integer()),
      entityType: fc.string({ maxLength: 4 }).filter((s) => s !== 'PSS'),
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(spoilers)), fc.anything(), (field, seed) => {
        const bad = fc.sample(spoilers[field]!, { numRuns: 1, seed: typeof seed === 'number' ? seed : 1 })[0];
        const result = registrationSchema.safeParse({ ...valid, [field]: bad });
        return !result.success && result.error.issues.some((issue) => issue.path[0] === field);
      }),
    );
    expect(registrationSchema.safeParse(valid).success).toBe(true);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (value) => typeof registrationSchema.safeParse(value).success === 'boolean'));
  });

  it('refuses prototype-pollution keys and unknown fields', () => {
    const body = JSON.parse(
      '{"userType":"officer","idType":"CC","idNumber":"123456","captcha":"x","acceptsConfidentiality":true,"__proto__":{"admin":true}}',
    );
    expect(registrationSchema.safeParse(body).success).toBe(false);
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it('every error message is Spanish and names what to fix', () => {
    const result = signInSchema.safeParse({ username: 5, password: null });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(['Ingrese su usuario.', 'Ingrese la contraseña.', 'Complete la verificación «No soy un robot».']),
    );
  });
});

describe('masked e-mail', () => {
  it('never shows the whole local part or host of an address', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9.]{4,20}$/), fc.stringMatching(/^[a-z0-9]{3,15}$/), (local, host) => {
        const masked = maskEmail(`${local}@${host}.gov.co`);
        return !masked.includes(`${local}@`) && !masked.includes(`@${host}.`) && masked.endsWith('.gov.co');
      }),
    );
  });
});

describe('key file rows and the IHCE API permission', () => {
  const environment = {
    clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
    expiresOn: '2027-01-31',
    tenantId: '11111111-2222-4333-8444-555555555555',
    scope: 'api://ihce/.default',
    endpoint: 'https://apim-ihce.example/fhir',
    clientSecretRef: { name: 'ihce-900123456-preproduction-client-secret', version: 'v1' },
    assignedAt: '2026-01-01T00:00:00.000Z',
    assignedBy: 'CC123',
    source: 'entra',
  };
  const row = (preproduction: Record<string, unknown>) => ({ everRequested: true, environments: JSON.stringify({ preproduction }) });

  it('a row written before the field reads as nothing to wait for (no apiAccess), so old files show no notice', () => {
    expect(keyFileRowSchema.parse(row(environment)).environments.preproduction!.apiAccess).toBeUndefined();
  });

  it('pending and granted read back; anything else is refused', () => {
    expect(keyFileRowSchema.parse(row({ ...environment, apiAccess: 'pending' })).environments.preproduction!.apiAccess).toBe('pending');
    expect(keyFileRowSchema.parse(row({ ...environment, apiAccess: 'granted' })).environments.preproduction!.apiAccess).toBe('granted');
    expect(() => keyFileRowSchema.parse(row({ ...environment, apiAccess: 'concedido' }))).toThrow();
  });
});
