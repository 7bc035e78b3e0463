import type { SessionUser } from '../accounts/accounts.schemas';
import { AppError } from '../kernel/app-error';

export function assertOfficer(user: SessionUser): void {
  if (user.role !== 'officer') throw new AppError('acceso-denegado', 403, 'Solo un funcionario MSPS puede hacer esto.');
}
