import { describe, expect, it } from 'vitest';
import { percentile, regressions, summarize, worsening, type Baseline, type Figure } from '../../scripts/bench/bench-stats';

describe('benchmark statistics', () => {
  it('percentiles use the nearest rank, whatever the order of the samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([3, 1, 2])).toEqual({ count: 3, p50: 2, p95: 3, p99: 3 });
  });

  it('worsening is relative to the reference, in the direction that is worse', () => {
    expect(worsening(120, 100, 'lower')).toBeCloseTo(0.2);
    expect(worsening(80, 100, 'lower')).toBeCloseTo(-0.2);
    expect(worsening(80, 100, 'higher')).toBeCloseTo(0.25);
    expect(worsening(50, 0, 'lower')).toBe(0);
  });

  it('when a figure is more than 20 % worse than the README baseline, then it is reported; equal or better, not', () => {
    const figure = (value: number, better: Figure['better'] = 'lower'): Figure => ({ value, unit: 'ms', better, label: 'x' });
    const baseline: Baseline = {
      date: '2026-11-25',
      machine: '',
      command: '',
      figures: { a: figure(10), b: figure(10), c: figure(100, 'higher'), d: figure(10) },
    };
    const found = regressions({ a: figure(12.5), b: figure(11.9), c: figure(70, 'higher'), e: figure(99) }, baseline);
    expect(found.map((r) => r.key)).toEqual(['a', 'c']);
    expect(found[0]!.worse).toBeCloseTo(0.25);
    expect(regressions({ a: figure(50) }, undefined)).toEqual([]);
  });
});

describe('slices of one load, combined', () => {
  it('percentiles over every latency, rate over the summed time, errors added', async () => {
    const { combine } = await import('../../scripts/bench/load-runner');
    const a = { count: 3, p50: 2, p95: 3, p99: 3, latencies: [1, 2, 3], seconds: 1, rps: 3, errors: 0 };
    const b = { count: 2, p50: 10, p95: 20, p99: 20, latencies: [10, 20], seconds: 4, rps: 0.5, errors: 2, errorDetail: '2× HTTP 500' };
    expect(combine([a, b])).toMatchObject({ count: 5, p50: 3, p95: 20, seconds: 5, rps: 1, errors: 2, errorDetail: '2× HTTP 500' });
  });
});
