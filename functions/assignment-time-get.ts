import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** «Qué sigue» after Generar Llaves de Acceso: the usual business days to assign (the Tablero's median), nothing else. */
export async function getAssignmentTime(_request: unknown, { services }: HttpCall<'authenticated', Services>) {
  return { status: 200, jsonBody: await services.dashboard.usualAssignmentTime() };
}

export const definition = defineHttp({
  name: 'assignment-time-get',
  route: 'assignment-time',
  methods: ['GET'],
  access: 'authenticated',
  handler: getAssignmentTime,
});
