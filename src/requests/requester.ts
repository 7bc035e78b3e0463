import { usernameFor } from '../accounts/account-holder';
import type { DirectoryRepository } from '../directory/directory.repository';
import { documentTypes } from '../identity/colombian-ids';

/** The delegate who made a request, as the directory knows them today (name, e-mail and, when the file gave one, phone). */
export type Requester =
  { username: string; name: string; email: string; phone?: string; inDirectory: true } | { username: string; inDirectory: false };

/**
 * Who asked, from the directory: a request keeps only the username (`<tipo><número>-<NIT>`), and the directory stays
 * the one source of names and e-mails. Point reads of the document types the username can begin with (usually one),
 * not a query of the provider's delegates. A delegate since removed from the directory is answered as such.
 */
export async function requesterOf(directory: DirectoryRepository, nit: string, username: string): Promise<Requester> {
  const person = username.endsWith(`-${nit}`) ? username.slice(0, -(nit.length + 1)) : '';
  const candidates = documentTypes
    .filter(({ code }) => person.length > code.length && person.startsWith(code))
    .map(({ code }) => ({ idType: code, idNumber: person.slice(code.length) }));
  const found = await Promise.all(candidates.map((candidate) => directory.getDelegate(nit, candidate)));
  const delegate = found.find((d) => d && usernameFor({ role: 'delegate', idType: d.idType, idNumber: d.idNumber, nit }) === username);
  return delegate
    ? {
        username,
        name: `${delegate.firstNames} ${delegate.lastNames}`,
        email: delegate.email,
        ...(delegate.phone && { phone: delegate.phone }),
        inDirectory: true,
      }
    : { username, inDirectory: false };
}
