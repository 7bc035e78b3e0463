import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './accounts.schemas';
import { commonPasswords, stripAccents } from './common-passwords';

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
  if (isCommonWithPadding(folded) || isCommonWithPadding(compact)) {
    return 'Esa contraseña es demasiado común. Use una frase o combinación difícil de adivinar.';
  }
  if (new Set(folded).size < 4) return 'La contraseña repite muy pocos caracteres distintos. Use una más variada.';
  return undefined;
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
