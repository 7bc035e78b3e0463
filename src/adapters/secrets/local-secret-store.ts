import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { SecretRef, SecretStore } from '../../credentials/secret-store.port';
import type { Storage } from '../../platform/storage/storage';

const secretEntitySchema = z.object({ iv: z.string(), tag: z.string(), data: z.string(), disabled: z.boolean().optional() });
type SecretRow = z.infer<typeof secretEntitySchema>;

/**
 * Development only: the same contract as Key Vault (named secrets, immutable versions), stored in Azurite
 * encrypted with AES-256-GCM. The name and version are authenticated data, so a ciphertext copied to
 * another row does not decrypt.
 */
export function createLocalSecretStore(storage: Storage, keyBase64: string): SecretStore {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('LOCAL_SECRET_KEY debe ser de 32 bytes en base64');
  const table = storage.tableOf<SecretRow>('secrets');
  const aad = (ref: SecretRef) => Buffer.from(`${ref.name}/${ref.version}`, 'utf8');

  return {
    async put(name, value) {
      const ref = { name, version: randomBytes(16).toString('hex') };
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(ref));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      await table.insert({
        partitionKey: ref.name,
        rowKey: ref.version,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      });
      return ref;
    },
    async get(ref) {
      const row = await table.get(ref.name, ref.version);
      if (!row) throw new Error(`El secreto ${ref.name} (versión ${ref.version}) no existe`);
      const entity = secretEntitySchema.parse(row);
      if (entity.disabled) throw new Error(`El secreto ${ref.name} (versión ${ref.version}) está deshabilitado`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(entity.iv, 'base64'));
      decipher.setAAD(aad(ref));
      decipher.setAuthTag(Buffer.from(entity.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(entity.data, 'base64')), decipher.final()]).toString('utf8');
    },
    async disable(ref) {
      const result = await table.update({ partitionKey: ref.name, rowKey: ref.version, disabled: true }, { mode: 'merge' });
      if (result.status === 'missing') throw new Error(`El secreto ${ref.name} (versión ${ref.version}) no existe`);
    },
  };
}
