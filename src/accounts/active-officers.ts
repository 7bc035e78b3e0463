import type { DirectoryRepository } from '../directory/directory.repository';
import { usernameFor } from './account-holder';
import type { AccountRepository } from './account.repository';

/** E-mail addresses of the ministry officials who are in the directory and have activated their account. */
export function createActiveOfficers({ accounts, directory }: { accounts: AccountRepository; directory: DirectoryRepository }) {
  return {
    async emails(): Promise<string[]> {
      const officers = await directory.listOfficers();
      const accountsOf = await Promise.all(officers.map((officer) => accounts.get(usernameFor({ role: 'officer', ...officer }))));
      return officers.filter((_, index) => accountsOf[index]?.status === 'active').map((officer) => officer.email);
    },
  };
}
export type ActiveOfficers = ReturnType<typeof createActiveOfficers>;
