import { AppError } from '../kernel/app-error';

/** The part of a signed-in user that says whose key file they may work on. */
type KeyFileUser = { role: string; entity?: { nit: string } | undefined };

/** A delegate works on their own provider's key file only; this is its NIT. Anyone else is refused. */
export function delegateNit(user: KeyFileUser): string {
  if (user.role !== 'delegate' || !user.entity)
    throw new AppError('acceso-denegado', 403, 'Solo un Delegado Administrativo puede hacer esto.');
  return user.entity.nit;
}
