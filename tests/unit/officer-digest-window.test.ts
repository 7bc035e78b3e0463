import { describe, expect, it } from 'vitest';
import { digestWindowAt, dueDigestHours } from '../../src/requests/officer-digest';

const iso = (window: ReturnType<typeof digestWindowAt>) => window && [window.from.toISOString(), window.to.toISOString()];

describe('the digest window a run closes (Bogotá hours, UTC−5)', () => {
  it('at 13:00 it closes 8:00–13:00; at 8:00, 13:00 of the day before to 8:00; a late run closes the same one', () => {
    expect(iso(digestWindowAt(new Date('2026-12-01T18:00:02Z'), [8, 13]))).toEqual([
      '2026-12-01T13:00:00.000Z',
      '2026-12-01T18:00:00.000Z',
    ]);
    expect(iso(digestWindowAt(new Date('2026-12-01T18:59:59Z'), [8, 13]))).toEqual([
      '2026-12-01T13:00:00.000Z',
      '2026-12-01T18:00:00.000Z',
    ]);
    expect(iso(digestWindowAt(new Date('2026-12-02T13:00:00Z'), [8, 13]))).toEqual([
      '2026-12-01T18:00:00.000Z',
      '2026-12-02T13:00:00.000Z',
    ]);
  });

  it('outside the hours there is none; with one hour a window is a whole day, also across midnight in Bogotá', () => {
    expect(digestWindowAt(new Date('2026-12-01T15:00:00Z'), [8, 13])).toBeUndefined();
    expect(iso(digestWindowAt(new Date('2026-12-01T13:10:00Z'), [8]))).toEqual(['2026-11-30T13:00:00.000Z', '2026-12-01T13:00:00.000Z']);
    // 0:00 in Bogotá is 5:00 UTC; the previous digest hour (22:00) was the day before.
    expect(iso(digestWindowAt(new Date('2026-12-01T05:00:00Z'), [0, 22]))).toEqual([
      '2026-12-01T03:00:00.000Z',
      '2026-12-01T05:00:00.000Z',
    ]);
  });
});

describe('the digest hours a run closes: those of the last 24 h (catch-up), oldest first', () => {
  it('at 2:00 p. m. in Bogotá, today 8:00 a. m. and 1:00 p. m.; at 9:00 a. m., yesterday 1:00 p. m. and today 8:00 a. m.', () => {
    expect(dueDigestHours(new Date('2026-12-01T19:00:03Z'), [8, 13]).map((at) => at.toISOString())).toEqual([
      '2026-12-01T13:00:00.000Z',
      '2026-12-01T18:00:00.000Z',
    ]);
    expect(dueDigestHours(new Date('2026-12-01T14:59:59Z'), [8, 13]).map((at) => at.toISOString())).toEqual([
      '2026-11-30T18:00:00.000Z',
      '2026-12-01T13:00:00.000Z',
    ]);
  });
});
