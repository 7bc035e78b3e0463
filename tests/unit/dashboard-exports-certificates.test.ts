import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createDashboardExports } from '../../src/dashboard/dashboard-exports';
import type { Holder } from '../../src/dashboard/dashboard-stats';

const now = new Date('2026-11-25T15:00:00Z'); // 10 a. m. in Bogotá
const holder = (environment: Holder['environment']): Holder => ({
  nit: '900123456',
  environment,
  name: 'IPS Certificada',
  department: 'Antioquia',
  municipality: 'Medellín',
  assignedAt: '2026-01-10T15:00:00Z',
  expiresOn: '2027-06-30',
  source: 'manual',
});

async function keysCsv(ends: { nit: string; environment: Holder['environment']; notAfter: string }[]) {
  const exports = createDashboardExports({
    dashboard: { pendingRequests: async () => ({ requests: [], truncated: false }) },
    stats: {
      async *holders() {
        yield holder('preproduction');
        yield holder('production');
      },
    },
    audit: { record: async () => undefined },
    clock: { now: () => now },
    certificateEnds: async function* () {
      yield* ends;
    },
  });
  const { content } = await exports.export('llaves', { username: 'funcionario', ip: undefined });
  return parse(content.slice(1), { delimiter: ';' }) as string[][];
}

describe('«Llaves por prestador» CSV and certificates', () => {
  it('lists the certificate’s end day in Bogotá and its state beside the environment’s keys; none is an empty cell', async () => {
    // 03:00 UTC on 20 December is still 19 December in Bogotá: 24 days away, «Por vencer».
    const rows = await keysCsv([{ nit: '900123456', environment: 'production', notAfter: '2026-12-20T03:00:00.000Z' }]);
    expect(rows[0]!.slice(-2)).toEqual(['Vencimiento del certificado', 'Estado del certificado']);
    const byEnvironment = Object.fromEntries(rows.slice(1).map((row) => [row[4], row.slice(-2)]));
    expect(byEnvironment).toEqual({ Preproducción: ['', ''], Producción: ['2026-12-19', 'Por vencer'] });
  });
});
