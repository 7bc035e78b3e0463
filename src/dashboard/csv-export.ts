import { stringify } from 'csv-stringify/sync';

/** Byte order mark: Excel reads the file as UTF-8 (tildes, eñes) only when it starts with it. */
export const UTF8_BOM = '\uFEFF';
/**
 * `;`: Excel opens a CSV with the list separator of Windows' regional settings, and for Spanish (Colombia)
 * that is `;` (the comma is the decimal separator). A `sep=;` first line would also work, but Excel then
 * ignores the BOM and garbles the tildes, so the file has none.
 */
export const CSV_DELIMITER = ';';

/**
 * A cell a spreadsheet would run as a formula (CSV injection: `=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or
 * carriage return before one) gets a leading apostrophe, so Excel and LibreOffice show it as text. The
 * full-width forms count too: some spreadsheets fold them to the ASCII sign.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

/** A whole CSV file: BOM, Spanish headers, `;`, CRLF line ends (what Excel writes), every text cell neutralised. */
export function csvFile(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const body = stringify([headers, ...rows] as (string | number)[][], {
    delimiter: CSV_DELIMITER,
    record_delimiter: 'windows',
    cast: { string: neutraliseCell, number: (value) => neutraliseCell(String(value)) },
  });
  return UTF8_BOM + body;
}
