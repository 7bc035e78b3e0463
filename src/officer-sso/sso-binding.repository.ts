import type { DocumentType } from '../identity/colombian-ids';
import type { Storage } from '../platform/storage/storage';

/** Which Entra account (tenant + object id) signs in as which official's account, fixed at the first sign-in. */
export type SsoBinding = { tid: string; oid: string; username: string; idType: DocumentType; idNumber: string };

type Row = SsoBinding;

/**
 * Two rows per binding in `ssobindings`, each claimed with an insert (never overwritten): one under the Entra
 * account and one under the username, so neither an Entra account nor an official can be bound twice.
 */
export function createSsoBindingTable(storage: Storage) {
  const table = storage.tableOf<Row>('ssobindings');
  const byAccount = (tid: string, oid: string) => `entra:${tid}:${oid}`;
  const byUser = (username: string) => `user:${username}`;
  const read = async (partitionKey: string): Promise<SsoBinding | undefined> => {
    const row = await table.get(partitionKey, 'binding');
    return row && { tid: row.tid, oid: row.oid, username: row.username, idType: row.idType, idNumber: row.idNumber };
  };
  return {
    ofEntraAccount: (tid: string, oid: string) => read(byAccount(tid, oid)),
    ofUser: (username: string) => read(byUser(username)),
    /** Binds, or answers the binding that already holds the username (a race lost counts the same). */
    async bind(binding: SsoBinding): Promise<SsoBinding> {
      const claimed = await table.insert({ partitionKey: byUser(binding.username), rowKey: 'binding', ...binding });
      const held = claimed.status === 'exists' ? (await read(byUser(binding.username)))! : binding;
      if (held.tid !== binding.tid || held.oid !== binding.oid) return held;
      // Idempotent: a retry after a lost second write completes it.
      await table.upsert({ partitionKey: byAccount(binding.tid, binding.oid), rowKey: 'binding', ...binding });
      return binding;
    },
  };
}
export type SsoBindings = ReturnType<typeof createSsoBindingTable>;
