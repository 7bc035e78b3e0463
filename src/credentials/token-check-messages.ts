import type { TokenCheckResult } from './token-check.port';

/**
 * What each Entra ID error of a token request means for a person, in plain Spanish: what is wrong and what to
 * do. The delegate cannot change the keys (the Ministry registered them); the official can fix what was typed.
 * Codes and meanings: Microsoft Entra authentication and authorization error codes,
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes (and login.microsoftonline.com/error?code=…).
 */
export type Reader = 'delegate' | 'officer';
export type KeyProblem = { problem: string; action: Record<Reader, string> };

const askMinistry =
  'Escriba al Ministerio de Salud y Protección Social (soporte de IHCE) con el código de abajo, o pida llaves nuevas con «Resolicitud Token».';

export const aadstsMessages: Record<string, KeyProblem> = {
  AADSTS7000215: {
    problem:
      'El ClientSecret no corresponde a la aplicación (ClientID): está mal copiado o es el identificador del secreto (Secret ID) en lugar de su valor.',
    action: {
      delegate: `Si copió el ClientSecret en su software, cópielo de nuevo con «Copiar». Si esta prueba falla con las llaves tal como están aquí, el Ministerio las registró con un error: ${askMinistry}`,
      officer:
        'Copie de nuevo el valor (Value) del secreto desde «Certificados y secretos» del registro de aplicación en Entra ID, no su identificador (Secret ID).',
    },
  },
  AADSTS7000222: {
    problem: 'El ClientSecret venció en Entra ID.',
    action: {
      delegate: `Sus llaves necesitan un ClientSecret nuevo: pídalo con «Resolicitud Token». ${askMinistry}`,
      officer:
        'Cree un secreto nuevo en «Certificados y secretos» del registro de aplicación (o elija «Generarlas en Entra ID») y regístrelo.',
    },
  },
  AADSTS700016: {
    problem: 'No existe una aplicación con ese ClientID en el tenant: el ClientID está mal escrito o pertenece a otro tenant.',
    action: {
      delegate: `Revise que su software use el ClientID tal como aparece aquí (use «Copiar»). Si coincide, ${askMinistry}`,
      officer: 'Copie el «Id. de aplicación (cliente)» del registro de aplicación y confirme que el tenant es el del ambiente.',
    },
  },
  AADSTS90002: {
    problem: 'El tenant no existe en Microsoft Entra ID: el identificador del tenant está mal escrito.',
    action: {
      delegate: `Revise que su software use el tenant tal como aparece aquí (use «Copiar»). Si coincide, ${askMinistry}`,
      officer: 'Copie el «Id. de directorio (inquilino)» del tenant del ambiente.',
    },
  },
  AADSTS500011: {
    problem: 'El scope no corresponde a ninguna API de ese tenant: está mal copiado o es el de otro ambiente.',
    action: {
      delegate: `Use el scope tal como aparece aquí (termina en /.default). Si coincide, ${askMinistry}`,
      officer: 'Escriba el scope de la API de IHCE de este ambiente (el URI de id. de la aplicación seguido de /.default).',
    },
  },
  AADSTS70011: {
    problem: 'El scope no tiene la forma que pide el flujo de credenciales de cliente (api://…/.default).',
    action: {
      delegate: `Use el scope tal como aparece aquí. Si coincide, ${askMinistry}`,
      officer: 'Escriba el scope como el URI de id. de la API seguido de /.default, sin espacios.',
    },
  },
  AADSTS501051: {
    problem: 'La aplicación no tiene el permiso (rol de aplicación) de la API de IHCE.',
    action: {
      delegate: 'El Ministerio debe aprobar el permiso de la API de IHCE para su aplicación; no tiene que cambiar nada en su software.',
      officer: 'Pida al administrador de Entra ID que conceda el rol de la API de IHCE a la aplicación (npm run entra:grant-api-access).',
    },
  },
  AADSTS7000112: {
    problem: 'La aplicación está deshabilitada en Entra ID.',
    action: {
      delegate: askMinistry,
      officer:
        'Habilite la entidad de servicio de la aplicación en Entra ID («Aplicaciones empresariales») o registre llaves de otra aplicación.',
    },
  },
  AADSTS7000218: {
    problem: 'La solicitud no llevó ClientSecret.',
    action: { delegate: askMinistry, officer: 'Escriba el ClientSecret de la aplicación.' },
  },
  AADSTS700027: {
    problem: 'El certificado con que se firmó la solicitud no está registrado en la aplicación o venció.',
    action: {
      delegate: 'El proveedor tecnológico debe firmar con el certificado que registró para este ambiente.',
      officer: 'Registre en la aplicación el certificado del proveedor y revise sus fechas.',
    },
  },
  AADSTS50196: {
    problem: 'Microsoft Entra ID está limitando las solicitudes de token de esta aplicación (demasiadas seguidas).',
    action: { delegate: 'Espere unos minutos y pruebe de nuevo.', officer: 'Espere unos minutos y verifique de nuevo.' },
  },
};

const throttled = aadstsMessages.AADSTS50196!;
const unknownRefusal: KeyProblem = {
  problem: 'Microsoft Entra ID rechazó la solicitud del token.',
  action: {
    delegate: askMinistry,
    officer: 'Revise el ClientID, el ClientSecret, el tenant y el scope con el detalle de Entra ID de abajo.',
  },
};
const unreachable: KeyProblem = {
  problem: 'No fue posible comunicarse con el servicio de tokens del Ministerio (Microsoft Entra ID).',
  action: { delegate: 'Pruebe de nuevo en unos minutos.', officer: 'Pruebe de nuevo en unos minutos.' },
};
const badToken: KeyProblem = {
  problem: 'Entra ID entregó un token que no pasó la verificación de firma, fechas o tenant.',
  action: { delegate: askMinistry, officer: 'Confirme que el tenant escrito es el del ambiente y verifique de nuevo.' },
};

/** The explanation of a failed check for the one who reads it; the raw code is shown beside it. */
export function explainFailure(result: Extract<TokenCheckResult, { ok: false }>, reader: Reader) {
  const entry =
    result.kind === 'unreachable'
      ? unreachable
      : result.kind === 'bad-token'
        ? badToken
        : ((result.code ? aadstsMessages[result.code] : undefined) ?? (result.httpStatus === 429 ? throttled : unknownRefusal));
  const wait = result.retryAfterSeconds ? ` Espere ${Math.ceil(result.retryAfterSeconds / 60)} minuto(s).` : '';
  return { problem: entry.problem, action: `${entry.action[reader]}${entry === throttled ? wait : ''}` };
}

/** «Las llaves funcionan…», with what the token carries. */
export function successMessage(lifetimeMinutes: number, scope: string) {
  return `Las llaves funcionan: el Ministerio emitió un token válido por ${lifetimeMinutes} minutos para ${scope}`;
}
export const rolesMessage = (roles: string[]) =>
  roles.length > 0
    ? `El token trae los roles: ${roles.join(', ')}.`
    : 'El token no trae roles de la API de IHCE: la API lo rechazará hasta que el Ministerio apruebe el permiso de la aplicación.';
