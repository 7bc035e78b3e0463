import * as z from 'zod';

/**
 * The documents an adult delegate or official can hold (DESIGN.md "Identities"): the MSPS list without the minors'
 * documents (tarjeta de identidad, registro civil) and with the Permiso por Protección Temporal once (the MSPS
 * included the PPT in its information systems by Resolución 572 de 2022; `PT` is its code here).
 */
export const documentTypes = [
  { code: 'CC', label: 'Cédula de ciudadanía' },
  { code: 'CE', label: 'Cédula de extranjería' },
  { code: 'PA', label: 'Pasaporte' },
  { code: 'CD', label: 'Carné diplomático' },
  { code: 'PE', label: 'Permiso especial de permanencia' },
  { code: 'PT', label: 'Permiso por protección temporal (PPT)' },
  { code: 'SC', label: 'Salvoconducto de permanencia' },
  { code: 'DE', label: 'Documento extranjero' },
] as const;

export type DocumentType = (typeof documentTypes)[number]['code'];
const documentTypeCodes = documentTypes.map((t) => t.code) as [DocumentType, ...DocumentType[]];
const alphanumericTypes: ReadonlySet<DocumentType> = new Set(['PA', 'CE', 'DE']);

export const SEPARATORS_RULE = 'sin espacios, sin comas, sin guiones, sin puntos y sin dígito de verificación';

const minorsDocuments: ReadonlySet<unknown> = new Set(['TI', 'RC']);

/** `PPT` (the permit's own initials, in files made before the list was merged) is read as `PT`. */
export const documentTypeSchema = z
  .string({ error: 'Seleccione un tipo de identificación de la lista.' })
  .transform((value) => (value === 'PPT' ? 'PT' : value))
  .pipe(
    z.enum(documentTypeCodes, {
      error: (issue) =>
        minorsDocuments.has(issue.input)
          ? 'La tarjeta de identidad y el registro civil son documentos de menores de edad: use un documento de adulto de la lista.'
          : 'Seleccione un tipo de identificación de la lista.',
    }),
  );

export const nitSchema = z
  .string({ error: 'Ingrese el NIT de la entidad.' })
  .min(1, 'Ingrese el NIT de la entidad.')
  .regex(/^\d+$/, `El NIT debe ir solo con números, ${SEPARATORS_RULE}.`)
  .regex(/^\d{6,10}$/, `El NIT debe tener entre 6 y 10 dígitos, ${SEPARATORS_RULE}.`);

/** Whether an identification number fits its document type: digits only, except PA/CE/DE which may carry letters. */
export function isValidIdNumber(type: DocumentType, value: string): boolean {
  return alphanumericTypes.has(type) ? /^[A-Za-z0-9]{3,16}$/.test(value) : /^\d{3,15}$/.test(value);
}

export function idNumberMessage(type: DocumentType | undefined): string {
  return type && alphanumericTypes.has(type)
    ? `El número de identificación debe tener entre 3 y 16 letras o números, ${SEPARATORS_RULE}.`
    : `El número de identificación debe ir solo con números (3 a 15 dígitos), ${SEPARATORS_RULE}.`;
}

export const idNumberSchema = z.string({ error: 'Ingrese el número de identificación.' }).min(1, 'Ingrese el número de identificación.');

/** DIAN check digit (modulo 11) of a NIT, shown beside it but never typed. */
export function nitCheckDigit(nit: string): number {
  const weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
  const digits = [...nit].reverse();
  let sum = 0;
  digits.forEach((digit, index) => {
    sum += Number(digit) * (weights[index] ?? 0);
  });
  const remainder = sum % 11;
  return remainder > 1 ? 11 - remainder : remainder;
}

const phonePattern = /^(?:\+57)?(?:3\d{9}|60\d{8})$/;

/** Mobile `3` + 9 digits or landline `60` + 8 digits, optional `+57`; spaces and dashes are tolerated on input. */
export function normalizePhone(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function isValidPhone(value: string): boolean {
  return phonePattern.test(normalizePhone(value));
}
