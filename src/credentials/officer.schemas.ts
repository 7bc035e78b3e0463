import * as z from 'zod';

const cursor = z.string().max(4000, 'El cursor de paginación no es válido.').optional();
const limit = z.coerce.number().int().min(1, 'limit va de 1 a 50.').max(50, 'limit va de 1 a 50.').default(20);

/** Asignar Token's filters, as the address bar carries them (Spanish names: the official reads and shares them). */
export const ageChoices = ['3', '7', '15', '30'] as const;
export const pendingFiltersSchema = z.object({
  departamento: z
    .string()
    .max(60, 'El departamento no puede tener más de 60 caracteres.')
    .regex(
      /^[a-z0-9ñ]+(-[a-z0-9ñ]+)*$/,
      'El departamento no es válido: use el de la lista, en minúsculas, sin tildes y con guiones (por ejemplo, valle-del-cauca).',
    )
    .optional(),
  tipo: z.enum(['inscripcion', 'resolicitud'], { error: 'El tipo de solicitud debe ser inscripcion o resolicitud.' }).optional(),
  antiguedad: z.enum(ageChoices, { error: 'La antigüedad debe ser 3, 7, 15 o 30 (más de esos días en espera).' }).optional(),
});
export type PendingFiltersQuery = z.infer<typeof pendingFiltersSchema>;
export const requestKindOf = { inscripcion: 'first', resolicitud: 'renewal' } as const;

export const pendingListQuerySchema = pendingFiltersSchema.extend({
  status: z.literal('pending', { error: 'Por ahora solo se listan las solicitudes pendientes (status=pending).' }),
  orden: z.enum(['antiguas', 'recientes'], { error: 'El orden debe ser antiguas o recientes.' }).default('antiguas'),
  pagina: z.coerce
    .number({ error: 'La página debe ser un número entero desde 1.' })
    .int('La página debe ser un número entero desde 1.')
    .min(1, 'La página debe ser un número entero desde 1.')
    .max(1000, 'La página no puede pasar de 1000: use los filtros para acotar la lista.')
    .default(1),
  limit,
});

/** «Siguiente solicitud»: the same filters, and the provider just handled (left out). */
export const nextRequestQuerySchema = pendingFiltersSchema.extend({
  actual: z
    .string()
    .regex(/^\d{6,10}$/, 'El NIT del prestador actual (actual) debe tener de 6 a 10 dígitos, sin dígito de verificación.')
    .optional(),
});

export const providerListQuerySchema = z
  .object({
    assigned: z.literal('true', { error: 'Esta lista muestra los prestadores con llaves asignadas (assigned=true).' }).default('true'),
    q: z.string().trim().max(100, 'La búsqueda no puede tener más de 100 caracteres.').default(''),
    /** «Por vencer» (next 60 days) or «Vencidas»; the search box is not combined with it. */
    filtro: z.enum(['por-vencer', 'vencidas'], { error: 'El filtro debe ser por-vencer o vencidas.' }).optional(),
    cursor,
    limit,
  })
  .refine((query) => !(query.filtro && query.q), {
    path: ['q'],
    message: 'Use la búsqueda o el filtro «Por vencer» / «Vencidas», no ambos a la vez.',
  });

/** «Mostrar» a typed-in ClientSecret: which version, and why (the reason goes to the provider's trail). */
export const secretRevealQuerySchema = z.object({
  version: z
    .string()
    .regex(/^[0-9a-zA-Z]{1,64}$/, 'La versión del secreto no es válida.')
    .optional(),
  reason: z
    .string({ error: 'Escriba el motivo para ver el ClientSecret (queda en la trazabilidad del prestador).' })
    .trim()
    .min(15, 'El motivo debe tener al menos 15 caracteres: diga para qué necesita ver el ClientSecret.')
    .max(300, 'El motivo no puede tener más de 300 caracteres.'),
});

/** A colleague's username, as «Desbloquear revelaciones» sends it. */
export const officerUsernameSchema = z.string().regex(/^[A-Z]{1,3}[0-9A-Za-z]{3,20}$/, 'El usuario del funcionario no es válido.');
