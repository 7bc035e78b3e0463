import { describe, expect, it } from 'vitest';
import { costSummary, mergeCostIntoBaseline } from '../../scripts/cost/cost-baseline';
import { DIGEST_SCENARIO, scenarioOutcome, type Report } from '../../scripts/cost/cost-report';

const month = (total: number) => ({
  total,
  perUse: total - 40,
  fixedTotal: 40,
  drivers: [
    { item: 'Correo (ACS)', usd: total * 0.6, share: 0.6 },
    { item: 'Front Door', usd: total * 0.2, share: 0.2 },
    { item: 'Funciones', usd: total * 0.1, share: 0.1 },
    { item: 'Tablas', usd: total * 0.05, share: 0.05 },
  ],
});
const report = {
  region: 'eastus2',
  currency: 'USD',
  operations: [{ name: 'requestKeys', usdPer1000: 6.123456 }],
  firstMonth: month(600),
  steadyState: month(170),
  // The flags are computed from the figures (today 600 / 170 USD), not written here.
  scenarios: [
    scenarioOutcome(DIGEST_SCENARIO, { first: 600, steady: 170 }, { first: 250, steady: 110 }),
    scenarioOutcome('Sin Front Door', { first: 600, steady: 170 }, { first: 560, steady: 130 }),
  ],
} as unknown as Report;

describe('npm run cost writes its summary into docs/bench-baseline.json', () => {
  const baseline = {
    date: '2026-11-20',
    machine: 'idle, 2 cores',
    command: 'npm run bench',
    figures: { coldStartRatio: { value: 1.51, target: 1.3 }, importRowsPerSecond: { value: 2000 } },
  };

  it('sets the cost key and leaves figures and every other key as they were', () => {
    const merged = JSON.parse(mergeCostIntoBaseline(JSON.stringify(baseline), costSummary(report, { runs: 5, date: '2026-11-28' })));
    expect(merged.figures).toEqual(baseline.figures);
    expect({ date: merged.date, machine: merged.machine, command: merged.command }).toEqual({
      date: '2026-11-20',
      machine: 'idle, 2 cores',
      command: 'npm run bench',
    });
    expect(merged.cost).toMatchObject({
      date: '2026-11-28',
      runs: 5,
      usdPer1000: { requestKeys: 6.1235 },
      firstMonth: { totalUsd: 600, topDrivers: [{ item: 'Correo (ACS)' }, { item: 'Front Door' }, { item: 'Funciones' }] },
      steadyState: { totalUsd: 170 },
      alertModes: { each: { firstMonthUsd: 600, steadyStateUsd: 170 }, digest: { firstMonthUsd: 250, halvesFirstMonth: true } },
      halvesTheBill: [{ change: DIGEST_SCENARIO }],
    });
    expect(merged.cost.firstMonth.topDrivers).toHaveLength(3);
    expect(merged.cost.alertModes.digest).toMatchObject({ halvesSteadyState: false });
  });

  it('a change halves a month when its bill is at most half of today (exactly half counts), not when it is a cent above', () => {
    const base = { first: 600, steady: 170 };
    expect(scenarioOutcome('x', base, { first: 300, steady: 85 })).toMatchObject({ halvesFirstMonth: true, halvesSteadyState: true });
    expect(scenarioOutcome('x', base, { first: 300.01, steady: 85.01 })).toMatchObject({
      halvesFirstMonth: false,
      halvesSteadyState: false,
    });
    expect(scenarioOutcome('x', base, { first: 250, steady: 110 })).toMatchObject({ halvesFirstMonth: true, halvesSteadyState: false });
  });

  it('a second run replaces the cost key instead of nesting or duplicating it', () => {
    const first = mergeCostIntoBaseline(JSON.stringify(baseline), costSummary(report, { runs: 5, date: '2026-11-28' }));
    const second = JSON.parse(mergeCostIntoBaseline(first, costSummary(report, { runs: 20, date: '2026-11-29' })));
    expect(Object.keys(second)).toEqual(['date', 'machine', 'command', 'figures', 'cost']);
    expect(second.cost).toMatchObject({ runs: 20, date: '2026-11-29' });
    expect(second.figures).toEqual(baseline.figures);
  });
});
