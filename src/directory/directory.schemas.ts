import * as z from 'zod';
import { normalizePhone } from './phone';
import { documentTypeSchema, documentTypes, idNumberMessage, isValidIdNumber, nitSchema } from '../identity/colombian-ids';

/** A name on one line: a line break inside an Excel cell (Alt+Enter) becomes a space. */
const text = (label: string, max = 200) =>
  z
    .string()
    .transform((value) => value.replace(/\s*[\r\n]+\s*/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, `falta ${label}`)
        .max(max, `${label} supera ${max} caracteres`)
        .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), `${label} tiene caracteres de control`),
    );

const email = z.email({ error: 'el correo no es una dirección válida' }).max(254);

/**
 * 10 digits (12 with the site). Codes start with the department's DANE code, and Excel drops the leading zero of
 * Antioquia (05) and Atlántico (08), the only departments whose code starts with 0, when it opens a REPS file as
 * numbers: 9 or 11 digits starting with 5 or 8 get that zero back.
 */
export const habilitationCodeSchema = z
  .string()
  .transform((code) => (/^[58](\d{8}|\d{10})$/.test(code) ? `0${code}` : code))
  .pipe(z.string().regex(/^(\d{10}|\d{12})$/, 'el código de habilitación debe tener 10 dígitos (12 si incluye la sede)'));

export const providerRowSchema = z.object({
  nit: nitSchema,
  razon_social: text('la razón social', 250),
  codigo_habilitacion: habilitationCodeSchema,
  departamento: text('el departamento', 100),
  municipio: text('el municipio', 100),
  correo: email,
});

const personFields = {
  // The form's message («Seleccione… de la lista») means nothing in a file: name the value and the codes allowed.
  tipo_identificacion: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((value, ctx) => {
      if (documentTypeSchema.safeParse(value).success) return;
      ctx.addIssue({
        code: 'custom',
        message: `«${value}» no es un tipo de identificación; use uno de ${documentTypes.map((t) => t.code).join(', ')}`,
      });
    })
    .pipe(documentTypeSchema),
  numero_identificacion: z.string(),
  nombres: text('los nombres', 120),
  apellidos: text('los apellidos', 120),
  correo: email,
};

const checkIdNumber = (
  row: { tipo_identificacion: z.infer<typeof documentTypeSchema>; numero_identificacion: string },
  ctx: z.RefinementCtx,
) => {
  if (!isValidIdNumber(row.tipo_identificacion, row.numero_identificacion)) {
    ctx.addIssue({ code: 'custom', path: ['numero_identificacion'], message: idNumberMessage(row.tipo_identificacion) });
  }
};

/** The optional phone column, normalised (phone.ts); absent or empty: no phone. */
const phoneField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const result = normalizePhone(value);
    if (result.ok) return result.phone;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });

export const delegateRowSchema = z.object({ nit: nitSchema, ...personFields, telefono: phoneField }).superRefine(checkIdNumber);
export const officerRowSchema = z.object(personFields).superRefine(checkIdNumber);

export type ProviderSite = { habilitationCode: string; department: string; municipality: string; email: string };
export type Provider = { nit: string; name: string; sites: ProviderSite[] };
export type Person = {
  idType: z.infer<typeof documentTypeSchema>;
  idNumber: string;
  firstNames: string;
  lastNames: string;
  email: string;
};
/** `phone`: from the directory's optional column, normalised to «+57 310 555 1234». */
export type Delegate = Person & { nit: string; phone?: string };
export type Officer = Person;

export const providerSiteSchema = z.object({
  habilitationCode: z.string(),
  department: z.string(),
  municipality: z.string(),
  email: z.string(),
});
