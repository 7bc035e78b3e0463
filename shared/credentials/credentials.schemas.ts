import { z } from 'zod';

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

/** What an official records for one environment: the keys generated in Entra ID and where to use them. */
export const environmentCredentialsInputSchema = z.strictObject({
  clientId: guid('ClientID'),
  /** Omitted on update: the current secret is kept. */
  clientSecret: secretValue('ClientSecret').optional(),
  expiresOn: z.iso.date({ error: 'Ingrese la fecha de expiración (AAAA-MM-DD).' }),
  tenantId: guid('tenant'),
  scope: z
    .string({ error: 'Ingrese el scope.' })
    .trim()
    .regex(/^api:\/\/[A-Za-z0-9._~:/-]+\/\.default$/, 'El scope debe tener la forma api://<aplicación>/.default.'),
  endpoint: z
    .string({ error: 'Ingrese el endpoint.' })
    .trim()
    .pipe(z.url({ protocol: /^https$/, error: 'El endpoint debe ser una URL https://.' })),
  subscriptionKey: secretValue('subscription key de API Management').optional(),
});
export type EnvironmentCredentialsInput = z.infer<typeof environmentCredentialsInputSchema>;

export const assignCredentialsSchema = z.strictObject({
  preproduction: environmentCredentialsInputSchema,
  production: environmentCredentialsInputSchema,
});
export type AssignCredentialsInput = z.infer<typeof assignCredentialsSchema>;

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
};
