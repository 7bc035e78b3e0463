import { describe, expect, it } from 'vitest';
import { bogotaDay, nextReminderDay, stageDays, stageDue, stageLabel } from '../../src/credentials/expiry-calendar';
import { entraEndDateTime } from '../../src/credentials/assignment-rules';
import { eventIdFor } from '../../src/notifications/event-publisher';

describe('expiry calendar', () => {
  it('puts the reminders 60, 30, 15, 7 and 1 days before, and the day after expiry', () => {
    expect(stageDays('2027-03-01').map(({ stage, day }) => `${stage}:${day}`)).toEqual([
      '60:2026-12-31',
      '30:2027-01-30',
      '15:2027-02-14',
      '7:2027-02-22',
      '1:2027-02-28',
      'expired:2027-03-02',
    ]);
  });

  it('after missed days sends only the reminder that applies now, never one before its day', () => {
    expect(stageDue('2027-03-01', '2026-12-30')).toBeUndefined();
    expect(stageDue('2027-03-01', '2026-12-31')).toBe(60);
    expect(stageDue('2027-03-01', '2027-02-23')).toBe(7);
    expect(stageDue('2027-03-01', '2027-03-01')).toBe(1);
    expect(stageDue('2027-03-01', '2027-06-01')).toBe('expired');
  });

  it('schedules the next day on or after assignment, and strictly after a reminder was sent', () => {
    expect(nextReminderDay('2027-03-01', '2027-01-30')).toBe('2027-01-30');
    expect(nextReminderDay('2027-03-01', '2027-01-30', true)).toBe('2027-02-14');
    expect(nextReminderDay('2027-03-01', '2027-03-02', true)).toBeUndefined();
    expect(nextReminderDay('2027-03-01', '2027-03-03')).toBeUndefined();
  });

  it('counts days in Bogotá, where a key ends at 23:59:59 of its day', () => {
    // 21:00 in Bogotá is already the next day in UTC: still the same day for the delegate and the lists.
    expect(bogotaDay(new Date('2027-03-02T02:00:00Z'))).toBe('2027-03-01');
    expect(bogotaDay(new Date('2027-03-02T05:00:00Z'))).toBe('2027-03-02');
    expect(entraEndDateTime('2027-03-01')).toBe('2027-03-02T04:59:59.000Z');
    expect(bogotaDay(new Date(entraEndDateTime('2027-03-01')))).toBe('2027-03-01');
  });

  it('words the stage in Spanish', () => {
    expect(stageLabel(30, 30)).toBe('vencen en 30 días');
    expect(stageLabel(1, 1)).toBe('vencen mañana');
    expect(stageLabel(1, 0)).toBe('vencen hoy');
    expect(stageLabel('expired', -1)).toBe('vencidas hace 1 día');
  });

  it('derives one stable UUID per fact, so a rerun records the same event', () => {
    const id = eventIdFor('recordatorio|900123456|production|2027-03-01|30');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventIdFor('recordatorio|900123456|production|2027-03-01|30')).toBe(id);
    expect(eventIdFor('recordatorio|900123456|production|2027-03-01|15')).not.toBe(id);
  });
});
