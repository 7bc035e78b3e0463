import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/directory/csv';

const quote = (value: string) => (/[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);

describe('CSV reader', () => {
  it('reads back whatever a writer quotes: commas, quotes, line breaks, accents', () => {
    const cell = fc.string({ unit: fc.constantFrom(...'abcñáé ,"\n\r0123'.split('')), maxLength: 12 }).map((s) => s.trim());
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), (rows) => {
        const nonEmpty = rows.filter((row) => row.some((value) => value !== ''));
        const text = ['a,b,c', ...nonEmpty.map((row) => row.map(quote).join(','))].join('\r\n');
        const parsed = parseCsv(text, ['a', 'b', 'c']);
        if (!parsed.ok) return false;
        return (
          parsed.records.length === nonEmpty.length &&
          parsed.records.every(
            (record, i) =>
              record.values.a === nonEmpty[i]![0] && record.values.b === nonEmpty[i]![1] && record.values.c === nonEmpty[i]![2],
          )
        );
      }),
    );
  });

  it('reports the line each record starts on, even after a quoted line break', () => {
    const parsed = parseCsv('\uFEFFa,b\n"uno\ndos",x\ntres,y\n', ['a', 'b']);
    expect(parsed).toMatchObject({
      ok: true,
      records: [
        { line: 2, values: { a: 'uno\ndos', b: 'x' } },
        { line: 4, values: { a: 'tres', b: 'y' } },
      ],
    });
  });

  it('names missing columns and rows with the wrong number of fields', () => {
    expect(parseCsv('a\n1', ['a', 'b'])).toEqual({
      ok: false,
      errors: [{ line: 1, message: expect.stringContaining('Faltan columnas en el encabezado: b') }],
    });
    const parsed = parseCsv('a,b\n1,2\n3\n4,5,6', ['a', 'b']);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { line: 3, message: 'Tiene 1 columnas y el encabezado 2.' },
        { line: 4, message: 'Tiene 3 columnas y el encabezado 2.' },
      ],
    });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => typeof parseCsv(text, ['a']).ok === 'boolean'));
  });
});
