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
