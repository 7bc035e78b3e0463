const dayFormat = new Intl.DateTimeFormat('es-CO', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'America/Bogota' });
const timeFormat = new Intl.DateTimeFormat('es-CO', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'America/Bogota' });
const utcDayFormat = new Intl.DateTimeFormat('es-CO', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** ICU writes «p. m.» with narrow no-break spaces, and some versions «a las»: e-mails get plain spaces and a comma. */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** A date and time as people in Colombia read it: «5 de noviembre de 2026, 3:04 p. m.». */
export function formatBogotaDate(date: Date | string): string {
  const value = new Date(date);
  return plainSpaces(`${dayFormat.format(value)}, ${timeFormat.format(value)}`);
}

/** The calendar year in Bogotá (UTC−5 all year): 31 Dec 23:59 there is still that year even though UTC has moved on. */
export function bogotaYear(date: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: 'America/Bogota' }).format(date));
}

/** A calendar day (AAAA-MM-DD, as expiry dates are kept): «30 de junio de 2027». */
export function formatBogotaDay(isoDay: string): string {
  return plainSpaces(utcDayFormat.format(new Date(`${isoDay}T00:00:00Z`)));
}

/** Ends a sentence with one full stop, also after a time that already ends in one («3:04 p. m.»). */
export const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);
