import { AppError, conflict, validationFailed } from '../kernel/app-error';
import { RegistrarError } from './app-registrar.port';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';

export const secretStoreUnavailable = (cause: unknown) =>
  new AppError(
    'almacen-de-secretos-no-disponible',
    503,
    'No fue posible guardar los secretos en el almacén seguro (Key Vault). No se cambió nada: las llaves anteriores siguen vigentes. Intente guardar de nuevo en unos minutos.',
    { cause, headers: { 'Retry-After': '30' } },
  );

/** Entra ID's refusal in the official's words: what failed, why, and that nothing changed. */
export function registrarFailure(error: unknown, env: EnvironmentName): AppError {
  const label = environmentLabels[env];
  if (!(error instanceof RegistrarError))
    return new AppError(
      'entra-no-disponible',
      503,
      `No fue posible generar las llaves de ${label} en Microsoft Entra ID. No se cambió nada; intente de nuevo en unos minutos.`,
      { cause: error },
    );
  switch (error.kind) {
    case 'forbidden':
      return new AppError(
        'entra-sin-permiso',
        502,
        `Microsoft Entra ID no autorizó a este sistema a crear o actualizar aplicaciones en el tenant de ${label}. Un administrador del tenant debe conceder a la identidad del sistema el permiso de aplicación «Application.ReadWrite.OwnedBy» de Microsoft Graph (solo ese), con consentimiento de administrador; vea «Generar en Entra ID» en el README. No se cambió nada: puede registrar las llaves manualmente.`,
        { cause: error },
      );
    case 'throttled':
      return new AppError(
        'entra-ocupado',
        503,
        `Microsoft Entra ID está limitando las solicitudes de ${label}. No se cambió nada; intente de nuevo en ${error.retryAfterSeconds ?? 30} segundos.`,
        {
          cause: error,
          headers: { 'Retry-After': String(error.retryAfterSeconds ?? 30) },
        },
      );
    case 'invalid-expiry':
      return validationFailed([
        {
          field: `${env}.expiresOn`,
          message: `Microsoft Entra ID no aceptó la fecha de expiración de ${label}: la política del tenant limita la vigencia de los secretos. Elija una fecha más cercana.`,
        },
      ]);
    case 'unavailable':
      return new AppError(
        'entra-no-disponible',
        503,
        `No fue posible generar las llaves de ${label} en Microsoft Entra ID. No se cambió nada; intente de nuevo en unos minutos.`,
        { cause: error },
      );
  }
}

export const concurrentChange = () =>
  conflict(
    'expediente-modificado',
    'Otro funcionario guardó cambios en este prestador mientras usted editaba. Recargue para ver los datos actuales y vuelva a guardar.',
  );

export const uncertainSave = (cause: unknown) =>
  new AppError(
    'guardado-sin-confirmar',
    503,
    'El almacenamiento no confirmó si las llaves quedaron guardadas. Recargue el prestador para ver cuáles quedaron vigentes antes de volver a guardar.',
    { cause, headers: { 'Retry-After': '10' } },
  );
