/**
 * Dates of the expiry reminders (pure). A key that expires on E gets a reminder 60, 30, 15, 7 and 1 days
 * before, and one the day after it expired. Dates are calendar days (AAAA-MM-DD) in Bogotá, where keys
 * end at 23:59:59 of their expiry day (see entraEndDateTime): every screen, list and timer counts with
 * `bogotaDay`.
 */
export const REMINDER_STAGES = [60, 30, 15, 7, 1, 'expired'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

const DAY_MS = 86_400_000;

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
/** Colombia is UTC−5 all year (no daylight saving time). */
const BOGOTA_OFFSET_MS = 5 * 3_600_000;
/** Today's calendar day in Bogotá. */
export const bogotaDay = (date: Date) => isoDay(new Date(date.getTime() - BOGOTA_OFFSET_MS));
export const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The day each stage's reminder is due, in order. */
export function stageDays(expiresOn: string): { stage: ReminderStage; day: string }[] {
  return REMINDER_STAGES.map((stage) => ({ stage, day: stage === 'expired' ? addDays(expiresOn, 1) : addDays(expiresOn, -stage) }));
}

/**
 * The reminder that applies today: the latest stage whose day has come. A run that missed days sends only
 * this one (no burst of stale reminders), and never one before its day.
 */
export function stageDue(expiresOn: string, today: string): ReminderStage | undefined {
  return stageDays(expiresOn)
    .filter(({ day }) => day <= today)
    .at(-1)?.stage;
}

/** The first reminder day on or after `from` (assignment: today's counts), or after it (`strictlyAfter`). */
export function nextReminderDay(expiresOn: string, from: string, strictlyAfter = false): string | undefined {
  return stageDays(expiresOn).find(({ day }) => (strictlyAfter ? day > from : day >= from))?.day;
}

export const stageLabel = (stage: ReminderStage, daysLeft: number) =>
  stage === 'expired' || daysLeft < 0
    ? `vencidas hace ${-daysLeft} ${-daysLeft === 1 ? 'día' : 'días'}`
    : daysLeft === 0
      ? 'vencen hoy'
      : daysLeft === 1
        ? 'vencen mañana'
        : `vencen en ${daysLeft} días`;
