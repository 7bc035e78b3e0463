import type { AppRegistrar } from './app-registrar.port';
import type { CertificateRecord } from './certificate.repository';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import type { KeyCheckView } from './key-check.schemas';

export type CertificateSource = {
  credentialTypeOf(env: EnvironmentName): 'certificate' | 'secret' | 'either';
  current(nit: string, env: EnvironmentName): Promise<CertificateRecord | undefined>;
};

const day = (iso: string) => iso.slice(0, 10);

/** What only the software vendor can prove, said with every answer for a certificate. */
export const CLIENT_ASSERTION_NOTE =
  'Solo el proveedor tecnológico tiene la llave privada: el resto lo comprueba con su primera solicitud de token, firmando la aserción de cliente (client assertion) con ese certificado.';

/**
 * «Probar llaves» for an environment that accepts only certificates: the ministry cannot ask for a token (it never
 * holds the private key), so it checks what it can — the uploaded certificate is on the application as a key
 * credential (read through Microsoft Graph; registered by hand when the environment does not generate in Entra ID),
 * with the same SHA-1 thumbprint, and within its dates.
 */
export async function checkCertificateKeys(
  deps: { certificates: CertificateSource; registrar: Pick<AppRegistrar, 'readKeyCredentials'>; now: Date },
  nit: string,
  env: EnvironmentName,
): Promise<KeyCheckView> {
  const label = environmentLabels[env];
  const checkedAt = deps.now.toISOString();
  const failed = (problem: string, action: string): KeyCheckView => ({
    environment: env,
    ok: false,
    problem,
    action: `${action} ${CLIENT_ASSERTION_NOTE}`,
    checkedAt,
  });
  const record = await deps.certificates.current(nit, env);
  if (!record)
    return failed(
      `${label} acepta solo certificados y su entidad no ha cargado uno.`,
      'Cargue el certificado público (.cer o .pem) en Paso 2.',
    );
  const thumbprint = record.thumbprintSha1.toLowerCase();
  if (record.registration === 'pending')
    return failed(
      `El certificado con huella SHA-1 ${thumbprint} aún no está registrado en la aplicación de ${label}.`,
      'Un funcionario del Ministerio debe registrarlo en Microsoft Entra ID; pruebe de nuevo cuando Paso 2 lo muestre registrado.',
    );
  let notBefore = record.notBefore;
  let notAfter = record.notAfter;
  let where = `registrado a mano por el Ministerio${record.registeredBy ? ` (${record.registeredBy})` : ''}`;
  if (record.registration === 'entra' && record.entra) {
    if (!deps.registrar.readKeyCredentials) throw new Error('El registrador no puede leer los certificados de la aplicación.');
    const credentials = await deps.registrar.readKeyCredentials(env, record.entra.applicationObjectId);
    const found = credentials.find((credential) => credential.thumbprintSha1.toLowerCase() === thumbprint);
    if (!found)
      return failed(
        `El certificado con huella SHA-1 ${thumbprint} no aparece en la aplicación ${record.entra.appId} de ${label} en Microsoft Entra ID.`,
        'Cargue de nuevo el certificado en Paso 2 para que el sistema lo agregue, o comuníquese con la mesa de ayuda del Ministerio.',
      );
    notBefore = found.startDateTime ?? notBefore;
    notAfter = found.endDateTime ?? notAfter;
    where = `en la aplicación ${record.entra.appId} de Microsoft Entra ID`;
  }
  const now = deps.now.getTime();
  if (Date.parse(notAfter) <= now)
    return failed(
      `El certificado con huella SHA-1 ${thumbprint} de ${label} venció el ${day(notAfter)}.`,
      'Genere un certificado nuevo y cárguelo en Paso 2.',
    );
  if (Date.parse(notBefore) > now)
    return failed(
      `El certificado con huella SHA-1 ${thumbprint} de ${label} aún no es válido: empieza a regir el ${day(notBefore)}.`,
      'Espere a esa fecha o cargue un certificado ya vigente.',
    );
  return {
    environment: env,
    ok: true,
    kind: 'certificate',
    message: `El certificado está registrado ${where}, con la huella SHA-1 ${thumbprint}, y vigente hasta el ${day(notAfter)}.`,
    rolesMessage: CLIENT_ASSERTION_NOTE,
    thumbprintSha1: thumbprint,
    notAfter,
    checkedAt,
  };
}
