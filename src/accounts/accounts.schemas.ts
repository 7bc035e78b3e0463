import * as z from 'zod';
import { documentTypeSchema, idNumberMessage, idNumberSchema, isValidIdNumber, nitSchema } from '../identity/colombian-ids';

export const CONFIDENTIALITY_AGREEMENT_VERSION = '2026-11-01';

export const confidentialityAgreement = {
  version: CONFIDENTIALITY_AGREEMENT_VERSION,
  title: 'Acuerdo de confidencialidad',
  paragraphs: [
    'Como usuario de IHCE – Administración de Llaves de acceso del Ministerio de Salud y Protección Social me comprometo a proteger y mantener la confidencialidad de la información a la que tenga acceso en el sistema, en particular las llaves de acceso (ClientID y ClientSecret) de los ambientes de preproducción y producción.',
    'Usaré la información solo para la interoperabilidad de la Historia Clínica Electrónica (Ley 2015 de 2020) y no la divulgaré a terceros distintos del proveedor tecnológico del Sistema de Información Hospitalario de la entidad que represento.',
    'Trataré los datos personales conforme a la Ley 1581 de 2012 y avisaré de inmediato al Ministerio si sospecho que una llave fue expuesta, para que sea revocada.',
  ],
} as const;

export const roles = {
  delegate: { code: 'SECURITYADMIN- IHCE IPS', label: 'Delegado Administrativo' },
  officer: { code: 'ROL IHCE MSPS', label: 'Funcionario MSPS' },
} as const;
export type Role = keyof typeof roles;

export const entityTypes = [{ code: 'PSS', label: 'Entidades Prestadoras de Servicios de Salud – PSS' }] as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const captchaSchema = z
  .string({ error: 'Complete la verificación «No soy un robot».' })
  .min(1, 'Complete la verificación «No soy un robot».')
  .max(4096, 'La verificación «No soy un robot» no es válida. Inténtelo de nuevo.');

const acceptsConfidentialitySchema = z.literal(true, {
  error: 'Debe aceptar el acuerdo de confidencialidad para registrarse.',
});

const personFields = {
  idType: documentTypeSchema,
  idNumber: idNumberSchema,
  captcha: captchaSchema,
  acceptsConfidentiality: acceptsConfidentialitySchema,
};

const checkIdNumber = (value: { idType: z.infer<typeof documentTypeSchema>; idNumber: string }, ctx: z.RefinementCtx) => {
  if (value.idNumber && !isValidIdNumber(value.idType, value.idNumber)) {
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: idNumberMessage(value.idType) });
  }
};

export const delegateRegistrationSchema = z
  .strictObject({
    userType: z.literal('delegate'),
    entityType: z.literal('PSS', { error: 'Seleccione el tipo de entidad: Entidades Prestadoras de Servicios de Salud – PSS.' }),
    nit: nitSchema,
    ...personFields,
  })
  .superRefine(checkIdNumber);

export const officerRegistrationSchema = z.strictObject({ userType: z.literal('officer'), ...personFields }).superRefine(checkIdNumber);

export const registrationSchema = z.discriminatedUnion('userType', [delegateRegistrationSchema, officerRegistrationSchema], {
  error: 'Seleccione el tipo de usuario: Delegado Administrativo u Otro Usuario.',
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const passwordSchema = z
  .string({ error: 'Ingrese la contraseña.' })
  .min(PASSWORD_MIN_LENGTH, `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`)
  .max(PASSWORD_MAX_LENGTH, `La contraseña no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres.`);

const tokenSchema = z
  .string({ error: 'El enlace no es válido: ábralo de nuevo desde su correo.' })
  .regex(/^[A-Za-z0-9_-]{2,200}\.[A-Za-z0-9_-]{43}$/, 'El enlace no es válido: ábralo de nuevo desde su correo.');

export const activationSchema = z.strictObject({ token: tokenSchema, password: passwordSchema });
export const passwordResetConfirmSchema = activationSchema;

const usernameSchema = z
  .string({ error: 'Ingrese su usuario.' })
  .trim()
  .min(1, 'Ingrese su usuario.')
  .max(64, 'El usuario no puede tener más de 64 caracteres.');

export const signInSchema = z.strictObject({
  username: usernameSchema,
  password: z
    .string({ error: 'Ingrese la contraseña.' })
    .min(1, 'Ingrese la contraseña.')
    .max(PASSWORD_MAX_LENGTH, 'La contraseña no es válida.'),
  captcha: captchaSchema,
});

export const passwordResetRequestSchema = z.strictObject({ username: usernameSchema, captcha: captchaSchema });

/** «¿Olvidó su usuario?»: the person's identification; the username goes to the address the directory holds. */
export const usernameReminderSchema = z
  .strictObject({ idType: documentTypeSchema, idNumber: idNumberSchema, captcha: captchaSchema })
  .superRefine(checkIdNumber);

export type SessionUser = {
  username: string;
  fullName: string;
  role: Role;
  roleCode: string;
  roleLabel: string;
  entity?: { nit: string; checkDigit: number; name: string };
};

/** What an anonymous caller learns on «Registrar»: no person's name (it appears once the person has signed in). */
export type RegistrationSummary = {
  username: string;
  role: Role;
  roleLabel: string;
  entity?: { nit: string; name: string };
  maskedEmail: string;
  status: 'pending' | 'active';
  activationLinkSent: boolean;
};
