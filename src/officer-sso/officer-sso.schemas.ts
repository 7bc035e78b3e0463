import * as z from 'zod';

/**
 * Why an Entra ID sign-in was refused. The code travels to the sign-in page (`/ingresar?sso=<code>`), which
 * shows the message; the audit keeps the same code as `motivo`.
 */
export const ssoRefusals = {
  deshabilitado: 'El ingreso con cuenta institucional no está habilitado.',
  'flujo-invalido': 'El ingreso con cuenta institucional no se pudo verificar o tardó demasiado. Intente de nuevo.',
  cancelado: 'El ingreso con cuenta institucional se canceló.',
  'no-disponible': 'El servicio de ingreso institucional no responde en este momento. Intente de nuevo en unos minutos.',
  'otro-tenant': 'La cuenta no pertenece al directorio del Ministerio de Salud y Protección Social.',
  'sin-rol': 'Su cuenta institucional no tiene asignado el rol de funcionario de esta aplicación (IHCE.Funcionario).',
  'sin-segundo-factor':
    'Su ingreso institucional no usó un segundo factor de autenticación. Ingrese de nuevo verificando con el segundo factor.',
  'fuera-del-directorio': 'Su cuenta institucional no corresponde a un funcionario del directorio del Ministerio.',
  'otra-cuenta-vinculada': 'Este funcionario ya está vinculado a otra cuenta institucional. Comuníquese con la mesa de ayuda.',
} as const;
export type SsoRefusalCode = keyof typeof ssoRefusals;
export const ssoRefusalCodeSchema = z.enum(Object.keys(ssoRefusals) as [SsoRefusalCode, ...SsoRefusalCode[]]);

/** Which sign-in paths officials have (OFFICER_SIGN_IN), as the sign-in page learns it. */
export const officerSignInSchema = z.object({ password: z.boolean(), entra: z.boolean() });
export type OfficerSignIn = z.infer<typeof officerSignInSchema>;
