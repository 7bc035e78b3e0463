import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import {
  storedChallengeSchema,
  storedPasskeySchema,
  storedTotpSchema,
  type FactorRepository,
  type SeedRef,
  type StoredChallenge,
} from './factor.repository';

type FactorRow = Partial<z.infer<typeof storedTotpSchema> & z.infer<typeof storedPasskeySchema> & StoredChallenge>;

const TOTP = 'totp';
const CHALLENGE = 'challenge';
const PASSKEY = 'passkey|';
// Credential ids may be long and contain any base64url character; the row key is their hash.
const passkeyRow = (credentialId: string) => PASSKEY + createHash('sha256').update(credentialId).digest('base64url');

/** The `secondfactors` table: partition = username; rows `totp`, `challenge` and `passkey|<hash of the id>`. */
export function createFactorTableRepository(storage: Storage): FactorRepository {
  const table = storage.tableOf<FactorRow>('secondfactors');
  return {
    async totp(username) {
      const row = await table.get(username, TOTP);
      if (!row) return undefined;
      const { seedName, seedVersion, confirmedAt, lastStep } = storedTotpSchema.parse(row);
      return { seed: { name: seedName, version: seedVersion }, confirmedAt, lastStep, version: row.version };
    },
    async saveTotp(username, { seed }) {
      await table.upsert({ partitionKey: username, rowKey: TOTP, seedName: seed.name, seedVersion: seed.version });
    },
    async markTotpUsed(username, { step, confirmedAt }, version) {
      const result = await table.update({ partitionKey: username, rowKey: TOTP, lastStep: step, confirmedAt }, { mode: 'merge', version });
      return result.status === 'updated';
    },
    async passkeys(username) {
      const keys = [];
      for await (const row of table.query({ filter: where.and(where.inPartition(username), where.rowKeyRange(PASSKEY, `${PASSKEY}~`)) })) {
        const { transports, ...passkey } = storedPasskeySchema.parse(row);
        keys.push({ ...passkey, transports: transports ? transports.split(',') : [] });
      }
      return keys;
    },
    async addPasskey(username, { transports, ...passkey }) {
      await table.upsert({
        partitionKey: username,
        rowKey: passkeyRow(passkey.credentialId),
        ...passkey,
        transports: transports.join(','),
      });
    },
    async updatePasskeyCounter(username, credentialId, counter) {
      await table.update({ partitionKey: username, rowKey: passkeyRow(credentialId), counter }, { mode: 'merge' });
    },
    async putChallenge(username, challenge) {
      await table.upsert({ partitionKey: username, rowKey: CHALLENGE, ...challenge });
    },
    async takeChallenge(username) {
      const row = await table.get(username, CHALLENGE);
      if (!row) return undefined;
      // Deleting under the version read: of two answers racing with one challenge, only one gets it.
      if ((await table.delete(username, CHALLENGE, row.version)) !== 'deleted') return undefined;
      return storedChallengeSchema.parse(row);
    },
    async removeAll(username) {
      const seeds: SeedRef[] = [];
      for await (const row of table.query({ filter: where.inPartition(username) })) {
        if (row.rowKey === TOTP && row.seedName && row.seedVersion) seeds.push({ name: row.seedName, version: row.seedVersion });
        await table.delete(username, row.rowKey);
      }
      return seeds;
    },
  };
}
