import * as z from 'zod';
import { documentTypeSchema } from '../identity/colombian-ids';
import { getEntityOrUndefined, isStatus, tableKey, type Storage } from '../platform/storage/storage';

const ROW = 'account';

const accountEntitySchema = z.object({
  partitionKey: z.string(),
  etag: z.string(),
  role: z.enum(['delegate', 'officer']),
  idType: documentTypeSchema,
  idNumber: z.string(),
  nit: z.string().optional(),
  status: z.enum(['pending', 'active']),
  passwordHash: z.string().optional(),
  failedAttempts: z.number().int().default(0),
  lockedUntil: z.coerce.date().optional(),
  tokenHash: z.string().optional(),
  tokenPurpose: z.enum(['activation', 'reset']).optional(),
  tokenExpiresOn: z.coerce.date().optional(),
  consentVersion: z.string(),
  consentAcceptedAt: z.coerce.date(),
  createdAt: z.coerce.date(),
  activatedAt: z.coerce.date().optional(),
  passwordChangedAt: z.coerce.date().optional(),
});

export type Account = Omit<z.infer<typeof accountEntitySchema>, 'partitionKey' | 'etag'> & { username: string };
export type StoredAccount = Account & { etag: string };

export class AccountChangedError extends Error {
  override name = 'AccountChangedError';
}

/**
 * One row per account, keyed by its username. Who the person is (name, e-mail, entity) is not copied
 * here: it is read from the directory, which stays the single source of truth.
 */
export function createAccountRepository(storage: Storage) {
  const table = storage.table('accounts');
  const toEntity = ({ username, ...account }: Account) => ({ partitionKey: tableKey(username), rowKey: ROW, ...account });

  const repository = {
    async get(username: string): Promise<StoredAccount | undefined> {
      const row = await getEntityOrUndefined(table, tableKey(username), ROW);
      if (!row) return undefined;
      const { partitionKey: _key, ...account } = accountEntitySchema.parse(row);
      return { ...account, username };
    },
    /** Answers false when an account with that username already exists. */
    async create(account: Account): Promise<boolean> {
      try {
        await table.createEntity(toEntity(account));
        return true;
      } catch (error) {
        if (isStatus(error, 409)) return false;
        throw error;
      }
    },
    /** Replaces the row only if nobody changed it since it was read (ETag); answers the new ETag. */
    update,
    /**
     * Read-modify-write that survives concurrent writers: `change` is applied to the freshest row until the
     * write wins. `change` answers the new account, or `undefined` to leave it as it is.
     */
    async modify(username: string, change: (account: StoredAccount) => StoredAccount | undefined): Promise<StoredAccount | undefined> {
      for (let attempt = 0; attempt < 10; attempt++) {
        const current = await repository.get(username);
        if (!current) return undefined;
        const next = change(current);
        if (!next) return current;
        try {
          return { ...next, etag: await update(next) };
        } catch (error) {
          if (!(error instanceof AccountChangedError)) throw error;
        }
      }
      throw new AccountChangedError('La cuenta cambió demasiadas veces mientras se actualizaba.');
    },
  };
  return repository;

  async function update(account: StoredAccount): Promise<string> {
    const { etag, ...rest } = account;
    try {
      const result = await table.updateEntity(toEntity(rest), 'Replace', { etag });
      return result.etag!;
    } catch (error) {
      if (isStatus(error, 412)) throw new AccountChangedError('La cuenta cambió mientras se actualizaba.');
      throw error;
    }
  }
}
export type AccountRepository = ReturnType<typeof createAccountRepository>;
