import type { TableClient } from '@azure/data-tables';
import type { QueueServiceClient } from '@azure/storage-queue';
import type { BlobServiceClient } from '@azure/storage-blob';
import { onFirstUse } from '../../kernel/on-first-use';
import { createAppendLog, type AppendLog } from './append-log';
import { createBlobStore, type BlobStore } from './blob-store';
import { createQueue, type Queue } from './queue';
import type { Table } from './table';
import { createTable } from './table-client';
import { exportTables, type ExportManifest } from './table-export';
import { containerSource, restoreTables, type ExportSource, type RestoreReport } from './table-restore';
import { azureCredential, sharedSdks, storageSdks, type StorageSdks } from './sdk';

export { azureCredential } from './sdk';

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

/** The storage settings of the validated configuration (config.ts): a connection string locally, service URIs and a managed identity in Azure. */
export type StorageSettings = {
  STORAGE_PREFIX: string;
  IHCE_STORAGE?: string | undefined;
  IHCE_STORAGE__clientId?: string | undefined;
  IHCE_STORAGE__queueServiceUri?: string | undefined;
  IHCE_STORAGE__tableServiceUri?: string | undefined;
  IHCE_STORAGE__blobServiceUri?: string | undefined;
};

export type StorageOptions = {
  /**
   * `before-first-use` (functions/main.ts, locally): the missing tables are created before the first table
   * operation, the queues before the first queue operation, the containers before the first blob one, instead
   * of all at once by the caller's `ensureCreated()`; a request that touches no storage creates nothing.
   */
  ensure?: 'before-first-use';
  /** Replaces the SDKs' import() (tests: a load that fails). */
  load?: Partial<StorageSdks>;
};

/**
 * The gateway. Nothing here loads an SDK or calls storage when it is built: each SDK is loaded with import() by
 * the first operation on that kind of storage (sdk.ts), and each client is built then, once.
 */
