/**
 * The configuration download of an environment that accepts only certificates (…_CREDENTIAL_TYPE=certificate):
 * no ClientSecret, and what the vendor's software does instead — the client-credentials grant with a client
 * assertion (private_key_jwt, RFC 7523), the JWT signed with the private key only the vendor holds.
 */

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Hex thumbprint → base64url, as the JWT header's `x5t#S256` (SHA-256) or `x5t` (SHA-1) carries it. */
export const thumbprintHeader = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

export function clientAssertionGuide(
  keys: { clientId: string; tokenUrl: string; scope: string },
  certificate?: { thumbprintSha256: string; thumbprintSha1: string },
) {
  const x5tS256 = certificate ? thumbprintHeader(certificate.thumbprintSha256) : '<cargue el certificado en el Paso 2>';
  const instructions = [
    'Este ambiente usa certificado (client assertion, private_key_jwt), no ClientSecret. La llave privada nunca sale de su software.',
    `1. Arme un JWT con el encabezado {"alg": "RS256" o "ES256" según su llave, "typ": "JWT", "x5t#S256": "${x5tS256}"} (huella SHA-256 del certificado en base64url; si su biblioteca solo admite x5t, use la huella SHA-1).`,
    `2. Reclamos: "aud" = ${keys.tokenUrl} (la URL del token), "iss" = "sub" = ${keys.clientId} (el ClientID), "jti" = un identificador único por solicitud, "nbf" e "iat" = ahora, "exp" = a más tardar 10 minutos después.`,
    '3. Fírmelo con la llave privada del certificado cargado.',
    `4. Pida el token con POST a ${keys.tokenUrl} (application/x-www-form-urlencoded): grant_type=client_credentials, client_id=${keys.clientId}, scope=${keys.scope}, client_assertion_type=${CLIENT_ASSERTION_TYPE}, client_assertion=<el JWT firmado>.`,
    'Un JWT nuevo por cada solicitud de token. Antes de que el certificado venza, genere uno nuevo y cárguelo en el Paso 2: el anterior sigue aceptado hasta el siguiente cambio.',
  ].join('\n');
  return {
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    clientAssertionAudience: keys.tokenUrl,
    x5tS256,
    ...(certificate && { certificateThumbprintSha1: certificate.thumbprintSha1 }),
    instrucciones: instructions,
  };
}
