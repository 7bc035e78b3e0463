import { TableClient, TableServiceClient } from '@azure/data-tables';
import { QueueServiceClient } from '@azure/storage-queue';
import { BlobServiceClient } from '@azure/storage-blob';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { createAppendLog, type AppendLog } from './append-log';
import { createBlobStore, type BlobStore } from './blob-store';
import { createQueue, type Queue } from './queue';
import type { Table } from './table';
import { createTable } from './table-client';
import { exportTables, type ExportManifest } from './table-export';
import { containerSource, restoreTables, type ExportSource, type RestoreReport } from './table-restore';

/**
 * Every table the application owns: declared in infra/main.bicep for Azure (tests/infra checks the two lists
 * agree), created at start-up elsewhere.
 */
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
  'reveals',
  'revealblocks',
  'ssobindings',
  'secondfactors',
  'auditpending',
  'radicados',
  'dashboardstats',
  'certificates',
  'idxperson',
  'dirimports',
  'keyverifications',
  'officerdigests',
] as const;
export type TableName = (typeof tableNames)[number];

/** Queue names as the Functions runtime sees them (the Azure trigger binds these exact names). */
export const queueNames = ['notifications', 'dirimports'] as const;
export type QueueName = (typeof queueNames)[number];

/** The app's own blob containers (the deployment's `app-package` and the host's are not the app's business). */
export const containerNames = ['audit-worm', 'table-exports', 'directory-uploads'] as const;
export type ContainerName = (typeof containerNames)[number];

export type Storage = {
  /** The table gateway; `T` is the row's stored shape (repositories check it when reading). */
  tableOf<T extends object = Record<string, unknown>>(name: TableName): Table<T>;
  queueOf(name: QueueName | `${QueueName}-poison`): Queue;
  queueName(name: QueueName | `${QueueName}-poison`): string;
  /** Resolves when storage answers (tables, or else queues); throws when neither does. */
  ping(): Promise<void>;
  /** Creates every table, queue and container that is missing (local and tests; Azure declares them in Bicep). */
  ensureCreated(): Promise<void>;
  /** The write-once audit copy; `maxBlocks` lowers the roll-over point (tests). */
  appendLog(name: 'audit-worm', options?: { maxBlocks?: number }): AppendLog;
  /** Whole files by name: the directory files officials upload, until their import has read them. */
  blobStore(name: 'directory-uploads'): BlobStore;
  /** Every table, gzipped, to `table-exports/<folder>/`, manifest last. */
  exportTables(folder: string): Promise<ExportManifest>;
  /** An export from this account's `table-exports/<folder>`. */
  exportSource(folder: string): ExportSource;
  /** Loads an export into these (empty) tables; throws RestoreRefused before writing when it may not. */
  restoreTables(source: ExportSource): Promise<RestoreReport>;
};

export function azureCredential(clientId: string | undefined): TokenCredential {
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

/** The storage settings of the validated configuration (config.ts): a connection string locally, service URIs and a managed identity in Azure. */
export type StorageSettings = {
  STORAGE_PREFIX: string;
  IHCE_STORAGE?: string | undefined;
  IHCE_STORAGE__clientId?: string | undefined;
  IHCE_STORAGE__queueServiceUri?: string | undefined;
  IHCE_STORAGE__tableServiceUri?: string | undefined;
  IHCE_STORAGE__blobServiceUri?: string | undefined;
};

export function createStorage(config: StorageSettings): Storage {
  const prefix = config.STORAGE_PREFIX;
  const connectionString = config.IHCE_STORAGE;
  const credential = connectionString ? undefined : azureCredential(config.IHCE_STORAGE__clientId);
  // A user waits on the enqueue of an event: fail fast and let the outbox retry, rather than block for minutes.
  const queueOptions = { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 10_000 } };
  const queueService = connectionString
    ? QueueServiceClient.fromConnectionString(connectionString, queueOptions)
    : new QueueServiceClient(config.IHCE_STORAGE__queueServiceUri!, credential, queueOptions);
  // Two clients: the audit's append runs inside a user's request and fails fast like the queue's (a failed append
  // is kept for retry); the nightly export and the restore move large files with the SDK's patient defaults.
  const blobServices = new Map<'fast' | 'bulk', BlobServiceClient>();
  const blobService = (mode: 'fast' | 'bulk' = 'bulk') => {
    if (!config.IHCE_STORAGE__blobServiceUri && !connectionString) throw new Error('Falta IHCE_STORAGE__blobServiceUri.');
    let service = blobServices.get(mode);
    if (!service) {
      const options = mode === 'fast' ? queueOptions : {};
      service = connectionString
        ? BlobServiceClient.fromConnectionString(connectionString, options)
        : new BlobServiceClient(config.IHCE_STORAGE__blobServiceUri!, credential, options);
      blobServices.set(mode, service);
    }
    return service;
  };
  const container = (name: ContainerName, mode: 'fast' | 'bulk' = 'bulk') => blobService(mode).getContainerClient(queueName(name));
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
      // One listing per service, then only what is missing is created: a local start where everything exists
      // makes 3 calls to storage instead of 40 (NOTES-coldstart.md).
      const tableService = connectionString
        ? TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true })
        : new TableServiceClient(config.IHCE_STORAGE__tableServiceUri!, credential!);
      const [tablesThere, queuesThere, containersThere] = await Promise.all([
        namesOf(tableService.listTables({ queryOptions: { filter: `TableName ge '${prefix}'` } })),
        namesOf(queueService.listQueues({ prefix: queueName('') })),
        namesOf(blobService().listContainers({ prefix: queueName('') })),
      ]);
      await Promise.all([
        ...tableNames.filter((name) => !tablesThere.has(`${prefix}${name}`)).map((name) => table(name).createTable()),
        ...queueNames
          .flatMap((name) => [name, `${name}-poison` as const])
          .filter((name) => !queuesThere.has(queueName(name)))
          .map((name) => queue(name).createIfNotExists()),
        ...containerNames.filter((name) => !containersThere.has(queueName(name))).map((name) => container(name).createIfNotExists()),
      ]);
    },
    appendLog: (name, options) => createAppendLog(container(name, 'fast'), options),
    blobStore: (name) => createBlobStore(container(name)),
    exportTables: (folder) =>
      exportTables(
        tableNames,
        (name) => table(name as TableName),
        container('table-exports'),
        folder,
        () => new Date(),
      ),
    exportSource: (folder) => containerSource(container('table-exports'), folder),
    restoreTables: (source) => restoreTables(tableNames, (name) => table(name as TableName), source),
  };
}

async function namesOf(items: AsyncIterable<{ name?: string | undefined }>): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const item of items) if (item.name) names.add(item.name);
  return names;
}
