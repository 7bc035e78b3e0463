/** Pure helpers of the benchmark: percentiles, ratios, and the comparison with the README's figures. */

export type LatencySummary = { count: number; p50: number; p95: number; p99: number };

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return { count: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** A figure the README records; `better` says which direction is an improvement. */
export type Figure = { value: number; unit: string; better: 'lower' | 'higher'; label: string };
export type Baseline = { date: string; machine: string; command: string; figures: Record<string, Figure> };

/** How much worse `current` is than `reference`, as a fraction (0.25 = 25 % worse); negative when better. */
export function worsening(current: number, reference: number, better: Figure['better']): number {
  if (!(reference > 0) || !Number.isFinite(current)) return 0;
  return better === 'lower' ? current / reference - 1 : reference / current - 1;
}

export type Regression = { key: string; label: string; current: number; reference: number; unit: string; worse: number };

/** Figures more than `threshold` worse than the baseline's (figures missing from either side are skipped). */
export function regressions(current: Record<string, Figure>, baseline: Baseline | undefined, threshold = 0.2): Regression[] {
  if (!baseline) return [];
  const found: Regression[] = [];
  for (const [key, figure] of Object.entries(current)) {
    const reference = baseline.figures[key];
    if (!reference) continue;
    const worse = worsening(figure.value, reference.value, figure.better);
    if (worse > threshold)
      found.push({ key, label: figure.label, current: figure.value, reference: reference.value, unit: figure.unit, worse });
  }
  return found;
}
