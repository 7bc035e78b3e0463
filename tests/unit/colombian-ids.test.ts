import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  documentTypes,
  documentTypeSchema,
  isValidIdNumber,
  isValidPhone,
  nitCheckDigit,
  nitSchema,
  normalizePhone,
} from '../../src/identity/colombian-ids';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('NIT', () => {
  it('accepts every run of 6 to 10 digits', () => {
    fc.assert(fc.property(digits(6, 10), (nit) => nitSchema.safeParse(nit).success));
  });

  it('refuses any NIT with a space, comma, dash or dot, naming the rule', () => {
    fc.assert(
      fc.property(digits(3, 6), fc.constantFrom(' ', ',', '-', '.'), digits(1, 4), (left, separator, right) => {
        const result = nitSchema.safeParse(`${left}${separator}${right}`);
        return !result.success && result.error.issues[0]!.message.includes('sin espacios, sin comas, sin guiones, sin puntos');
      }),
    );
  });

  it('refuses any string with a non-digit, and never throws', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const result = nitSchema.safeParse(value);
        return /^\d{6,10}$/.test(value) ? result.success : !result.success;
      }),
    );
  });

  it('computes the DIAN check digit of known NITs', () => {
    expect(nitCheckDigit('890903938')).toBe(8); // Bancolombia
    expect(nitCheckDigit('899999068')).toBe(1); // Ecopetrol
    expect(nitCheckDigit('800197268')).toBe(4); // DIAN
    expect(nitCheckDigit('900000001')).toBe(2);
  });

  it('catches any swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(digits(6, 10), fc.nat(8), (nit, position) => {
        const i = position % (nit.length - 1);
        if (nit[i] === nit[i + 1]) return true;
        const swapped = nit.slice(0, i) + nit[i + 1] + nit[i] + nit.slice(i + 2);
        // DIAN's mapping folds remainders 1 and 10 onto the same digit; every other swap is caught.
        return nitCheckDigit(swapped) !== nitCheckDigit(nit) || new Set([nitCheckDigit(nit), nitCheckDigit(swapped)]).has(1);
      }),
    );
  });
});

describe('identification numbers', () => {
  const numericTypes = documentTypes.map((t) => t.code).filter((c) => !['PA', 'CE', 'DE'].includes(c));

  it('numeric document types take 3–15 digits and refuse letters or separators', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...numericTypes),
        fc.string({ maxLength: 20 }),
        (type, value) => isValidIdNumber(type, value) === /^\d{3,15}$/.test(value),
      ),
    );
  });

  it('PA, CE and DE may carry letters, never separators', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('PA', 'CE', 'DE' as const),
        fc.string({ maxLength: 20 }),
        (type, value) => isValidIdNumber(type, value) === /^[A-Za-z0-9]{3,16}$/.test(value),
      ),
    );
    expect(isValidIdNumber('PA', 'AB123456')).toBe(true);
    expect(isValidIdNumber('CC', 'AB123456')).toBe(false);
  });
});

describe('phones', () => {
  it('accepts mobiles (3 + 9 digits) and landlines (60 + 8 digits), with or without +57', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), digits(9, 9), digits(8, 8), (prefix, mobile, nine, eight) => {
        const number = mobile ? `3${nine}` : `60${eight}`;
        return isValidPhone(`${prefix ? '+57' : ''}${number}`);
      }),
    );
  });

  it('tolerates spaces and dashes on input', () => {
    expect(normalizePhone('+57 310-555 1234')).toBe('+573105551234');
    expect(isValidPhone('+57 310-555 1234')).toBe(true);
    expect(isValidPhone('601 555 1234')).toBe(true);
  });

  it('refuses other shapes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }), (value) => {
        const compact = normalizePhone(value);
        return isValidPhone(value) === /^(?:\+57)?(?:3\d{9}|60\d{8})$/.test(compact);
      }),
    );
    for (const bad of ['3105551234 5', '2105551234', '7015551234', '+1 3105551234', '310555123'])
      expect(isValidPhone(bad), bad).toBe(false);
  });
});

describe('document types', () => {
  it("offers each document an adult can hold once: no minors' documents, the PPT under one code", () => {
    const codes: string[] = documentTypes.map((t) => t.code);
    expect(codes).not.toContain('TI');
    expect(codes).not.toContain('RC');
    expect(codes.filter((c) => c === 'PT' || c === 'PPT')).toEqual(['PT']);
    expect(new Set(documentTypes.map((t) => t.label)).size).toBe(documentTypes.length);
  });

  it("reads PPT (files made before the merge) as PT, and refuses the minors' documents saying why", () => {
    expect(documentTypeSchema.parse('PPT')).toBe('PT');
    for (const minor of ['TI', 'RC']) {
      const result = documentTypeSchema.safeParse(minor);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.message).toMatch(/documentos de menores de edad/);
    }
    expect(documentTypeSchema.safeParse('XX').error!.issues[0]!.message).toBe('Seleccione un tipo de identificación de la lista.');
  });
});
