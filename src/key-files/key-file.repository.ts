import * as z from 'zod';
import type { TransactionAction } from '@azure/data-tables';
import { getEntityOrUndefined, isStatus, type Storage } from '../platform/storage/storage';

const secretRefSchema = z.object({ name: z.string(), version: z.string() });
/** Where a generated secret lives in Entra ID: the application (object id) and the password credential (keyId). */
const entraRefSchema = z.object({ applicationObjectId: z.string(), keyId: z.string() });
export type EntraRef = z.infer<typeof entraRefSchema>;

const previousSecretSchema = z.object({
  ref: secretRefSchema,
  replacedAt: z.string(),
  replacedBy: z.string(),
  /** The application the secret belongs to (it may differ from the current one). */
  clientId: z.string().optional(),
  /** End of the overlap: until then the delegate sees it and it keeps working. */
  validUntil: z.string().optional(),
  /** When the retirement timer removed it from Entra ID (generated) and disabled it in the secret store. */
  retiredAt: z.string().optional(),
  entra: entraRefSchema.optional(),
});
export type PreviousSecret = z.infer<typeof previousSecretSchema>;

const environmentCredentialsSchema = z.object({
  clientId: z.string(),
  expiresOn: z.string(),
  tenantId: z.string(),
  scope: z.string(),
  endpoint: z.string(),
  clientSecretRef: secretRefSchema,
  subscriptionKeyRef: secretRefSchema.optional(),
  assignedAt: z.string(),
  assignedBy: z.string(),
  /** `entra`: generated through Microsoft Graph (Generar en Entra ID); `manual`: typed by the official (seed 6.4.2.1). */
  source: z.enum(['manual', 'entra']).default('manual'),
  entra: entraRefSchema.optional(),
  /**
   * Earlier ClientSecret versions, newest first. During its overlap the delegate sees one too; after it,
   * it is retired and only its record stays.
   */
  previousSecrets: z.array(previousSecretSchema).default([]),
});
export type EnvironmentCredentials = z.infer<typeof environmentCredentialsSchema>;

const json = <S extends z.ZodType>(schema: S) => z.string().transform((value) => schema.parse(JSON.parse(value)) as z.infer<S>);

const fileEntitySchema = z.object({
  etag: z.string(),
  everRequested: z.boolean(),
  pendingRequestId: z.string().optional(),
  pendingKind: z.enum(['first', 'renewal']).optional(),
  pendingSince: z.coerce.date().optional(),
  lastOutcome: z.enum(['assigned', 'rejected']).optional(),
  rejection: json(z.object({ reason: z.string(), at: z.string(), by: z.string() })).optional(),
  environments: json(
    z.object({ preproduction: environmentCredentialsSchema.optional(), production: environmentCredentialsSchema.optional() }),
  ),
  updatedAt: z.coerce.date().optional(),
  /** Id of the last saved assignment: the notice for an assignment whose save lost is not sent. */
  lastAssignmentId: z.string().optional(),
});

const requestEntitySchema = z.object({
  id: z.string(),
  kind: z.enum(['first', 'renewal']),
  createdAt: z.coerce.date(),
  createdBy: z.string(),
  techVendorName: z.string(),
  softwareName: z.string(),
  techLead: json(z.object({ name: z.string(), email: z.string(), phone: z.string() })),
  dataProtectionOfficer: json(z.object({ name: z.string(), phone: z.string() })),
  reason: z.string().optional(),
  termsVersion: z.string(),
  termsAcceptedAt: z.coerce.date(),
  personalDataVersion: z.string(),
  personalDataAcceptedAt: z.coerce.date(),
  status: z.enum(['pending', 'assigned', 'rejected']),
  resolvedAt: z.coerce.date().optional(),
  resolvedBy: z.string().optional(),
  rejectionReason: z.string().optional(),
});

/**
 * A provider's key file (expediente): the state row and its requests, one partition per NIT, so that a
 * request and the state change it causes are written in one transaction, and two writers are told apart
 * by ETag.
 */
export type KeyFile = Omit<z.infer<typeof fileEntitySchema>, 'etag'> & { nit: string; etag: string | undefined };
export type KeyRequest = z.infer<typeof requestEntitySchema> & { nit: string };

export class KeyFileChangedError extends Error {
  override name = 'KeyFileChangedError';
}

const FILE_ROW = 'file';
const REQUEST_PREFIX = 'request-';

/** The version an official saw, sent back as If-Match: the storage ETag, or a fixed one for a file not yet saved. */
export const fileVersion = (file: KeyFile) => file.etag ?? 'W/"nuevo"';

export function emptyKeyFile(nit: string): KeyFile {
  return { nit, etag: undefined, everRequested: false, environments: {} };
}

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

export function createKeyFileRepository(storage: Storage) {
  const table = storage.table('keyfiles');
  const fileAction = (file: KeyFile): TransactionAction =>
    file.etag ? ['update', fileEntity(file), 'Replace', { etag: file.etag }] : ['create', fileEntity(file)];

  async function commit(actions: TransactionAction[]): Promise<void> {
    try {
      await table.submitTransaction(actions);
    } catch (error) {
      if (isStatus(error, 412) || isStatus(error, 409)) throw new KeyFileChangedError('El expediente cambió mientras se guardaba.');
      throw error;
    }
  }

  return {
    async getFile(nit: string): Promise<KeyFile> {
      const row = await getEntityOrUndefined(table, nit, FILE_ROW);
      return row ? { ...fileEntitySchema.parse(row), nit } : emptyKeyFile(nit);
    },
    async getRequest(nit: string, id: string): Promise<KeyRequest | undefined> {
      if (!/^[0-9a-z-]{1,64}$/.test(id)) return undefined;
      const row = await getEntityOrUndefined(table, nit, `${REQUEST_PREFIX}${id}`);
      return row && { ...requestEntitySchema.parse(row), nit };
    },
    /** Newest first. */
    async listRequests(nit: string, limit = 50): Promise<KeyRequest[]> {
      const filter = `PartitionKey eq '${nit.replace(/'/g, "''")}' and RowKey ge '${REQUEST_PREFIX}' and RowKey lt 'request.'`;
      const requests: KeyRequest[] = [];
      for await (const row of table.listEntities({ queryOptions: { filter } })) {
        requests.push({ ...requestEntitySchema.parse(row), nit });
        if (requests.length >= limit) break;
      }
      return requests;
    },
    /** Every key file, for maintenance jobs (a full scan of the table's file rows). */
    async *listFiles(): AsyncGenerator<KeyFile> {
      for await (const row of table.listEntities({ queryOptions: { filter: `RowKey eq '${FILE_ROW}'` } })) {
        yield { ...fileEntitySchema.parse(row), nit: row.partitionKey! };
      }
    },
    /** Saves a new request and the file's new state together, or neither. */
    saveRequest: (file: KeyFile, request: KeyRequest) => commit([['create', requestEntity(request)], fileAction(file)]),
    /** Saves the file with the request it resolves (assignment or rejection), together. */
    saveFile: (file: KeyFile, resolved?: KeyRequest) =>
      commit(resolved ? [fileAction(file), ['update', requestEntity(resolved), 'Replace']] : [fileAction(file)]),
  };
}
export type KeyFileRepository = ReturnType<typeof createKeyFileRepository>;
