import { usernameFor } from '../accounts/account-holder';
import type { DirectoryRepository } from '../directory/directory.repository';

/** The delegate who made a request, as the directory knows them today (name and e-mail). */
export type Requester = { username: string; name: string; email: string; inDirectory: true } | { username: string; inDirectory: false };

/**
 * Who asked, from the directory: a request keeps only the username (`CC123…-<NIT>`), and the directory stays the
 * one source of names and e-mails. A delegate since removed from the directory is answered as such.
 */
export async function requesterOf(directory: DirectoryRepository, nit: string, username: string): Promise<Requester> {
  const delegates = await directory.delegatesOf(nit);
  const delegate = delegates.find((d) => usernameFor({ role: 'delegate', idType: d.idType, idNumber: d.idNumber, nit }) === username);
  return delegate
    ? { username, name: `${delegate.firstNames} ${delegate.lastNames}`, email: delegate.email, inDirectory: true }
    : { username, inDirectory: false };
}
