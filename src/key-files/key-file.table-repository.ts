import type { TransactionAction } from '@azure/data-tables';
import { getEntityOrUndefined, isStatus, type Storage } from '../platform/storage/storage';
import { KeyFileChangedError, emptyKeyFile, keyFileRowSchema, keyRequestRowSchema, type KeyFile, type KeyRequest } from './key-file';
import type { KeyFileRepository } from './key-file.repository';

const FILE_ROW = 'file';
const REQUEST_PREFIX = 'request-';

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

const toFile = (row: { etag: string }, nit: string): KeyFile => ({ ...keyFileRowSchema.parse(row), nit, version: row.etag });

/**
 * Key files in the `keyfiles` table: one partition per NIT holding the state row and the request rows, so
 * that a request and the state change it causes are written in one transaction. The version is the ETag.
 */
export function createKeyFileTableRepository(storage: Storage): KeyFileRepository {
  const table = storage.table('keyfiles');
  const fileAction = (file: KeyFile): TransactionAction =>
    file.version ? ['update', fileEntity(file), 'Replace', { etag: file.version }] : ['create', fileEntity(file)];

  async function commit(actions: TransactionAction[]): Promise<void> {
    try {
      await table.submitTransaction(actions);
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 409)) throw new KeyFileChangedError('El expediente cambió mientras se guardaba.');
      throw error;
    }
  }

  return {
    async getFile(nit) {
      const row = await getEntityOrUndefined(table, nit, FILE_ROW);
      return row ? toFile(row, nit) : emptyKeyFile(nit);
    },
    async getRequest(nit, id) {
      if (!/^[0-9a-z-]{1,64}$/.test(id)) return undefined;
      const row = await getEntityOrUndefined(table, nit, `${REQUEST_PREFIX}${id}`);
      return row && { ...keyRequestRowSchema.parse(row), nit };
    },
    async listRequests(nit, limit = 50) {
      const filter = `PartitionKey eq '${nit.replace(/'/g, "''")}' and RowKey ge '${REQUEST_PREFIX}' and RowKey lt 'request.'`;
      const requests: KeyRequest[] = [];
      for await (const row of table.listEntities({ queryOptions: { filter } })) {
        requests.push({ ...keyRequestRowSchema.parse(row), nit });
        if (requests.length >= limit) break;
      }
      return requests;
    },
    async *listFiles() {
      for await (const row of table.listEntities({ queryOptions: { filter: `RowKey eq '${FILE_ROW}'` } })) {
        yield toFile(row as typeof row & { etag: string }, row.partitionKey!);
      }
    },
    saveRequest: (file, request) => commit([['create', requestEntity(request)], fileAction(file)]),
    saveFile: (file, resolved) =>
      commit(resolved ? [fileAction(file), ['update', requestEntity(resolved), 'Replace']] : [fileAction(file)]),
  };
}
