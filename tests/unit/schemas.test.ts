import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registrationSchema, signInSchema } from '../../shared/accounts/accounts.schemas';
import { maskEmail } from '../../shared/accounts/account-holder';
import '../../shared/kernel/zod-es';

describe('registration schema', () => {
  it('accepts every well-formed delegate registration', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 10 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 3, maxLength: 15 }),
        (nit, idNumber) =>
          registrationSchema.safeParse({ userType: 'delegate', entityType: 'PSS', nit, idType: 'CC', idNumber, captcha: 'x', acceptsConfidentiality: true }).success,
      ),
    );
  });

  it('never throws and never accepts junk: any object without the consent is refused', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = registrationSchema.safeParse(value);
        return !result.success || (value as { acceptsConfidentiality?: unknown }).acceptsConfidentiality === true;
      }),
    );
  });

  it('refuses prototype-pollution keys and unknown fields', () => {
    const body = JSON.parse('{"userType":"officer","idType":"CC","idNumber":"123456","captcha":"x","acceptsConfidentiality":true,"__proto__":{"admin":true}}');
    expect(registrationSchema.safeParse(body).success).toBe(false);
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });

  it('every error message is Spanish and names what to fix', () => {
    const result = signInSchema.safeParse({ username: 5, password: null });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(['Ingrese su usuario.', 'Ingrese la contraseña.', 'Complete la verificación «No soy un robot».']));
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
