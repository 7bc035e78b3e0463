import { AppError } from '../kernel/app-error';

/** Wrong passwords answered at once; from the next one on, each failure makes the account wait longer. */
export const FREE_FAILURES = 2;
const FIRST_DELAY_MS = 30 * 1000;
export const MAX_DELAY_MS = 15 * 60 * 1000;

/** 30 s after the 3rd failure, doubling each time (1, 2, 4, 8 min), never more than 15 min. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1));
}

export const bogotaTime = (at: Date) =>
  at.toLocaleTimeString('es-CO', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'America/Bogota' });

const spell = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} segundos` : `${Math.ceil(ms / 60_000)} minuto(s)`);

const INVALID = 'Usuario o contraseña incorrectos, o la cuenta aún no está activa.';

/**
 * The one answer to every failed sign-in. `failuresInARow` (the account's streak, or for a username without an
 * active account the failures counted under it this hour) adds how many attempts are left before the first
 * wait, once there are 2 or fewer: the same shape whether or not the account exists.
 */
export function invalidCredentials(failuresInARow?: number): AppError & { failuresInARow?: number } {
  const left = failuresInARow === undefined ? 0 : FREE_FAILURES + 1 - failuresInARow;
  const warning =
    left >= 1 && left <= 2
      ? ` ${left === 1 ? 'Le queda 1 intento' : `Le quedan ${left} intentos`} antes de que la cuenta se bloquee por ${spell(delayAfter(FREE_FAILURES + 1))} (cada fallo siguiente alarga el bloqueo, hasta ${spell(MAX_DELAY_MS)}). Si no recuerda la contraseña, use «¿Olvidó su contraseña?».`
      : '';
  return Object.assign(new AppError('credenciales-invalidas', 401, INVALID + warning), { failuresInARow });
}

export function waitError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'cuenta-en-espera',
    423,
    `Por seguridad, después de varios intentos fallidos esta cuenta debe esperar ${spell(seconds * 1000)} antes del siguiente intento (a las ${bogotaTime(until)}, hora de Colombia). Cada intento fallido alarga la espera; si no recuerda la contraseña, use «¿Olvidó su contraseña?».`,
    { headers: { 'Retry-After': String(seconds) } },
  );
}
