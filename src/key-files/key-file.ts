import * as z from 'zod';
import { statusLabels, type KeyFileStatus } from './key-file.schemas';

const secretRefSchema = z.object({ name: z.string(), version: z.string() });
/**
 * Where generated keys live in Entra ID: the application (object id) and the password credential (keyId). No keyId:
 * the application was generated in a certificate-only environment, where no password is ever added.
 */
const entraRefSchema = z.object({ applicationObjectId: z.string(), keyId: z.string().optional() });
export type EntraRef = z.infer<typeof entraRefSchema>;

/**
 * Whether a generated application holds the IHCE API's app role. The runtime never grants it (that needs
 * AppRoleAssignment.ReadWrite.All): a tenant administrator does, with `npm run entra:grant-api-access`.
 * Absent: nothing to wait for (manual keys, no API role configured, or rows written before this field, when
 * the save itself granted the role or failed).
 */
export const apiAccessSchema = z.enum(['pending', 'granted']);
export type ApiAccess = z.infer<typeof apiAccessSchema>;

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
  clientSecretRef: secretRefSchema.optional(),
  subscriptionKeyRef: secretRefSchema.optional(),
  assignedAt: z.string(),
  assignedBy: z.string(),
  /** `entra`: generated through Microsoft Graph (Generar en Entra ID); `manual`: typed by the official (seed 6.4.2.1). */
  source: z.enum(['manual', 'entra']).default('manual'),
  entra: entraRefSchema.optional(),
  apiAccess: apiAccessSchema.optional(),
  /**
   * Earlier ClientSecret versions, newest first. During its overlap the delegate sees one too; after it,
   * it is retired and only its record stays.
   */
  previousSecrets: z.array(previousSecretSchema).default([]),
});
export type EnvironmentCredentials = z.infer<typeof environmentCredentialsSchema>;

const autoIssueSchema = z.object({
  requestId: z.string(),
  state: z.enum(['issued', 'failed']),
  at: z.string(),
  reason: z.string().optional(),
  attempts: z.number().int().optional(),
});
export type AutoIssue = z.infer<typeof autoIssueSchema>;

/** A property stored as JSON text (tables hold flat rows). */
const json = <S extends z.ZodType>(schema: S) => z.string().transform((value) => schema.parse(JSON.parse(value)) as z.infer<S>);

/** The stored state row of a key file, as read back. */
export const keyFileRowSchema = z.object({
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
  /** Keys changed by an official with a «Motivo de la actualización» (6.4.2.1), newest first: the delegate's history shows them. */
  updates: json(z.array(z.object({ at: z.string(), by: z.string(), reason: z.string() }))).optional(),
  /**
   * The automatic issuance of pre-production keys for a request (PREPRODUCTION_AUTO_ISSUE): `issued` once it
   * landed, `failed` with the reason officials read while the queue retries. Only meaningful while `requestId`
   * is the pending one.
   */
  autoIssue: json(autoIssueSchema).optional(),
});

/** A stored request row, as read back. */
export const keyRequestRowSchema = z.object({
  id: z.string(),
  /** `IHCE-2026-000123` (src/requests/radicado.ts); absent on requests made before radicados existed. */
  radicado: z.string().optional(),
  kind: z.enum(['first', 'renewal']),
  createdAt: z.coerce.date(),
  createdBy: z.string(),
  techVendorName: z.string(),
  softwareName: z.string(),
  techLead: json(z.object({ name: z.string(), email: z.string(), phone: z.string(), noInstitutionalDomain: z.boolean().optional() })),
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
 * A provider's key file (expediente): its state and its requests. `version` is what the store saw when the
 * file was read (undefined for a file never saved): a save made from an older version is refused, so two
 * writers are told apart.
 */
export type KeyFile = z.infer<typeof keyFileRowSchema> & { nit: string; version: string | undefined };
export type KeyRequest = z.infer<typeof keyRequestRowSchema> & { nit: string };

/** Someone else saved the key file since it was read. */
export class KeyFileChangedError extends Error {
  override name = 'KeyFileChangedError';
}

/** The version an official saw, sent back as If-Match: the stored version, or a fixed one for a file not yet saved. */
export const fileVersion = (file: KeyFile) => file.version ?? 'W/"nuevo"';

export function emptyKeyFile(nit: string): KeyFile {
  return { nit, version: undefined, everRequested: false, environments: {} };
}

export function statusOf(file: KeyFile): KeyFileStatus {
  if (file.pendingKind) return file.pendingKind === 'first' ? 'pending-first' : 'pending-renewal';
  if (file.lastOutcome === 'rejected') return 'rejected';
  if (file.environments.preproduction || file.environments.production) return 'assigned';
  return 'none';
}

export const statusLabelOf = (file: KeyFile) => statusLabels[statusOf(file)];
/** Keys for at least one environment: the provider is in the Actualizar Token search. */
export const hasKeys = (file: KeyFile) => Boolean(file.environments.preproduction || file.environments.production);
