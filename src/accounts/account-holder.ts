import type { DirectoryRepository } from '../directory/directory.repository';
import type { DocumentType } from '../identity/colombian-ids';
import { nitCheckDigit } from '../identity/colombian-ids';
import { roles, type Role, type SessionUser } from './accounts.schemas';

export type HolderRef = { role: Role; idType: DocumentType; idNumber: string; nit?: string | undefined };
export type Holder = { fullName: string; email: string; entity?: { nit: string; name: string } };

/** The username the system assigns: document type and number, plus the entity's NIT for a delegate. */
export function usernameFor(ref: HolderRef): string {
  const person = `${ref.idType}${ref.idNumber}`.toUpperCase();
  return ref.role === 'delegate' ? `${person}-${ref.nit}` : person;
}

export const normalizeUsername = (value: string) => value.trim().toUpperCase();

/**
 * What may be written to the audit trail as the user someone typed: only something shaped like a username.
 * Anything else (a password typed into the wrong box, say) is replaced, so it never lands in a table.
 */
export const auditableUsername = (normalized: string) =>
  /^[A-Z]{1,3}[A-Z0-9]{3,16}(-\d{6,10})?$/.test(normalized) ? normalized : '(usuario-no-valido)';

/**
 * Who holds an account, read from the directory every time: a delegate removed from the delegates file,
 * or an official removed from the officers file, resolves to nothing and so loses access at once.
 */
export async function resolveHolder(directory: DirectoryRepository, ref: HolderRef): Promise<Holder | undefined> {
  if (ref.role === 'officer') {
    const officer = await directory.getOfficer(ref);
    return officer && { fullName: `${officer.firstNames} ${officer.lastNames}`, email: officer.email };
  }
  if (!ref.nit) return undefined;
  const [delegate, provider] = await Promise.all([directory.getDelegate(ref.nit, ref), directory.getProvider(ref.nit)]);
  return delegate && provider
    ? {
        fullName: `${delegate.firstNames} ${delegate.lastNames}`,
        email: delegate.email,
        entity: { nit: provider.nit, name: provider.name },
      }
    : undefined;
}

export function toSessionUser(username: string, role: Role, holder: Holder): SessionUser {
  return {
    username,
    fullName: holder.fullName,
    role,
    roleCode: roles[role].code,
    roleLabel: roles[role].label,
    ...(holder.entity && { entity: { ...holder.entity, checkDigit: nitCheckDigit(holder.entity.nit) } }),
  };
}

/** `juana.perez@clinica.com.co` → `ju***@c******.com.co`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const [host = '', ...rest] = domain.split('.');
  const keep = (value: string, visible: number) => value.slice(0, visible) + '*'.repeat(Math.max(3, value.length - visible));
  return `${keep(local, Math.min(2, Math.max(1, local.length - 1)))}@${keep(host, 1)}${rest.length ? '.' + rest.join('.') : ''}`;
}
