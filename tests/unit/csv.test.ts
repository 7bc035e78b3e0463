import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/directory/csv';
import { decodeCsv, decodeWindows1252 } from '../../src/directory/csv-decoding';
import { normalizeHeader, providerColumns, type ColumnSpec } from '../../src/directory/directory-columns';

const abc: ColumnSpec[] = ['a', 'b', 'c'].map((name) => ({ name, aliases: [] }));
const ab = abc.slice(0, 2);

describe('CSV reader', () => {
  it.each([',', ';'])('reads back whatever a writer quotes with «%s»: delimiters, quotes, line breaks, accents', (delimiter) => {
    const quote = (value: string) => (/[",;\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);
    const cell = fc.string({ unit: fc.constantFrom(...'abcñáé ,;"\n\r0123'.split('')), maxLength: 12 }).map((s) => s.trim());
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), (rows) => {
        const nonEmpty = rows.filter((row) => row.some((value) => value !== ''));
        const text = [['a', 'b', 'c'].join(delimiter), ...nonEmpty.map((row) => row.map(quote).join(delimiter))].join('\r\n');
        const table = readCsv(text, abc);
        if (!table.ok || table.errors.length > 0) return false;
        // Line endings are read as \n (CRLF inside a quoted field too): names never keep a bare \r.
        const same = (read: string | undefined, written: string) => read === written.replace(/\r\n?/g, '\n');
        return (
          table.records.length === nonEmpty.length &&
          table.records.every(
            (record, i) =>
              same(record.values.a, nonEmpty[i]![0]) && same(record.values.b, nonEmpty[i]![1]) && same(record.values.c, nonEmpty[i]![2]),
          )
        );
      }),
    );
  });

  it('reports the physical line each record starts on, header = 1, after quoted line breaks and blank lines', () => {
    const table = readCsv('\uFEFFa;b\r\n"uno\r\ndos";x\r\n\r\ntres;"y;z"\r\n', ab);
    expect(table).toMatchObject({
      ok: true,
      delimiter: ';',
      errors: [],
      records: [
        { line: 2, values: { a: 'uno\ndos', b: 'x' } },
        { line: 5, values: { a: 'tres', b: 'y;z' } },
      ],
    });
  });

  it('names missing columns with their aliases, and reports rows with the wrong number of fields beside the good ones', () => {
    expect(readCsv('a\n1', ab)).toEqual({
      ok: false,
      errors: [{ line: 1, message: expect.stringContaining('faltan columnas en el encabezado: b') }],
    });
    const table = readCsv('a,b\n1,2\n3\n4,5,6\n,\n7,8', ab);
    expect(table).toMatchObject({ ok: true, records: [{ line: 2 }, { line: 6 }] });
    expect(table.errors).toEqual([
      { line: 3, message: expect.stringContaining('la fila tiene 1 columna y el encabezado 2') },
      { line: 4, message: expect.stringContaining('la fila tiene 3 columnas y el encabezado 2') },
    ]);
  });

  it('an unclosed quote is reported on the line it opens (blank lines skipped), with the records before it kept', () => {
    const table = readCsv('a,b\n1,2\n\n"sin cerrar,3\n4,5\n', ab);
    expect(table).toMatchObject({ ok: true, records: [{ line: 2 }] });
    expect(table.errors).toEqual([{ line: 4, message: expect.stringContaining('abre comillas') }]);
  });

  it('detects the delimiter from the header, and matches REPS names and headers with accents, case and spaces', () => {
    const reps =
      'depa_nombre;muni_nombre;codigo_habilitacion;NITS_NIT;Razón Social;E-mail;email\nAntioquia;Medellín;0500100002;900000002;Clínica;x;ips@x.example';
    const table = readCsv(reps, providerColumns);
    expect(table).toMatchObject({
      ok: true,
      delimiter: ';',
      records: [
        {
          values: {
            nit: '900000002',
            razon_social: 'Clínica',
            codigo_habilitacion: '0500100002',
            departamento: 'Antioquia',
            municipio: 'Medellín',
            correo: 'ips@x.example',
          },
        },
      ],
    });
    expect(table.ok && table.labels).toMatchObject({ nit: 'NITS_NIT', razon_social: 'Razón Social' });
    expect(normalizeHeader(' Número de Identificación ')).toBe('numero_identificacion');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => typeof readCsv(text, ab).ok === 'boolean'));
  });
});

describe('CSV decoding', () => {
  it('UTF-8 with or without BOM is read as UTF-8; bytes that are not UTF-8 are Windows-1252', () => {
    const text = 'nombres\nÑoño José\n';
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from(text))).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeCsv(iconv.encode(text, 'win1252'))).toEqual({ ok: true, text, encoding: 'windows-1252' });
  });

  it('a file with a UTF-8 BOM and a Windows-1252 byte is refused at that line; UTF-16 is refused with the way out', () => {
    const mixed = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\nb\n'), iconv.encode('Ñ\n', 'win1252')]);
    expect(decodeCsv(mixed)).toEqual({ ok: false, line: 3, message: expect.stringContaining('UTF-8') });
    expect(decodeCsv(iconv.encode('\uFEFFa\n', 'utf16le'))).toEqual({ ok: false, line: 1, message: expect.stringContaining('UTF-16') });
  });

  it('Windows-1252 is decoded as iconv-lite does, byte for byte (all 256, and files of random bytes)', () => {
    const every = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    expect(decodeWindows1252(every)).toBe(iconv.decode(Buffer.from(every), 'win1252'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (bytes) => decodeWindows1252(bytes) === iconv.decode(Buffer.from(bytes), 'win1252')),
    );
    const excel = iconv.encode('razón;€ 1.000;“cita”;Žilina\r\n', 'win1252');
    expect(decodeCsv(excel)).toEqual({ ok: true, text: 'razón;€ 1.000;“cita”;Žilina\r\n', encoding: 'windows-1252' });
  });
});
