import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../src/accounts/password-hasher';
import { passwordProblem } from '../../src/accounts/password-policy';
import { commonPasswords } from '../../src/accounts/common-passwords';

const person = { username: 'CC1020304050-900123456', idNumber: '1020304050' };

describe('password policy', () => {
  it('refuses anything shorter than 12 characters', () => {
    fc.assert(fc.property(fc.string({ maxLength: 11 }), (password) => passwordProblem(password, person) !== undefined));
  });

  it('refuses any password that contains the identification number', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.string({ maxLength: 10 }),
        (before, after) => passwordProblem(`${before}${person.idNumber}${after}`, person) !== undefined,
      ),
    );
  });

  it('refuses common passwords, also with digits and symbols around them and in any case', () => {
    const longEnough = [...commonPasswords].filter((word) => word.length >= 4);
    fc.assert(
      fc.property(
        fc.constantFrom(...longEnough),
        fc.string({ unit: fc.constantFrom(...'0123456789!.#*'), minLength: 12, maxLength: 14 }),
        fc.boolean(),
        (word, tail, upper) => {
          const password = `${upper ? word.toUpperCase() : word}${tail}`;
          return passwordProblem(password, person) !== undefined;
        },
      ),
    );
    expect(passwordProblem('Contraseña2026!', person)).toMatch(/demasiado común/);
    expect(passwordProblem('123456000000000000', person)).toMatch(/debe incluir letras/);
  });

  it('accepts long passphrases', () => {
    for (const password of ['río magdalena al atardecer', 'Tres tristes tigres 4ever!', 'cafetales-de-quindio-87']) {
      expect(passwordProblem(password, person), password).toBeUndefined();
    }
  });

  it('never throws on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (password) => {
        const problem = passwordProblem(password, person);
        return problem === undefined || typeof problem === 'string';
      }),
    );
  });
});

describe('password hasher (scrypt)', () => {
  const hasher = createPasswordHasher(1024);

  it('verifies the right password and refuses others; the same password hashes differently each time', async () => {
    const hash = await hasher.hash('río magdalena al atardecer');
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(hash).not.toContain('magdalena');
    expect(await hasher.verify('río magdalena al atardecer', hash)).toBe(true);
    expect(await hasher.verify('rio magdalena al atardecer', hash)).toBe(false);
    expect(await hasher.hash('río magdalena al atardecer')).not.toBe(hash);
  });

  it('treats a missing or malformed hash as a wrong password', async () => {
    expect(await hasher.verify('x', undefined)).toBe(false);
    expect(await hasher.verify('x', 'md5$abc')).toBe(false);
  });
});
