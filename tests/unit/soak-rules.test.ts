import { describe, expect, it } from 'vitest';
import { latencyDrift, memoryGrowth, memoryPerMinute, slope, type MinuteMemory } from '../../scripts/bench/soak-rules';

const MB = 2 ** 20;
const minutes = (heaps: number[]): MinuteMemory[] => heaps.map((heapMb, minute) => ({ minute, rssMb: 200, heapMb }));

describe('soak: memory per minute', () => {
  it('keeps the lowest heap (after a collection) and the highest RSS of each minute', () => {
    const samples = [
      { at: 1_000, rss: 100 * MB, heapUsed: 60 * MB },
      { at: 30_000, rss: 120 * MB, heapUsed: 40 * MB },
      { at: 59_000, rss: 110 * MB, heapUsed: 70 * MB },
      { at: 61_000, rss: 90 * MB, heapUsed: 45 * MB },
    ];
    expect(memoryPerMinute(samples)).toEqual([
      { minute: 0, rssMb: 120, heapMb: 40 },
      { minute: 1, rssMb: 90, heapMb: 45 },
    ]);
  });

  it('computes a least-squares slope', () => {
    expect(
      slope([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toBeCloseTo(2);
    expect(slope([{ x: 0, y: 1 }])).toBe(0);
  });
});

describe('soak: steady memory growth', () => {
  it('fails a heap that climbs every minute by more than 20 % overall', () => {
    const verdict = memoryGrowth(minutes([50, 55, 60, 65, 70]));
    expect(verdict.grows).toBe(true);
    expect(verdict.reason).toMatch(/crece 5\.0 MB\/min/);
  });

  it('passes a flat heap with noise', () => {
    expect(memoryGrowth(minutes([50, 53, 49, 52, 50])).grows).toBe(false);
  });

  it('passes a slope that stays within 20 % of the first minute (a large heap, slow drift)', () => {
    expect(memoryGrowth(minutes([400, 403, 406, 409, 412])).grows).toBe(false);
  });

  it('passes a one-off step in the first minutes when the slope is small', () => {
    expect(memoryGrowth(minutes([40, 60, 60, 60, 60, 60, 60, 60, 60, 60])).grows).toBe(false);
  });

  it('needs three minutes before judging', () => {
    expect(memoryGrowth(minutes([40, 80])).grows).toBe(false);
  });
});

describe('soak: latency drift', () => {
  it('flags a p95 more than 20 % and 10 ms slower in the last minute', () => {
    expect(latencyDrift(50, 65).drifts).toBe(true);
  });

  it('ignores small absolute changes however large in percent (2 ms → 3 ms)', () => {
    expect(latencyDrift(2, 3).drifts).toBe(false);
  });

  it('ignores changes within 20 %', () => {
    expect(latencyDrift(100, 115).drifts).toBe(false);
  });

  it('does not flag a last minute faster than the first', () => {
    expect(latencyDrift(100, 40).drifts).toBe(false);
  });
});
