import type { DirectoryRepository } from '../../src/directory/directory.repository';
import { personKey } from '../../src/directory/directory.repository';
import { OFFICER_APP_ROLE, type LocalIdpPerson } from './local-oidc-provider';

/**
 * The local provider's users: every official of the officers' directory, by e-mail, with the app role
 * IHCE.Funcionario assigned (as the ministry would assign it in Entra ID).
 */
export function officersAtLocalIdp(directory: Pick<DirectoryRepository, 'listOfficers'>) {
  return async (email: string): Promise<LocalIdpPerson | undefined> => {
    const officer = (await directory.listOfficers()).find((o) => o.email.toLowerCase() === email.toLowerCase());
    return (
      officer && {
        email: officer.email.toLowerCase(),
        fullName: `${officer.firstNames} ${officer.lastNames}`,
        key: personKey(officer),
        roles: [OFFICER_APP_ROLE],
      }
    );
  };
}
