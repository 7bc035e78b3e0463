import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './accounts.schemas';
import { breachedPasswords, commonPasswords, stripAccents } from './common-passwords';
import type { PasswordHasher } from './password-hasher';

/** How many earlier passwords a new one may not repeat, besides the current one. */
export const PASSWORD_HISTORY = 5;

const TOO_COMMON = 'Esa contraseña es demasiado común. Use una frase o combinación difícil de adivinar.';

/**
 * The password rules of the activation and reset screens. Answers the Spanish reason the password is
 * refused, or undefined when it is acceptable.
 */
export function passwordProblem(password: string, person: { username: string; idNumber: string }): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `La contraseña no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres.`;
  if (/[\u0000-\u001f\u007f]/.test(password)) return 'La contraseña no puede tener caracteres de control.';

  if (!/\p{L}/u.test(password))
    return 'La contraseña debe incluir letras: solo números y signos suelen ser fechas, teléfonos o documentos fáciles de adivinar.';
  const folded = stripAccents(password);
  const compact = folded.replace(/[\s._-]/g, '');
  if (person.username && compact.includes(stripAccents(person.username).replace(/[\s._-]/g, ''))) {
    return 'La contraseña no puede contener su usuario.';
  }
  if (person.idNumber && compact.includes(stripAccents(person.idNumber))) {
    return 'La contraseña no puede contener su número de identificación.';
  }
  if (isCommonWithPadding(folded) || isCommonWithPadding(compact)) return TOO_COMMON;
  if (new Set(folded).size < 4) return 'La contraseña repite muy pocos caracteres distintos. Use una más variada.';
  return undefined;
}

/**
 * All the rules for a new password: the ones above, then the breached-password list ("passwordpassword",
 * "iloveyou2", a list word with digits and symbols around it, a word repeated), then the current password
 * and the last few, each checked against its stored hash.
 */
export async function newPasswordProblem(
  password: string,
  person: { username: string; idNumber: string; passwordHash?: string | undefined; previousPasswordHashes?: string | undefined },
  hasher: Pick<PasswordHasher, 'verify'>,
): Promise<string | undefined> {
  const problem = passwordProblem(password, person);
  if (problem) return problem;
  if (isBreached(stripAccents(password), await breachedPasswords())) return TOO_COMMON;
  for (const stored of [person.passwordHash, ...passwordHistory(person.previousPasswordHashes)]) {
    if (stored && (await hasher.verify(password, stored)))
      return `La nueva contraseña no puede ser la actual ni ninguna de las ${PASSWORD_HISTORY} anteriores. Elija una distinta.`;
  }
  return undefined;
}

/** The stored history, newest first. */
export const passwordHistory = (stored: string | undefined) => (stored ?? '').split(' ').filter(Boolean);

/** The history to keep once `replaced` (the current hash) gives way to a new password. */
export const historyAfterChange = (replaced: string | undefined, stored: string | undefined) =>
  [...(replaced ? [replaced] : []), ...passwordHistory(stored)].slice(0, PASSWORD_HISTORY).join(' ') || undefined;

function isBreached(folded: string, list: ReadonlySet<string>): boolean {
  const compact = folded.replace(/[\s._-]/g, '');
  // The core once digits and symbols around it are dropped: "Dragon2026!" → "dragon".
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if ([folded, compact].some((candidate) => list.has(candidate))) return true;
  if (core.length >= 4 && list.has(core)) return true;
  // One short piece repeated ("passwordpassword", "abcabcabcabc"): as easy to guess as the piece.
  return /^(.{1,8})\1+$/u.test(core);
}

/** A common password alone, or with only digits and symbols added before or after it ("Colombia2025!", "2025colombia"). */
function isCommonWithPadding(folded: string): boolean {
  if (commonPasswords.has(folded)) return true;
  const noLetters = (text: string) => !/[a-zñ]/.test(text);
  for (const word of commonPasswords) {
    if (word.length < 4) continue;
    const at = folded.indexOf(word);
    if (at >= 0 && noLetters(folded.slice(0, at)) && noLetters(folded.slice(at + word.length))) return true;
  }
  return false;
}
