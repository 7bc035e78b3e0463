import { ConcurrencyError } from '../platform/storage/concurrency';
import { where } from '../platform/storage/filter';
import type { Storage } from '../platform/storage/storage';
import type { TableAction, Version } from '../platform/storage/table';
import { KeyFileChangedError, emptyKeyFile, keyFileRowSchema, keyRequestRowSchema, type KeyFile, type KeyRequest } from './key-file';
import type { KeyFileRepository } from './key-file.repository';

const FILE_ROW = 'file';
const REQUEST_PREFIX = 'request-';
/** Request row keys are `request-<id>`: they sort between these two. */
const requestRows = where.rowKeyRange(REQUEST_PREFIX, 'request.');

/** Both kinds of row of the `keyfiles` table, as stored: nested values as JSON text. */
type KeyFileEntity = Record<string, unknown>;

function fileEntity(file: KeyFile) {
  return {
    partitionKey: file.nit,
    rowKey: FILE_ROW,
    everRequested: file.everRequested,
    pendingRequestId: file.pendingRequestId,
    pendingKind: file.pendingKind,
    pendingSince: file.pendingSince,
    lastOutcome: file.lastOutcome,
    rejection: file.rejection ? JSON.stringify(file.rejection) : undefined,
    environments: JSON.stringify(file.environments),
    updatedAt: file.updatedAt,
    lastAssignmentId: file.lastAssignmentId,
    updates: file.updates ? JSON.stringify(file.updates) : undefined,
    autoIssue: file.autoIssue ? JSON.stringify(file.autoIssue) : undefined,
  };
}

function requestEntity(request: KeyRequest) {
  const { nit, techLead, dataProtectionOfficer, ...rest } = request;
  return {
    partitionKey: nit,
    rowKey: `${REQUEST_PREFIX}${request.id}`,
    ...rest,
    techLead: JSON.stringify(techLead),
    dataProtectionOfficer: JSON.stringify(dataProtectionOfficer),
  };
}

const toFile = (row: KeyFileEntity & { version: Version }, nit: string): KeyFile => ({
  ...keyFileRowSchema.parse(row),
  nit,
  version: row.version,
});

/**
 * Key files in the `keyfiles` table: one partition per NIT holding the state row and the request rows, so
 * that a request and the state change it causes are written in one transaction.
 */
export function createKeyFileTableRepository(storage: Storage): KeyFileRepository {
  const table = storage.tableOf<KeyFileEntity>('keyfiles');
  // A file read before it existed is created: a second writer that read it missing too finds it there.
  const fileAction = (file: KeyFile): TableAction<KeyFileEntity> =>
    file.version
      ? { kind: 'update', entity: fileEntity(file), mode: 'replace', version: file.version as Version }
      : { kind: 'insert', entity: fileEntity(file) };

  async function commit(actions: TableAction<KeyFileEntity>[]): Promise<void> {
    try {
      await table.transact(actions);
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new KeyFileChangedError('El expediente cambió mientras se guardaba.');
      throw error;
    }
  }

  return {
    async getFile(nit) {
      const row = await table.get(nit, FILE_ROW);
      return row ? toFile(row, nit) : emptyKeyFile(nit);
    },
    async getRequest(nit, id) {
      if (!/^[0-9a-z-]{1,64}$/.test(id)) return undefined;
      const row = await table.get(nit, `${REQUEST_PREFIX}${id}`);
      return row && { ...keyRequestRowSchema.parse(row), nit };
    },
    async listRequests(nit, limit = 50) {
      const requests: KeyRequest[] = [];
      for await (const row of table.query({ filter: where.and(where.inPartition(nit), requestRows) })) {
        requests.push({ ...keyRequestRowSchema.parse(row), nit });
        if (requests.length >= limit) break;
      }
      return requests;
    },
    async *listFiles() {
      for await (const row of table.query({ filter: where.rowKey('eq', FILE_ROW) })) yield toFile(row, row.partitionKey);
    },
    saveRequest: (file, request) => commit([{ kind: 'insert', entity: requestEntity(request) }, fileAction(file)]),
    saveFile: (file, resolved) =>
      commit(resolved ? [fileAction(file), { kind: 'update', entity: requestEntity(resolved), mode: 'replace' }] : [fileAction(file)]),
  };
}
