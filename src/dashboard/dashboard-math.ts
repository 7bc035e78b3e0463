/** Pure arithmetic of the Tablero: Bogotá weeks, business days, median and 90th percentile, age bands. */

const DAY_MS = 86_400_000;
/** Colombia is UTC−5 all year (no daylight saving time). */
const BOGOTA_OFFSET_MS = 5 * 3_600_000;

/** A calendar day in Bogotá, AAAA-MM-DD. */
export const bogotaDayOf = (date: Date) => new Date(date.getTime() - BOGOTA_OFFSET_MS).toISOString().slice(0, 10);
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday (in Bogotá) of the week `date` falls in: weeks are kept and shown by their Monday. */
export function weekOf(date: Date): string {
  const day = bogotaDayOf(date);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return shiftDay(day, -((weekday + 6) % 7));
}

/** The Mondays of the last `count` weeks, oldest first, the current week last. */
export function lastWeeks(now: Date, count: number): string[] {
  const current = weekOf(now);
  return Array.from({ length: count }, (_, i) => shiftDay(current, -7 * (count - 1 - i)));
}

/**
 * Time between two instants counted only on Monday to Friday in Bogotá, in days of 24 h: a request made on
 * Friday at 4 p. m. and answered on Monday at 10 a. m. waited 0,75 business days. National holidays are not
 * subtracted (the ministry publishes no machine-readable calendar of them): the figure is slightly high on
 * holiday weeks, never low.
 */
export function businessDaysBetween(from: Date, to: Date): number {
  let t = from.getTime() - BOGOTA_OFFSET_MS;
  const end = to.getTime() - BOGOTA_OFFSET_MS;
  let counted = 0;
  // Bounded: ten years of days at most (a request never waits that long; the cap keeps bad data harmless).
  for (let i = 0; t < end && i < 3660; i++) {
    const dayStart = Math.floor(t / DAY_MS) * DAY_MS;
    const next = Math.min(dayStart + DAY_MS, end);
    const weekday = new Date(dayStart).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += next - t;
    t = next;
  }
  return counted / DAY_MS;
}

/** The median: the middle value, or the mean of the two middle ones; undefined for no values. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile by nearest rank: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** How long pending requests have waited, in calendar days (what the delegate counts). */
export const AGE_BANDS = [
  { key: 'lt1', label: 'Menos de 1 día', maxDays: 1 },
  { key: 'd1to3', label: 'De 1 a 3 días', maxDays: 4 },
  { key: 'd4to7', label: 'De 4 a 7 días', maxDays: 8 },
  { key: 'd8to15', label: 'De 8 a 15 días', maxDays: 16 },
  { key: 'gt15', label: 'Más de 15 días', maxDays: Infinity },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['key'];

export function ageBandOf(since: Date, now: Date): AgeBand {
  const days = (now.getTime() - since.getTime()) / DAY_MS;
  return AGE_BANDS.find((band) => days < band.maxDays)!.key;
}

/** Whole calendar days from `since` to `now` (0 on the first day). */
export const daysWaiting = (since: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));

/** Days from today (Bogotá) to an expiry day (AAAA-MM-DD); negative once expired. */
export const daysUntil = (day: string, now: Date) =>
  Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${bogotaDayOf(now)}T00:00:00Z`)) / DAY_MS);
export const addDaysTo = shiftDay;
