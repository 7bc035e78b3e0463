import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { createStorage, queueNames, tableNames } from '../../src/platform/storage/storage';
import { testEnv } from '../support/test-app';

/** The settings infra/app/api.bicep gives the Function App (as in tests/unit/config.test.ts), storage aside. */
const azureSettings = {
  IHCE_ENV: 'azure',
  PUBLIC_BASE_URL: 'https://llaves.ihce.example',
  FRONT_DOOR_ID: '55ce4ed1-4b06-4bf1-b40e-4638452104da',
  IHCE_STORAGE__tableServiceUri: 'https://stihceejemplo.table.core.windows.net/',
  IHCE_STORAGE__queueServiceUri: 'https://stihceejemplo.queue.core.windows.net/',
  IHCE_STORAGE__blobServiceUri: 'https://stihceejemplo.blob.core.windows.net/',
  IHCE_STORAGE__clientId: '00000000-0000-4000-8000-000000000001',
  MAIL_TRANSPORT: 'acs',
  ACS_ENDPOINT: 'https://acs-ihce-ejemplo.unitedstates.communication.azure.com',
  MAIL_FROM: 'DoNotReply@ihce.example',
  SECRET_STORE: 'keyvault',
  KEY_VAULT_URL: 'https://kv-ihce-ejemplo.vault.azure.net/',
  CAPTCHA_HMAC_KEY: 'clave-resuelta-desde-key-vault-de-64-caracteres-0123456789abcdef',
  OFFICER_SIGN_IN: 'password',
};

/** The test Azurite's storage, counting calls to ensureCreated. */
function countingStorage() {
  const inner = createStorage(loadConfig(testEnv()));
  const calls = { ensureCreated: 0 };
  return { calls, storage: { ...inner, ensureCreated: async () => void calls.ensureCreated++ } };
}

describe('tables, queues and containers at start-up', () => {
  it('in Azure a cold instance creates none of them: Bicep declares them all', async () => {
    const { calls, storage } = countingStorage();
    await buildServices(loadConfig(azureSettings), { storage, log: () => {} });
    expect(calls.ensureCreated).toBe(0);
  });

  it('an operator script against the Azure account (identity-based settings) creates none either', async () => {
    const { calls, storage } = countingStorage();
    const { IHCE_STORAGE: _connection, ...local } = testEnv();
    const cloud = { ...local, STORAGE_PREFIX: '', IHCE_STORAGE__tableServiceUri: azureSettings.IHCE_STORAGE__tableServiceUri };
    await buildServices(
      loadConfig({
        ...cloud,
        IHCE_STORAGE__queueServiceUri: azureSettings.IHCE_STORAGE__queueServiceUri,
        IHCE_STORAGE__blobServiceUri: azureSettings.IHCE_STORAGE__blobServiceUri,
      }),
      { storage, log: () => {} },
    );
    expect(calls.ensureCreated).toBe(0);
  });

  it('locally and in tests they are created at start-up, as before', async () => {
    const { calls, storage } = countingStorage();
    await buildServices(loadConfig(testEnv()), { storage, log: () => {} });
    expect(calls.ensureCreated).toBe(1);
  });

  it('a local start lists what exists and creates only what is missing: a table and a queue deleted since are back, rows kept', async () => {
    const env = testEnv();
    const connection = env.IHCE_STORAGE!;
    const prefix = env.STORAGE_PREFIX!;
    const storage = createStorage(loadConfig(env));
    await storage.ensureCreated();
    await storage.tableOf('accounts').insert({ partitionKey: 'p', rowKey: 'sigue' });
    await TableClient.fromConnectionString(connection, `${prefix}sessions`, { allowInsecureConnection: true }).deleteTable();
    await QueueServiceClient.fromConnectionString(connection).getQueueClient(`${prefix}-dirimports-poison`).delete();

    await storage.ensureCreated();
    const tables = new Set<string>();
    for await (const table of TableServiceClient.fromConnectionString(connection, { allowInsecureConnection: true }).listTables())
      if (table.name?.startsWith(prefix)) tables.add(table.name);
    expect([...tables].sort()).toEqual(tableNames.map((name) => `${prefix}${name}`).sort());
    const queues = new Set<string>();
    for await (const queue of QueueServiceClient.fromConnectionString(connection).listQueues({ prefix: `${prefix}-` }))
      queues.add(queue.name);
    expect([...queues].sort()).toEqual(queueNames.flatMap((name) => [`${prefix}-${name}`, `${prefix}-${name}-poison`]).sort());
    expect(await storage.tableOf('accounts').get('p', 'sigue')).toBeDefined();
  });
});
