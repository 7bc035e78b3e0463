import { TableClient, RestError as TableRestError } from '@azure/data-tables';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { AppConfig } from '../../config';

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
  table(name: TableName): TableClient;
  queue(name: QueueName | `${QueueName}-poison`): QueueClient;
  queueName(name: QueueName | `${QueueName}-poison`): string;
  ensureCreated(): Promise<void>;
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

  return {
    table,
    queue: (name) => queueService.getQueueClient(queueName(name)),
    queueName,
    async ensureCreated() {
      await Promise.all([
        ...tableNames.map((name) => table(name).createTable()),
        ...queueNames.flatMap((name) => [
          queueService.getQueueClient(queueName(name)).createIfNotExists(),
          queueService.getQueueClient(queueName(`${name}-poison`)).createIfNotExists(),
        ]),
      ]);
    },
  };
}

export function isStatus(error: unknown, status: number): boolean {
  return error instanceof TableRestError
    ? error.statusCode === status
    : typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === status;
}

/** Rows grouped into entity-group transactions: one partition each, at most 100 rows. */
export function partitionBatches<T extends { partitionKey: string }>(rows: readonly T[]): T[][] {
  const byPartition = new Map<string, T[]>();
  for (const row of rows) {
    const group = byPartition.get(row.partitionKey);
    if (group) group.push(row);
    else byPartition.set(row.partitionKey, [row]);
  }
  return [...byPartition.values()].flatMap((group) =>
    Array.from({ length: Math.ceil(group.length / 100) }, (_, i) => group.slice(i * 100, i * 100 + 100)),
  );
}

/** Point read that answers `undefined` for a missing row instead of throwing. */
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

/**
 * Table keys may not hold `/ \ # ?` or control characters. Anything outside a safe set is hex-escaped so
 * that user-typed values (a mistyped username, say) can still be used as keys without collisions.
 */
export function tableKey(value: string): string {
  return value.replace(/[^A-Za-z0-9._@-]/g, (ch) => `~${ch.codePointAt(0)!.toString(16)}~`).slice(0, 512);
}

/** Row keys that sort newest first. */
export function newestFirstKey(at: Date, unique: string): string {
  return `${String(8_640_000_000_000_000 - at.getTime()).padStart(16, '0')}-${unique}`;
}
