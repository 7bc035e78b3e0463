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
 * Windows-1252 by the platform's own decoder (WHATWG Encoding, ICU in Node): no code-page tables of our own and
 * none of iconv-lite's 480 KB in the start path (docs/rendimiento.md «Arranque en frío»). The WHATWG decoder turns the five bytes
 * Windows-1252 leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) into C1 controls; they become U+FFFD, as iconv-lite
 * reads them (tests/unit/csv.test.ts compares all 256 bytes with iconv-lite).
 */
const windows1252 = new TextDecoder('windows-1252');
export const withoutC1 = (text: string): string => text.replace(/[\u0080-\u009f]/g, '\ufffd');
export const decodeWindows1252 = (bytes: Uint8Array): string => withoutC1(windows1252.decode(bytes));

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
