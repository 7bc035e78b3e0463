/** A date and time as people in Colombia read it: «5 de noviembre de 2026, 3:04 p. m.». */
export function formatBogotaDate(date: Date | string): string {
  return new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Bogota' }).format(new Date(date));
}
