import * as z from 'zod';
import { isValidPhone, normalizePhone } from '../identity/colombian-ids';
import { freeWebmailDomain } from './free-webmail-domains';
import type { RequestKind } from '../key-files/key-file.schemas';

export const TERMS_VERSION = '2026-11-01';
export const PERSONAL_DATA_VERSION = '2026-11-01';

export const requestTerms = {
  version: TERMS_VERSION,
  title: 'Términos para la solicitud de token',
  paragraphs: [
    'Las llaves de acceso (ClientID y ClientSecret) son personales de la entidad y se usan solo para que su Sistema de Información Hospitalario intercambie datos clínicos con la IHCE conforme a la Ley 2015 de 2020 y la Resolución 1888 de 2025.',
    'La entidad custodia las llaves, las entrega únicamente a su proveedor tecnológico y avisa al Ministerio de inmediato si sospecha que fueron expuestas, para revocarlas.',
    'El Ministerio puede revocar o rotar las llaves por seguridad; las llaves vencen en la fecha indicada y deben solicitarse de nuevo antes de ese día.',
  ],
} as const;

export const personalDataAuthorization = {
  version: PERSONAL_DATA_VERSION,
  title: 'Autorización de tratamiento de datos personales',
  paragraphs: [
    'Autorizo al Ministerio de Salud y Protección Social a tratar los nombres, correos y teléfonos registrados en esta solicitud para gestionar las llaves de acceso y comunicarse con los responsables, conforme a la Ley 1581 de 2012 y su política de tratamiento de datos.',
    'Declaro que las personas cuyos datos registro conocen y aceptan este uso. Pueden conocer, actualizar, rectificar o suprimir sus datos escribiendo al Ministerio.',
  ],
} as const;

const text = (label: string, max: number, min = 2) =>
  z
    .string({ error: `Ingrese ${label}.` })
    .trim()
    .min(1, `Ingrese ${label}.`)
    .min(min, `${capitalize(label)} debe tener al menos ${min} caracteres.`)
    .max(max, `${capitalize(label)} no puede tener más de ${max} caracteres.`)
    .refine((value) => !/[\u0000-\u001f\u007f<>]/.test(value), `${capitalize(label)} no puede contener los caracteres < > ni de control.`);

const phone = (label: string) =>
  z
    .string({ error: `Ingrese ${label}.` })
    .trim()
    .min(1, `Ingrese ${label}.`)
    .refine(
      isValidPhone,
      `${capitalize(label)} debe ser un celular de 10 dígitos que empiece por 3 o un fijo que empiece por 60 (10 dígitos), con o sin +57.`,
    )
    .transform(normalizePhone);

function capitalize(label: string) {
  const bare = label.replace(/^(el|la|los|las) /, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

export const keyRequestSchema = z
  .strictObject({
    kind: z.enum(['first', 'renewal'], { error: 'Indique si es Inscripción Token o Resolicitud Token.' }),
    techVendorName: text('el nombre del proveedor tecnológico', 150),
    softwareName: text('el nombre del software', 150),
    techLead: z.strictObject(
      {
        name: text('el nombre del líder técnico', 120, 3),
        email: z
          .string({ error: 'Ingrese el correo electrónico institucional del líder técnico.' })
          .trim()
          .min(1, 'Ingrese el correo electrónico institucional del líder técnico.')
          .max(254, 'El correo del líder técnico no puede tener más de 254 caracteres.')
          .pipe(z.email({ error: 'El correo electrónico del líder técnico no es válido (ejemplo: nombre@entidad.gov.co).' }))
          .transform((value) => value.toLowerCase()),
        phone: phone('el teléfono del líder técnico'),
        /** The delegate states the provider has no institutional domain: a free webmail address is then accepted (and recorded). */
        noInstitutionalDomain: z.boolean({ error: 'Indique si el prestador no tiene dominio de correo institucional.' }).optional(),
      },
      { error: 'Ingrese los datos del líder técnico.' },
    ),
    dataProtectionOfficer: z.strictObject(
      {
        name: text('el nombre del responsable de la protección de datos', 120, 3),
        phone: phone('el teléfono del responsable de la protección de datos'),
      },
      { error: 'Ingrese los datos del responsable de la protección de datos.' },
    ),
    reason: z.string().trim().max(1000, 'El motivo no puede tener más de 1000 caracteres.').optional(),
    acceptsTerms: z.literal(true, { error: 'Debe aceptar los términos para la solicitud de token.' }),
    authorizesPersonalData: z.literal(true, { error: 'Debe autorizar el tratamiento de datos personales.' }),
  })
  .superRefine((value, ctx) => {
    const webmail = freeWebmailDomain(value.techLead.email);
    if (webmail && !value.techLead.noInstitutionalDomain) {
      ctx.addIssue({
        code: 'custom',
        path: ['techLead', 'email'],
        message: `El correo electrónico institucional del líder técnico no puede ser de un servicio de correo gratuito (${webmail}): use el correo de la entidad, o marque que el prestador no tiene dominio de correo institucional.`,
      });
    }
    if (value.reason && /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f<>]/.test(value.reason)) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'El motivo no puede contener los caracteres < > ni de control.' });
    }
  });
export type KeyRequestInput = z.infer<typeof keyRequestSchema>;

export type RequestSummary = {
  id: string;
  /** Absent on requests made before radicados existed: screens show «sin radicado». */
  radicado?: string;
  kind: RequestKind;
  kindLabel: string;
  createdAt: string;
  createdBy: string;
  status: 'pending' | 'assigned' | 'rejected';
  statusLabel: string;
  resolvedAt?: string;
  reason?: string;
  rejectionReason?: string;
};
