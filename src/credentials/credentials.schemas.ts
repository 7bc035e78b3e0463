import * as z from 'zod';

export const environmentLabels = { preproduction: 'Preproducción', production: 'Producción' } as const;
export type EnvironmentName = keyof typeof environmentLabels;
export const environmentNameSchema = z.enum(['preproduction', 'production'], { error: 'El ambiente debe ser preproduction o production.' });

/** The state of a generated application's IHCE API permission, as officials read it (plain data: the web shows it). */
export const apiAccessLabels = {
  pending: 'Permiso de la API de IHCE: pendiente de aprobación del administrador de Entra ID',
  granted: 'Permiso de la API de IHCE: concedido',
} as const;
/** What the delegate reads while the permission is pending. */
export const apiAccessPendingForDelegate =
  'Estas llaves empezarán a funcionar cuando el Ministerio apruebe el permiso de la API de IHCE para su aplicación. Puede copiarlas y configurarlas desde ya; no tiene que hacer nada más: esta pantalla lo indicará cuando quede aprobado.';

/**
 * What every screen, e-mail and message calls each key field: the Spanish words with the term vendors know in
 * parentheses; ClientID and ClientSecret as the guide writes them.
 */
export const keyFieldLabels = {
  clientId: 'ClientID',
  clientSecret: 'ClientSecret',
  expiresOn: 'Fecha de expiración',
  tenantId: 'Id. de directorio (tenant)',
  scope: 'Ámbito (scope)',
  endpoint: 'Punto de conexión (endpoint)',
  tokenUrl: 'URL del token (token endpoint)',
  subscriptionKey: 'Clave de suscripción (Ocp-Apim-Subscription-Key)',
} as const;
/** The same label inside a sentence: «el ámbito (scope) de Producción». */
export const keyFieldInSentence = (field: 'tenantId' | 'scope' | 'endpoint' | 'subscriptionKey') =>
  keyFieldLabels[field].charAt(0).toLowerCase() + keyFieldLabels[field].slice(1);

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