export function createStorage(config: StorageSettings, options: StorageOptions = {}): Storage {
  const prefix = config.STORAGE_PREFIX;
  const connectionString = config.IHCE_STORAGE;
  const sdks = options.load ? storageSdks(options.load) : sharedSdks;
  const credential = connectionString ? undefined : azureCredential(config.IHCE_STORAGE__clientId, sdks);
  // A user waits on the enqueue of an event: fail fast and let the outbox retry, rather than block for minutes.
  const queueOptions = { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 10_000 } };
  const queueService = onFirstUse(async (): Promise<QueueServiceClient> => {
    const { QueueServiceClient } = await sdks.queues();
    return connectionString
      ? QueueServiceClient.fromConnectionString(connectionString, queueOptions)
      : new QueueServiceClient(config.IHCE_STORAGE__queueServiceUri!, credential, queueOptions);
  });
  // Two clients: the audit's append runs inside a user's request and fails fast like the queue's (a failed append
  // is kept for retry); the nightly export and the restore move large files with the SDK's patient defaults.
  const blobServices = new Map<'fast' | 'bulk', BlobServiceClient>();
  const blobService = async (mode: 'fast' | 'bulk' = 'bulk') => {
    if (!config.IHCE_STORAGE__blobServiceUri && !connectionString) throw new Error('Falta IHCE_STORAGE__blobServiceUri.');
    const { BlobServiceClient } = await sdks.blobs();
    let service = blobServices.get(mode);
    if (!service) {
      const clientOptions = mode === 'fast' ? queueOptions : {};
      service = connectionString
        ? BlobServiceClient.fromConnectionString(connectionString, clientOptions)
        : new BlobServiceClient(config.IHCE_STORAGE__blobServiceUri!, credential, clientOptions);
      blobServices.set(mode, service);
    }
    return service;
  };
  const queueName = (name: string) => (prefix ? `${prefix}-${name}` : name);
  const tables = new Map<TableName, TableClient>();
  const gateways = new Map<TableName, Table<object>>();
  const table = async (name: TableName) => {
    const { TableClient } = await sdks.tables();
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
  const queue = async (name: QueueName | `${QueueName}-poison`) => (await queueService()).getQueueClient(queueName(name));
  const container = async (name: ContainerName, mode: 'fast' | 'bulk' = 'bulk') =>
    (await blobService(mode)).getContainerClient(queueName(name));

  // One listing per service, then only what is missing is created: a local start where everything exists
  // makes 3 calls to storage instead of 40 (docs/rendimiento.md «Arranque en frío»).
  const ensureTables = async () => {
    const { TableServiceClient } = await sdks.tables();
    const tableService = connectionString
      ? TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true })
      : new TableServiceClient(config.IHCE_STORAGE__tableServiceUri!, credential!);
    const there = await namesOf(tableService.listTables({ queryOptions: { filter: `TableName ge '${prefix}'` } }));
    await Promise.all(tableNames.filter((name) => !there.has(`${prefix}${name}`)).map(async (name) => (await table(name)).createTable()));
  };
  const ensureQueues = async () => {
    const there = await namesOf((await queueService()).listQueues({ prefix: queueName('') }));
    await Promise.all(
      queueNames
        .flatMap((name) => [name, `${name}-poison` as const])
        .filter((name) => !there.has(queueName(name)))
        .map(async (name) => (await queue(name)).createIfNotExists()),
    );
  };
  const ensureContainers = async () => {
    const there = await namesOf((await blobService()).listContainers({ prefix: queueName('') }));
    await Promise.all(
      containerNames.filter((name) => !there.has(queueName(name))).map(async (name) => (await container(name)).createIfNotExists()),
    );
  };
  // `before-first-use`: each kind is created once, by its first operation (a failed creation is retried by the next).
  const lazily = options.ensure === 'before-first-use';
  const tablesReady = onFirstUse(lazily ? ensureTables : async () => {});
  const queuesReady = onFirstUse(lazily ? ensureQueues : async () => {});
  const containersReady = onFirstUse(lazily ? ensureContainers : async () => {});
  const readyTable = async (name: TableName) => (await tablesReady(), table(name));
  const readyQueue = async (name: QueueName | `${QueueName}-poison`) => (await queuesReady(), queue(name));
  const readyContainer = async (name: ContainerName, mode?: 'fast' | 'bulk') => (await containersReady(), container(name, mode));

  return {
    tableOf<T extends object>(name: TableName) {
      let gateway = gateways.get(name);
      if (!gateway) gateways.set(name, (gateway = createTable<object>(`${prefix}${name}`, () => readyTable(name))));
      return gateway as Table<T>;
    },
    queueOf: (name) => createQueue(queueName(name), () => readyQueue(name)),
    queueName,
    async ping() {
      await table('accounts')
        .then((client) => client.getAccessPolicy())
        .catch(async () => (await queue('notifications')).getProperties());
    },
    async ensureCreated() {
      await Promise.all([ensureTables(), ensureQueues(), ensureContainers()]);
    },
    appendLog: (name, logOptions) => createAppendLog(queueName(name), () => readyContainer(name, 'fast'), logOptions),
    blobStore: (name) => createBlobStore(() => readyContainer(name)),
    exportTables: (folder) =>
      exportTables(
        tableNames,
        (name) => readyTable(name as TableName),
        readyContainer('table-exports'),
        folder,
        () => new Date(),
      ),
    exportSource: (folder) => containerSource(queueName('table-exports'), () => readyContainer('table-exports'), folder),
    restoreTables: (source) => restoreTables(tableNames, (name) => readyTable(name as TableName), source),
  };
}

async function namesOf(items: AsyncIterable<{ name?: string | undefined }>): Promise<Set<string>> {
  const names = new Set<string>();
  for await (const item of items) if (item.name) names.add(item.name);
  return names;
}
