import { describe, expect, it } from 'vitest';
import { createPasswordHasher, OWASP_MIN_COST, parallelismFor } from '../../src/accounts/password-hasher';
import { historyAfterChange, newPasswordProblem, PASSWORD_HISTORY } from '../../src/accounts/password-policy';
import { delayAfter, MAX_DELAY_MS } from '../../src/accounts/session.service';
import { loadConfig } from '../../src/config';
import { localEnv } from '../../scripts/local-env';

const person = { username: 'CC1020304050-900123456', idNumber: '1020304050' };
const hasher = createPasswordHasher(1024);

describe('growing wait after failed sign-ins', () => {
  it('two failures are free, then 30 s doubling each time, never more than 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((n) => delayAfter(n) / 1000)).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(MAX_DELAY_MS).toBe(15 * 60 * 1000);
  });

  it('at the cap, at most 4 guesses an hour get through (the ASVS and NIST ceiling is 100)', () => {
    expect(3600 / (delayAfter(100) / 1000)).toBeLessThanOrEqual(4);
  });
});

describe('new passwords against the breached-password list and the history', () => {
  it('refuses «passwordpassword», repeated pieces and list passwords with digits around them; accepts passphrases', async () => {
    for (const password of ['passwordpassword', 'holaholahola', 'Leavemealone', 'FinalFantasy2026!', '2026needforspeed'])
      expect(await newPasswordProblem(password, person, hasher), password).toMatch(/demasiado común/);
    for (const password of ['río magdalena al atardecer', 'Tres tristes tigres 4ever!', 'cafetales-de-quindio-87'])
      expect(await newPasswordProblem(password, person, hasher), password).toBeUndefined();
  });

  it('refuses the current password and the last few, and forgets the older ones', async () => {
    const hashes = await Promise.all(
      ['uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete'].map((w) => hasher.hash(`clave ${w} de prueba`)),
    );
    let history: string | undefined;
    for (const hash of hashes.slice(0, -1)) history = historyAfterChange(hash, history);
    const account = { ...person, passwordHash: hashes.at(-1), previousPasswordHashes: history };
    expect(history!.split(' ')).toHaveLength(PASSWORD_HISTORY);
    for (const word of ['siete', 'seis', 'dos'])
      expect(await newPasswordProblem(`clave ${word} de prueba`, account, hasher), word).toMatch(/no puede ser la actual/);
    expect(await newPasswordProblem('clave uno de prueba', account, hasher)).toBeUndefined();
  });
});

describe('scrypt parameters', () => {
  it('the default cost is OWASP’s minimum, and a hash made with another cost asks to be made again', async () => {
    const cost = loadConfig(localEnv()).PASSWORD_HASH_COST;
    expect(cost).toBeGreaterThanOrEqual(OWASP_MIN_COST);
    // OWASP's equivalent settings: N × p never below the table's (2^17, 1), (2^16, 2), (2^15, 3), (2^14, 5), (2^13, 10).
    expect([2 ** 13, 2 ** 14, 2 ** 15, 2 ** 16, 2 ** 17].map((n) => parallelismFor(n))).toEqual([10, 5, 3, 2, 1]);
    const stored = await createPasswordHasher(cost).hash('río magdalena al atardecer');
    expect(stored.split('$').slice(1, 4)).toEqual([String(cost), '8', String(parallelismFor(cost))]);
    const old = await createPasswordHasher(2048).hash('río magdalena al atardecer');
    expect(await hasher.verify('río magdalena al atardecer', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('río magdalena al atardecer'))).toBe(false);
  });

  it('a cost that is not a power of two stops start-up, naming PASSWORD_HASH_COST', () => {
    expect(() => loadConfig({ ...localEnv(), PASSWORD_HASH_COST: '100000' })).toThrow(/PASSWORD_HASH_COST: debe ser una potencia de 2/);
    expect(loadConfig({ ...localEnv(), PASSWORD_HASH_COST: '65536' }).PASSWORD_HASH_COST).toBe(65536);
    expect(() => createPasswordHasher(3000)).toThrow(/PASSWORD_HASH_COST/);
  });
});
