import { AppError } from '../kernel/app-error';
import type { EnvironmentName } from './credentials.schemas';

/**
 * A lost upload could not put the application back as the record says (the lease stayed held, or Graph failed):
 * the application may lack the registered certificate while the record names it. Logged with the marker an alert
 * rule looks for; the uploader gets a 503 (Graph's own refusal, when that was the cause).
 */
export function notRestored(
  log: ((message: string, error?: unknown) => void) | undefined,
  nit: string,
  env: EnvironmentName,
  cause?: unknown,
) {
  log?.(`IHCE-CERTIFICADO-SIN-RESTAURAR: la aplicación de ${nit} (${env}) puede no tener el certificado registrado`, cause);
  if (cause instanceof AppError) return cause;
  return new AppError(
    'certificado-sin-restaurar',
    503,
    'Otra carga de certificado para este ambiente terminó primero, pero no fue posible comprobar que la aplicación en Microsoft Entra ID quedó con el certificado registrado. Recargue la página, revise cuál quedó y avise al Ministerio si el problema sigue.',
    { cause },
  );
}
