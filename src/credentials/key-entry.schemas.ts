import { formatBogotaDay } from '../kernel/bogota-date';
import { addDays, isoDay } from './expiry-calendar';

/**
 * What is wrong with one value an official typed in the key form, said about what was typed and naming its
 * environment («… de Producción»): the web shows these texts beside each field and the API answers them in
 * its problem response. Each check answers undefined when the value is fine.
 */

export const MAX_EXPIRY_MONTHS = 24;
export const GUID_EXAMPLE = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** What may be typed between 8 and 512 characters, shown back shortened when it is quoted in a message. */
const quoted = (value: string) => `«${value.length > 24 ? `${value.slice(0, 24)}…` : value}»`;

export function guidProblem(value: string | undefined, name: string, environment: string): string | undefined {
  const typed = value?.trim() ?? '';
  if (typed === '') return `Ingrese el ${name} de ${environment}.`;
  if (GUID.test(typed)) return undefined;
  const stray = /[^0-9a-fA-F-]/.exec(typed)?.[0];
  const why = stray
    ? `${quoted(typed)} tiene ${stray === ' ' ? 'espacios' : `el carácter «${stray}»`}, y solo van dígitos, letras de la a a la f y guiones`
    : typed.length !== 36
      ? `${quoted(typed)} tiene ${typed.length} caracteres y un GUID tiene 36`
      : `en ${quoted(typed)} los guiones no están en su lugar (grupos de 8-4-4-4-12)`;
  return `El ${name} de ${environment} debe ser un GUID, por ejemplo ${GUID_EXAMPLE}: ${why}.`;
}

export function secretProblem(value: string, name: string, environment: string): string | undefined {
  if (value.length < 8) return `El ${name} de ${environment} debe tener al menos 8 caracteres (tiene ${value.length}).`;
  if (value.length > 512) return `El ${name} de ${environment} no puede tener más de 512 caracteres (tiene ${value.length}).`;
  if (/[\s\u0000-\u001f\u007f]/.test(value))
    return `El ${name} de ${environment} tiene espacios o saltos de línea: cópielo de nuevo, sin espacios antes, dentro ni después.`;
  return undefined;
}

/** Today's calendar day in Bogotá (UTC−5 all year), for the browser as for the server. */
export const bogotaToday = (now: Date) => isoDay(new Date(now.getTime() - 5 * 3_600_000));

/** The days an expiry may take from `today` (Bogotá): tomorrow through MAX_EXPIRY_MONTHS ahead. */
export function expiryRange(today: string): { min: string; max: string } {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCMonth(limit.getUTCMonth() + MAX_EXPIRY_MONTHS);
  return { min: addDays(today, 1), max: isoDay(limit) };
}

/**
 * The expiry proposed for keys generated in Entra ID: the policy's maximum, but never past 729 days from today.
 * Entra ID tenants commonly cap a secret's life at two years (730 days) counted from its creation, and a key here
 * lasts until 23:59:59 of its day in Bogotá; with a 29 February in between, 24 calendar months are 731 days, which
 * Entra ID would refuse.
 */
export function entraDefaultExpiry(today: string): string {
  const { max } = expiryRange(today);
  const safe = addDays(today, 729);
  return safe < max ? safe : max;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/** `undefined` when the day exists, else why not. */
function missingDay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `el mes ${month} no existe: van del 01 al 12`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) return `${day} de ${MONTHS[month - 1]} de ${year}: ese mes tiene ${days} días`;
  return undefined;
}

/** The expiry date: typed (free text, where the browser has no date field) or picked, always AAAA-MM-DD. */
export function expiryProblem(value: string, environment: string, today?: string): string | undefined {
  const field = `La fecha de expiración de ${environment}`;
  const typed = value.trim();
  if (typed === '') return `Ingrese la fecha de expiración de ${environment}.`;
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
  if (dayFirst) {
    const [day, month, year] = dayFirst.slice(1).map(Number) as [number, number, number];
    const missing = missingDay(year, month, day);
    if (missing) return `${field} no existe (${missing}).`;
    return `${field} debe escribirse año-mes-día (AAAA-MM-DD): para el ${day} de ${MONTHS[month - 1]} de ${year} escriba ${year}-${pad(month)}-${pad(day)}.`;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed);
  if (!iso) return `${field} (${quoted(typed)}) no es una fecha: escríbala año-mes-día (AAAA-MM-DD), por ejemplo 2027-11-30.`;
  const [year, month, day] = iso.slice(1).map(Number) as [number, number, number];
  const missing = missingDay(year, month, day);
  if (missing) return `${field} no existe (${missing}).`;
  if (today === undefined) return undefined;
  const { max } = expiryRange(today);
  if (typed < today) return `${field} ya pasó (${formatBogotaDay(typed)}): elija una posterior a hoy.`;
  if (typed === today) return `${field} es hoy: elija una posterior a hoy (las llaves vencerían esta noche).`;
  if (typed > max)
    return `${field} pasa del máximo de ${MAX_EXPIRY_MONTHS} meses (${formatBogotaDay(typed)}): elija el ${formatBogotaDay(max)} o antes.`;
  return undefined;
}

export function scopeProblem(value: string, environment: string): string | undefined {
  if (value === '') return `Ingrese el ámbito (scope) de ${environment}.`;
  if (/^api:\/\/[A-Za-z0-9._~:/-]+\/\.default$/.test(value)) return undefined;
  return `El ámbito (scope) de ${environment} debe tener la forma api://<aplicación>/.default, por ejemplo api://ihce-produccion/.default (se escribió ${quoted(value)}).`;
}

export function endpointProblem(value: string, environment: string): string | undefined {
  if (value === '') return `Ingrese el punto de conexión (endpoint) de ${environment}.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `El punto de conexión (endpoint) de ${environment} debe ser una dirección web completa, por ejemplo https://apim-ihce.azure-api.net/fhir (se escribió ${quoted(value)}).`;
  }
  if (url.protocol !== 'https:')
    return `El punto de conexión (endpoint) de ${environment} debe empezar por https:// (se escribió ${quoted(value)}).`;
  return undefined;
}
