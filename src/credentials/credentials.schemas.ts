import * as z from 'zod';

export const environmentLabels = { preproduction: 'Preproducción', production: 'Producción' } as const;
export type EnvironmentName = keyof typeof environmentLabels;
export const environmentNameSchema = z.enum(['preproduction', 'production'], { error: 'El ambiente debe ser preproduction o production.' });

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const MAX_EXPIRY_MONTHS = 24;

const guid = (label: string) =>
  z
    .string({ error: `Ingrese el ${label}.` })
    .trim()
    .regex(GUID, `El ${label} debe ser un GUID (ejemplo: 1b4e28ba-2fa1-41d2-883f-0016d3cca427).`)
    .transform((value) => value.toLowerCase());

const secretValue = (label: string) =>
  z
    .string()
    .min(8, `El ${label} debe tener al menos 8 caracteres.`)
    .max(512, `El ${label} no puede tener más de 512 caracteres.`)
    .refine((value) => !/[\s\u0000-\u001f\u007f]/.test(value), `El ${label} no puede tener espacios ni caracteres de control.`);

/**
 * What an official records for one environment. `manual` (seed 6.4.2.1): the keys created in the Entra
 * portal, typed in. `entra` (Generar en Entra ID): the system creates the app and a new secret itself, so
 * ClientID, ClientSecret and tenant are not sent.
 */
export const environmentCredentialsInputSchema = z
  .strictObject({
    mode: z.enum(['manual', 'entra'], { error: 'El modo debe ser manual o entra.' }).default('manual'),
    clientId: guid('ClientID').optional(),
    /** Omitted on update: the current secret is kept. */
    clientSecret: secretValue('ClientSecret').optional(),
    expiresOn: z.iso.date({ error: 'Ingrese la fecha de expiración (AAAA-MM-DD).' }),
    tenantId: guid('tenant').optional(),
    scope: z
      .string({ error: 'Ingrese el scope.' })
      .trim()
      .regex(/^api:\/\/[A-Za-z0-9._~:/-]+\/\.default$/, 'El scope debe tener la forma api://<aplicación>/.default.'),
    endpoint: z
      .string({ error: 'Ingrese el endpoint.' })
      .trim()
      .pipe(z.url({ protocol: /^https$/, error: 'El endpoint debe ser una URL https://.' })),
    subscriptionKey: secretValue('subscription key de API Management').optional(),
    /** With a new secret: the one it replaces stops working now (it leaked), instead of after the overlap. */
    revokePrevious: z.boolean({ error: 'revokePrevious debe ser verdadero o falso.' }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'manual') {
      if (!value.clientId) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'Ingrese el ClientID.' });
      if (!value.tenantId) ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'Ingrese el tenant.' });
      return;
    }
    for (const field of ['clientId', 'clientSecret', 'tenantId'] as const) {
      if (value[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'Con «Generar en Entra ID» el sistema obtiene el ClientID, el ClientSecret y el tenant: no los escriba.',
        });
      }
    }
  });
export type EnvironmentCredentialsInput = z.infer<typeof environmentCredentialsInputSchema>;

/**
 * «Motivo de la actualización»: 6.4.2.1 has «Actualizar Info» «por inconsistencia en la información», so a change
 * to keys that no request asked for says why; it goes to the trail and to the delegate's history.
 */
const updateReasonSchema = z
  .string({ error: 'El motivo de la actualización debe ser texto.' })
  .trim()
  .max(500, 'El motivo de la actualización no puede tener más de 500 caracteres.')
  .refine(
    (value) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f<>]/.test(value),
    'El motivo de la actualización no puede contener los caracteres < > ni de control.',
  );
export const UPDATE_REASON_MIN = 10;

export const assignCredentialsSchema = z.strictObject({
  preproduction: environmentCredentialsInputSchema,
  production: environmentCredentialsInputSchema,
  updateReason: updateReasonSchema.optional(),
});

/** The motive is required when the provider already has keys and no request is waiting: the official is correcting them. */
export function updateReasonProblem(change: { hasKeys: boolean; pendingRequest: boolean; updateReason: string | undefined }) {
  if (!change.hasKeys || change.pendingRequest) return undefined;
  if ((change.updateReason?.trim().length ?? 0) >= UPDATE_REASON_MIN) return undefined;
  return `Escriba el motivo de la actualización (al menos ${UPDATE_REASON_MIN} caracteres): queda en la trazabilidad y el delegado lo ve en su historial.`;
}
/** What callers pass (the parsed body, or a test's literal): `mode` may be left out for manual. */
export type AssignCredentialsInput = z.input<typeof assignCredentialsSchema>;

/** The state of a generated application's IHCE API permission, as officials read it (plain data: the web shows it). */
export const apiAccessLabels = {
  pending: 'Permiso de la API de IHCE: pendiente de aprobación del administrador de Entra ID',
  granted: 'Permiso de la API de IHCE: concedido',
} as const;
/** What the delegate reads while the permission is pending. */
export const apiAccessPendingForDelegate =
  'Estas llaves empezarán a funcionar cuando el Ministerio apruebe el permiso de la API de IHCE para su aplicación. Puede copiarlas y configurarlas desde ya; no tiene que hacer nada más: esta pantalla lo indicará cuando quede aprobado.';

export const tokenUrlFor = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/oauth2/v2.0/token`;

export type EnvironmentView = {
  environment: EnvironmentName;
  label: string;
  clientId: string;
  expiresOn: string;
  daysLeft: number;
  tenantId: string;
  scope: string;
  endpoint: string;
  tokenUrl: string;
  hasSubscriptionKey: boolean;
  /** Since when these keys are in force. */
  assignedAt: string;
  /**
   * Generated keys whose application still waits for the IHCE API's permission (a tenant administrator grants
   * it): `pending` until then. Absent when there is nothing to wait for.
   */
  apiAccess?: 'pending' | 'granted';
  /** The replaced secret during its overlap: still valid until `validUntil`, shown labelled as the earlier one. */
  previous?: { clientId: string; replacedAt: string; validUntil: string };
};

export const secretVersionQuerySchema = z.object({
  version: z.enum(['vigente', 'anterior'], { error: 'La versión debe ser vigente o anterior.' }).default('vigente'),
});
