import { readFile, writeFile } from 'node:fs/promises';
import { DIGEST_SCENARIO, type Report } from './cost-report';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** What docs/bench-baseline.json keeps of a `npm run cost` run, under its `cost` key. */
export function costSummary(report: Report, meta: { runs: number; date: string }) {
  const digest = report.scenarios.find((s) => s.name === DIGEST_SCENARIO);
  const month = (m: Report['firstMonth']) => ({
    totalUsd: round(m.total),
    perUseUsd: round(m.perUse),
    fixedUsd: round(m.fixedTotal),
    topDrivers: m.drivers.slice(0, 3).map((d) => ({ item: d.item, usd: round(d.usd), share: round(d.share, 3) })),
  });
  return {
    date: meta.date,
    command: 'npm run cost',
    runs: meta.runs,
    currency: report.currency,
    region: report.region,
    usdPer1000: Object.fromEntries(report.operations.map((op) => [op.name, round(op.usdPer1000, 4)])),
    firstMonth: month(report.firstMonth),
    steadyState: month(report.steadyState),
    alertModes: {
      each: { firstMonthUsd: round(report.firstMonth.total), steadyStateUsd: round(report.steadyState.total) },
      ...(digest && {
        digest: {
          firstMonthUsd: round(digest.firstMonth),
          steadyStateUsd: round(digest.steadyState),
          halvesFirstMonth: digest.halvesFirstMonth,
          halvesSteadyState: digest.halvesSteadyState,
        },
      }),
    },
    halvesTheBill: report.scenarios
      .filter((s) => s.halvesFirstMonth || s.halvesSteadyState)
      .map((s) => ({ change: s.name, firstMonthUsd: round(s.firstMonth), steadyStateUsd: round(s.steadyState) })),
    details: 'docs/cost-model.json',
  };
}
export type CostSummary = ReturnType<typeof costSummary>;

/** The baseline with `cost` set (replaced) and every other key, `figures` included, exactly as it was. */
export function mergeCostIntoBaseline(baselineText: string, cost: CostSummary): string {
  const baseline = JSON.parse(baselineText) as Record<string, unknown>;
  return JSON.stringify({ ...baseline, cost }, null, 2) + '\n';
}

/** Read, merge, write: `npm run bench` owns the rest of the file. */
export async function writeCostBaseline(file: string, report: Report, meta: { runs: number; date: string }) {
  const text = await readFile(file, 'utf8').catch(() => '{}');
  await writeFile(file, mergeCostIntoBaseline(text, costSummary(report, meta)));
}
