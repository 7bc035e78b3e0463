import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvFile, neutraliseCell } from '../../src/dashboard/csv-export';

describe('CSV exports of the Tablero', () => {
  it('a cell that a spreadsheet would run as a formula gets a leading apostrophe; other text is left alone', () => {
    for (const hostile of ['=HYPERLINK("http://x","y")', '+57 300', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1'])
      expect(neutraliseCell(hostile)).toBe(`'${hostile}`);
    for (const plain of ['Clínica Ñuñoa S.A.S.', '900123456', 'IHCE-2026-000123', "O'Higgins", ''])
      expect(neutraliseCell(plain)).toBe(plain);
  });

  it('the file starts with the UTF-8 BOM, uses «;», CRLF and Spanish headers, and neutralises every cell', () => {
    const content = csvFile(
      ['Razón social', 'Días'],
      [
        ["=cmd|' /C calc'!A0", 3],
        ['Clínica; "La Ñ"', 0],
      ],
    );
    expect(content.startsWith('\uFEFFRazón social;Días\r\n')).toBe(true);
    const rows = parse(content.slice(1), { delimiter: ';' }) as string[][];
    expect(rows).toEqual([
      ['Razón social', 'Días'],
      ["'=cmd|' /C calc'!A0", '3'],
      ['Clínica; "La Ñ"', '0'],
    ]);
  });
});
