import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/directory/phone';
import { delegateColumns, normalizeHeader } from '../../src/directory/directory-columns';

describe("the delegate's phone from the directory file", () => {
  it.each([
    ['3105551234', '+57 310 555 1234'],
    ['310 555 1234', '+57 310 555 1234'],
    ['(310) 555-1234', '+57 310 555 1234'],
    ['+57 310 555 1234', '+57 310 555 1234'],
    ['57 3105551234', '+57 310 555 1234'],
    ['601 555 1234', '+57 601 555 1234'],
    ['(604) 444.5566', '+57 604 444 5566'],
  ])('«%s» is kept as «%s»', (raw, phone) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone });
  });

  it('an empty cell is no phone', () => {
    expect(normalizePhone('  ')).toEqual({ ok: true, phone: undefined });
    expect(normalizePhone(undefined)).toEqual({ ok: true, phone: undefined });
  });

  it.each(['5551234', '210 555 1234', '31055512345', '310 555 1234 ext 2', 'no tiene'])(
    '«%s» is refused with the reason, in Spanish',
    (raw) => {
      const result = normalizePhone(raw);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toMatch(/teléfono/);
    },
  );

  it('the column is optional and answers to «teléfono», «celular», «móvil» and «Teléfono celular»', () => {
    const phone = delegateColumns.find((c) => c.name === 'telefono')!;
    expect(phone.optional).toBe(true);
    for (const header of ['Teléfono', 'TELEFONO', 'Celular', 'Móvil', 'Teléfono celular']) {
      const name = normalizeHeader(header);
      expect([phone.name, ...phone.aliases], header).toContain(name);
    }
  });
});
