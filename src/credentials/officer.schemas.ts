import * as z from 'zod';

const cursor = z.string().max(4000, 'El cursor de paginación no es válido.').optional();
const limit = z.coerce.number().int().min(1, 'limit va de 1 a 50.').max(50, 'limit va de 1 a 50.').default(20);

export const pendingListQuerySchema = z.object({
  status: z.literal('pending', { error: 'Por ahora solo se listan las solicitudes pendientes (status=pending).' }),
  cursor,
  limit,
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
