/**
 * The ~49,000 most common passwords of public breach lists (zxcvbn-ts's dictionary), loaded on first use:
 * only the calls that set a password pay for it, not every cold start of the API.
 */
let breached: Promise<ReadonlySet<string>> | undefined;
export function breachedPasswords(): Promise<ReadonlySet<string>> {
  breached ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'].map((word) => stripAccents(word))),
  );
  return breached;
}

/**
 * Passwords and base words that lead every public breach list, plus the Spanish and Colombian ones that
 * lead local lists. A password is refused if, lower-cased and without accents, it is one of these, or is one
 * of these with digits and symbols around it ("Colombia2025!" → "colombia").
 */
export const commonPasswords: ReadonlySet<string> = new Set(
  `123456 123456789 12345678 1234567890 12345 1234567 password qwerty qwerty123 qwertyuiop 111111 123123 abc123
  password1 password123 iloveyou 000000 1q2w3e4r 1q2w3e4r5t qwe123 123qwe zaq12wsx 1qaz2wsx 654321 987654321
  666666 888888 121212 112233 123321 7777777 aa123456 a123456 abcd1234 asdfgh asdfghjkl zxcvbnm zxcvbn
  admin administrator administrador root toor letmein welcome bienvenido bienvenida monkey dragon master
  football baseball soccer futbol superman batman princess princesa sunshine shadow michael jennifer
  trustno1 starwars whatever freedom hello hola secret secreto login passw0rd p@ssw0rd p@ssword changeme
  contrasena contraseña clave miclave mi clave clave123 usuario usuarios teamo te amo tequiero amor amorcito
  mimamá mama papa familia familia123 dios diosesamor jesus jesucristo cristo angel angelito corazon
  colombia colombia1 colombiano colombiana bogota medellin cali barranquilla cartagena bucaramanga
  cucuta pereira manizales ibague santamarta villavicencio pasto monteria neiva armenia popayan
  millonarios nacional atletico america santafe juniors junior tolima once caldas
  minsalud ministerio salud saludcolombia hospital clinica medico medicina enfermera sispro hercules
  ihce historia historiaclinica interoperabilidad token llaves llave acceso seguridad seguro
  abcdef abcdefg abcdefgh abcdefghijkl qazwsx qazwsxedc asdasd asd123 qweasd qweasdzxc
  aaaaaa aaaaaaaaaaaa 1111111111 1234512345 0987654321 9876543210 147258369 159753 159357 741852963
  holamundo hola123 mariposa estrella tesoro carolina alejandro alejandra daniel daniela valentina
  santiago sebastian camila andres andrea natalia juliana catalina felipe carlos maria mariana
  jose juan luis sofia laura paula diana sandra claudia patricia gloria martha adriana monica
  empresa oficina trabajo sistemas soporte tecnologia computador internet`
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => stripAccents(word)),
);

export function stripAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
