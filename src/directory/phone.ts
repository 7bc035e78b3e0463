/**
 * A Colombian phone number as the directory keeps it: «+57 310 555 1234» (mobile, 10 digits starting with 3) or
 * «+57 601 555 1234» (landline, 10 digits starting with 60 since the 2021 numbering plan). REPS and Excel leave
 * them with spaces, dashes, brackets, dots, a «+57» or «57» in front, or as a number that lost nothing (Excel does
 * not drop a leading 3 or 6). An empty value is no phone; anything else is refused with the reason.
 */
export type PhoneResult = { ok: true; phone: string | undefined } | { ok: false; message: string };

export function normalizePhone(raw: string | undefined): PhoneResult {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, phone: undefined };
  if (/[^\d\s+().\-/]/.test(value))
    return { ok: false, message: `«${value}» no es un teléfono: use solo dígitos (por ejemplo 310 555 1234 o 601 555 1234)` };
  let digits = value.replace(/\D/g, '');
  if (digits.length === 12 && digits.startsWith('57')) digits = digits.slice(2);
  if (digits.length !== 10 || !/^(3|60)/.test(digits)) {
    return {
      ok: false,
      message: `«${value}» no es un teléfono colombiano de 10 dígitos (celular que empieza por 3, o fijo que empieza por 60 con el indicativo de la ciudad)`,
    };
  }
  return { ok: true, phone: `+57 ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` };
}
