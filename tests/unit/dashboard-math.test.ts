import { describe, expect, it } from 'vitest';
import { ageBandOf, businessDaysBetween, lastWeeks, median, percentile, weekOf } from '../../src/dashboard/dashboard-math';
import { usualTimeMessage } from '../../src/dashboard/dashboard.schemas';

/** A Bogotá wall-clock time (UTC−5). */
const bogota = (local: string) => new Date(`${local}-05:00`);

describe('Tablero arithmetic', () => {
  it('median: the middle value, or the mean of the two middle ones; none for no values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });

  it('90th percentile by nearest rank: the smallest value with at least 90 % at or below it', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile([...ten, 11], 90)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 90)).toBeUndefined();
  });

  it('business days skip Saturday and Sunday in Bogotá: Friday 4 p. m. to Monday 10 a. m. is 0,75 days', () => {
    expect(businessDaysBetween(bogota('2026-11-27T16:00:00'), bogota('2026-11-30T10:00:00'))).toBeCloseTo(0.75, 6);
    expect(businessDaysBetween(bogota('2026-11-23T09:00:00'), bogota('2026-11-25T09:00:00'))).toBeCloseTo(2, 6);
    // Made on Saturday, answered on Sunday: no business time at all.
    expect(businessDaysBetween(bogota('2026-11-28T09:00:00'), bogota('2026-11-29T18:00:00'))).toBe(0);
    expect(businessDaysBetween(bogota('2026-11-30T10:00:00'), bogota('2026-11-27T10:00:00'))).toBe(0);
  });

  it('weeks start on Monday in Bogotá, also late on Sunday night when UTC is already Monday', () => {
    expect(weekOf(bogota('2026-11-29T23:30:00'))).toBe('2026-11-23');
    expect(weekOf(bogota('2026-11-30T00:00:00'))).toBe('2026-11-30');
    expect(lastWeeks(bogota('2026-11-30T08:00:00'), 3)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
  });

  it('age bands of a pending request, in calendar days', () => {
    const now = bogota('2026-11-28T12:00:00');
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    expect([0.5, 1, 3.9, 4, 7.9, 8, 15.9, 16].map((d) => ageBandOf(daysAgo(d), now))).toEqual([
      'lt1',
      'd1to3',
      'd1to3',
      'd4to7',
      'd4to7',
      'd8to15',
      'd8to15',
      'gt15',
    ]);
  });

  it('the delegate is told the usual time only with enough assignments, else what happens without a figure', () => {
    expect(usualTimeMessage({ sample: 12, medianBusinessDays: 2.4 })).toBe(
      'Normalmente el Ministerio asigna las llaves en 2 días hábiles.',
    );
    expect(usualTimeMessage({ sample: 12, medianBusinessDays: 1.2 })).toBe('Normalmente el Ministerio asigna las llaves en 1 día hábil.');
    expect(usualTimeMessage({ sample: 5, medianBusinessDays: 0.4 })).toBe(
      'Normalmente el Ministerio asigna las llaves en menos de un día hábil.',
    );
    for (const scarce of [{ sample: 4, medianBusinessDays: 2 }, { sample: 0 }, undefined])
      expect(usualTimeMessage(scarce)).toMatch(/^El Ministerio revisa las solicitudes en orden de llegada\./);
  });
});
