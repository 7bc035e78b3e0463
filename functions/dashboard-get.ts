import type { Services } from '../src/composition-root';
import type { HttpCall } from '../src/http/function-definition';
import { defineHttp } from '../src/http/http-pipeline';

/** Tablero: the officials' figures (pending, weeks, time to assign, expiries, providers with keys, rejections). */
export async function getDashboard(_request: unknown, { services }: HttpCall<'officer', Services>) {
  return { status: 200, jsonBody: await services.dashboard.figures() };
}

export const definition = defineHttp({
  name: 'dashboard-get',
  route: 'dashboard',
  methods: ['GET'],
  access: 'officer',
  handler: getDashboard,
});
