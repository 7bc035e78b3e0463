export type DecodedCsv = { ok: true; text: string; encoding: 'utf-8' | 'windows-1252' } | { ok: false; line: number; message: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
const hasUtf16Bom = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

/**
 * The bytes of a directory file as Excel and REPS leave them: UTF-8 with or without BOM, or Windows-1252 (what
 * «CSV (delimitado por comas)» writes in Excel for Spanish Windows). The rule: bytes that are valid UTF-8 are read
 * as UTF-8 (a Windows-1252 text with «ñ» or «é» is never valid UTF-8, the reverse mistake needs a literal «Ã©»);
 * anything else is read as Windows-1252, unless the file starts with a UTF-8 BOM, which promises UTF-8, and then
 * the first bad byte is reported with its line. UTF-16 («Texto Unicode» in Excel) is refused with the way out.
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (hasUtf16Bom(bytes)) {
    return {
      ok: false,
      line: 1,
      message:
        'el archivo está en UTF-16 («Texto Unicode» de Excel); guárdelo como «CSV UTF-8 (delimitado por comas)» o «CSV (delimitado por comas)»',
    };
  }
  try {
    return { ok: true, text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    if (hasUtf8Bom(bytes)) {
      return {
        ok: false,
        line: lineOfFirstInvalidUtf8(bytes),
        message:
          'el archivo empieza como UTF-8 (con BOM) pero tiene caracteres que no son UTF-8 válidos; vuelva a guardarlo como «CSV UTF-8»',
      };
    }
    return {
      ok: true,
      text: decodeWindows1252(bytes),
      encoding: 'windows-1252',
    };
  }
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, smart quotes, Š, Ž, …); its five unassigned bytes become
 * U+FFFD. The same text as iconv-lite's 'win1252' (tests/unit/csv.test.ts compares all 256 bytes), without
 * its 480 KB of code pages in the start path (NOTES-coldstart.md).
 */
const WINDOWS_1252_80_9F =
  '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd' +
  '\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    units[i] = byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_80_9F.charCodeAt(byte - 0x80) : byte;
  }
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
}

function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    try {
      strictUtf8.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}
