export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Bogota' }).format(new Date(iso));
}

/** Ends a sentence with one full stop, also after a time that already ends in one («3:04 p. m.»): never «p. m..». */
export const withStop = (text: string) => (text.endsWith('.') ? text : `${text}.`);

/** «queda 1 día», «quedan 12 días», «vence hoy», «vencida hace 1 día», «vencida hace 3 días». */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return 'vence hoy';
  if (daysLeft > 0) return daysLeft === 1 ? 'queda 1 día' : `quedan ${daysLeft} días`;
  return daysLeft === -1 ? 'vencida hace 1 día' : `vencida hace ${-daysLeft} días`;
}

export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Calendar days from today to the instant's day, both in Bogotá (UTC−5, no daylight saving): a certificate's `notAfter`. */
export function daysUntil(iso: string, now = new Date()): number {
  const bogotaDay = (ms: number) => Math.floor((ms - 5 * 3_600_000) / 86_400_000);
  return bogotaDay(Date.parse(iso)) - bogotaDay(now.getTime());
}
