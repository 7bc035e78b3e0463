import { ConcurrencyError, retryOnConflict } from '../platform/storage/concurrency';
import { tableKey } from '../platform/storage/keys';
import type { Storage } from '../platform/storage/storage';
import { AccountChangedError, storedAccountSchema, type Account, type AccountRepository, type StoredAccount } from './account.repository';

const ROW = 'account';
type AccountRow = Omit<Account, 'username'>;

/** Accounts in the `accounts` table: partition = the username (escaped), one row each. */
export function createAccountTableRepository(storage: Storage): AccountRepository {
  const table = storage.tableOf<AccountRow>('accounts');
  const toEntity = ({ username, ...account }: Account) => ({ partitionKey: tableKey(username), rowKey: ROW, ...account });

  const repository: AccountRepository = {
    async get(username) {
      const row = await table.get(tableKey(username), ROW);
      return row && { ...storedAccountSchema.parse(row), username, version: row.version };
    },
    async create(account) {
      return (await table.insert(toEntity(account))).status === 'inserted';
    },
    async update({ version, ...account }: StoredAccount) {
      try {
        return await table.replace(toEntity(account), version);
      } catch (error) {
        if (error instanceof ConcurrencyError) throw new AccountChangedError('La cuenta cambió mientras se actualizaba.', { cause: error });
        throw error;
      }
    },
    modify: (username, change) =>
      retryOnConflict(
        async () => {
          const current = await repository.get(username);
          if (!current) return undefined;
          const next = change(current);
          if (!next) return current;
          return { ...next, version: await repository.update(next) };
        },
        { attempts: 10, failure: () => new AccountChangedError('La cuenta cambió demasiadas veces mientras se actualizaba.') },
      ),
  };
  return repository;
}
