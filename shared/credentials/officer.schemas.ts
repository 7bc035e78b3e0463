import { z } from 'zod';

const cursor = z.string().max(4000, 'El cursor de paginación no es válido.').optional();
const limit = z.coerce.number().int().min(1, 'limit va de 1 a 50.').max(50, 'limit va de 1 a 50.').default(20);

export const pendingListQuerySchema = z.object({
  status: z.literal('pending', { error: 'Por ahora solo se listan las solicitudes pendientes (status=pending).' }),
  cursor,
  limit,
});

export const providerListQuerySchema = z.object({
  assigned: z.literal('true', { error: 'Esta lista muestra los prestadores con llaves asignadas (assigned=true).' }).default('true'),
  q: z.string().trim().max(100, 'La búsqueda no puede tener más de 100 caracteres.').default(''),
  cursor,
  limit,
});
