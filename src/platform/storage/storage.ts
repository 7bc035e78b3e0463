import { TableClient } from '@azure/data-tables';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { AppConfig } from '../../config';
import { isStatus } from './concurrency';
import { createQueue, type Queue } from './queue';
import type { Table } from './table';
import { createTable } from './table-client';

/** Every table the application owns, created on first use. */
export const tableNames = [
  'accounts',
  'sessions',
  'audit',
  'providers',
  'delegates',
  'officers',
  'captchas',
  'outbox',
  'notificationlog',
  'secrets',
  'keyfiles',
  'pendingqueue',
  'idxnit',
  'idxnitext',
  'idxcode',
  'idxword',
  'idxname',
  'idxhead',
  'expiries',
  'reminders',
  'reminderlog',
  'retirements',
  'ratelimits',
] as const;
export type TableName = (typeof tableNames)[number];

/** Queue names as the Functions runtime sees them (the Azure trigger binds these exact names). */
export const queueNames = ['notifications'] as const;
export type QueueName = (typeof queueNames)[number];

export type Storage = {
  /** The table gateway; `T` is the row's stored shape (repositories check it when reading). */
  tableOf<T extends object = Record<string, unknown>>(name: TableName): Table<T>;
  queueOf(name: QueueName | `${QueueName}-poison`): Queue;
  queueName(name: QueueName | `${QueueName}-poison`): string;
  /** Resolves when storage answers (tables, or else queues); throws when neither does. */
  ping(): Promise<void>;
  ensureCreated(): Promise<void>;
  /** @deprecated The raw SDK client; use `tableOf`. */
  table(name: TableName): TableClient;
  /** @deprecated The raw SDK client; use `queueOf`. */
  queue(name: QueueName | `${QueueName}-poison`): QueueClient;
};

export function azureCredential(clientId: string | undefined): TokenCredential {
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

export function createStorage(config: AppConfig): Storage {
  const prefix = config.STORAGE_PREFIX;
  const connectionString = config.IHCE_STORAGE;
  const credential = connectionString ? undefined : azureCredential(config.IHCE_STORAGE__clientId);
  // A user waits on the enqueue of an event: fail fast and let the outbox retry, rather than block for minutes.
  const queueOptions = { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 10_000 } };
  const queueService = connectionString
    ? QueueServiceClient.fromConnectionString(connectionString, queueOptions)
    : new QueueServiceClient(config.IHCE_STORAGE__queueServiceUri!, credential, queueOptions);
  const tables = new Map<TableName, TableClient>();
  const gateways = new Map<TableName, Table<object>>();
  const queueName = (name: string) => (prefix ? `${prefix}-${name}` : name);

  const table = (name: TableName) => {
    let client = tables.get(name);
    if (!client) {
      const fullName = `${prefix}${name}`;
      client = connectionString
        ? TableClient.fromConnectionString(connectionString, fullName, { allowInsecureConnection: true })
        : new TableClient(config.IHCE_STORAGE__tableServiceUri!, fullName, credential!);
      tables.set(name, client);
    }
    return client;
  };
  const queue = (name: QueueName | `${QueueName}-poison`) => queueService.getQueueClient(queueName(name));

  return {
    tableOf<T extends object>(name: TableName) {
      let gateway = gateways.get(name);
      if (!gateway) gateways.set(name, (gateway = createTable<object>(table(name))));
      return gateway as Table<T>;
    },
    queueOf: (name) => createQueue(queue(name)),
    queueName,
    async ping() {
      await table('accounts')
        .getAccessPolicy()
        .catch(() => queue('notifications').getProperties());
    },
    async ensureCreated() {
      await Promise.all([
        ...tableNames.map((name) => table(name).createTable()),
        ...queueNames.flatMap((name) => [queue(name).createIfNotExists(), queue(`${name}-poison`).createIfNotExists()]),
      ]);
    },
    table,
    queue,
  };
}

/** @deprecated Use `Table.get`, which answers `undefined` for a missing row. */
export async function getEntityOrUndefined<T extends object>(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<(T & { etag: string; partitionKey: string; rowKey: string }) | undefined> {
  try {
    return (await client.getEntity<T>(partitionKey, rowKey)) as T & { etag: string; partitionKey: string; rowKey: string };
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** @deprecated Import from './concurrency' (inside platform/storage) or use the gateway's results. */
export { isStatus } from './concurrency';
/** @deprecated Import from './keys'. */
export { partitionBatches, tableKey, newestFirstKey } from './keys';
