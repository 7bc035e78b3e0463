/** A date and time as people in Colombia read it: «5 de noviembre de 2026, 3:04 p. m.». */
export function formatBogotaDate(date: Date | string): string {
  return new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Bogota' }).format(new Date(date));
}

/** The calendar year in Bogotá (UTC−5 all year): 31 Dec 23:59 there is still that year even though UTC has moved on. */
export function bogotaYear(date: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: 'America/Bogota' }).format(date));
}
