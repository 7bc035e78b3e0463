import type { ApiAccess, EntraRef, EnvironmentCredentials, KeyFile, KeyRequest, PreviousSecret } from '../key-files/key-file';
import type { AssignCredentialsInput } from './assignment.schemas';
import type { EnvironmentName } from './credentials.schemas';
import type { Verification } from './key-check.schemas';
import type { SecretRef } from './secret-store.port';

/** The rules of Asignar / Actualizar Token (6.4.2.1) that need nothing but their arguments. */

export const environments: EnvironmentName[] = ['preproduction', 'production'];
/** Replaced secrets kept on record per environment (more are kept while one still has to be retired). */
const MAX_PREVIOUS_SECRETS = 10;

type EnvironmentInput = AssignCredentialsInput[EnvironmentName];
/**
 * A new ClientSecret for one environment: generated in Entra ID (`entra` set), or typed by the official. No `ref`:
 * generated in a certificate-only environment (the application only, no password); its `expiresOn`, when set, is
 * the registered certificate's and overrides the entry's.
 */
export type IssuedSecret = {
  clientId: string;
  tenantId: string;
  ref?: SecretRef;
  entra?: EntraRef;
  apiAccess?: ApiAccess;
  expiresOn?: string;
};

/** Entra ID's endDateTime for a key shown as valid through `expiresOn`: the end of that day in Bogotá. */
export const entraEndDateTime = (expiresOn: string) => new Date(`${expiresOn}T23:59:59-05:00`).toISOString();

/** Until when a replaced secret keeps working: `graceDays` after the change. */
export const overlapEnd = (now: Date, graceDays: number) => new Date(now.getTime() + graceDays * 86_400_000).toISOString();

/** An environment's keys after the assignment: the new secret if there is one, else the current one, with the entry's other values. */
export function nextCredentials(change: {
  current: EnvironmentCredentials | undefined;
  entry: EnvironmentInput;
  fresh: IssuedSecret | undefined;
  subscriptionKeyRef: SecretRef | undefined;
  now: Date;
  officer: string;
  /** End of the replaced secret's overlap. */
  validUntil: string;
}): EnvironmentCredentials {
  const { current, entry, fresh, subscriptionKeyRef, now, officer } = change;
  const replaced: PreviousSecret | undefined =
    current?.clientSecretRef && fresh
      ? {
          ref: current.clientSecretRef,
          replacedAt: now.toISOString(),
          replacedBy: officer,
          clientId: current.clientId,
          validUntil: entry.revokePrevious ? now.toISOString() : change.validUntil,
          ...(current.entra && { entra: current.entra }),
        }
      : undefined;
  // Never forget a secret that still has to be retired, however many rotations came since.
  const previousSecrets = [...(replaced ? [replaced] : []), ...(current?.previousSecrets ?? [])].filter(
    (previous, index) => index < MAX_PREVIOUS_SECRETS || (previous.validUntil !== undefined && previous.retiredAt === undefined),
  );
  const entraRef = fresh ? fresh.entra : current?.entra;
  // A new secret carries what Entra ID said of its application's API role; otherwise the state stays.
  const apiAccess = fresh ? fresh.apiAccess : current?.apiAccess;
  return {
    clientId: fresh?.clientId ?? entry.clientId!.toLowerCase(),
    tenantId: fresh?.tenantId ?? entry.tenantId!.toLowerCase(),
    expiresOn: fresh?.expiresOn ?? entry.expiresOn,
    scope: entry.scope,
    endpoint: entry.endpoint,
    // Generated in a certificate-only environment: no ClientSecret; the one on file, if any, was replaced above.
    // Typed without one: the one on file stays.
    ...(fresh ? fresh.ref && { clientSecretRef: fresh.ref } : current?.clientSecretRef && { clientSecretRef: current.clientSecretRef }),
    ...(subscriptionKeyRef && { subscriptionKeyRef }),
    assignedAt: now.toISOString(),
    assignedBy: officer,
    source: fresh ? (fresh.entra ? 'entra' : 'manual') : (current?.source ?? 'manual'),
    ...(entraRef && { entra: entraRef }),
    ...(apiAccess && { apiAccess }),
    previousSecrets,
  };
}

/** The environments whose ClientSecret this assignment (made at `now`) replaced. */
export const replacedEnvironments = (updated: KeyFile['environments'], now: Date) =>
  environments.filter((env) => updated[env]!.previousSecrets[0]?.replacedAt === now.toISOString());

/** Official updates kept on the file for the delegate's history. */
const MAX_UPDATES = 20;

/** The file once assigned: new keys, no request pending, a fresh assignment id, and the update's motive if one was given. */
export function assignedFile(
  file: KeyFile,
  updated: KeyFile['environments'],
  now: Date,
  assignmentId: string,
  update?: { by: string; reason: string | undefined },
): KeyFile {
  const reason = update?.reason?.trim();
  return {
    ...file,
    ...(reason && { updates: [{ at: now.toISOString(), by: update!.by, reason }, ...(file.updates ?? [])].slice(0, MAX_UPDATES) }),
    environments: updated,
    pendingRequestId: undefined,
    pendingKind: undefined,
    pendingSince: undefined,
    lastOutcome: 'assigned',
    rejection: undefined,
    updatedAt: now,
    lastAssignmentId: assignmentId,
  };
}

/** The audit row's detail: what changed, never a secret. */
export function assignmentAuditDetail(assignment: {
  before: KeyFile;
  after: KeyFile;
  input: AssignCredentialsInput;
  replacedSecrets: EnvironmentName[];
  validUntil: string;
  pending: KeyRequest | undefined;
  /** «Verificar llaves» per environment, as the server's own record has it; missing: not-run. */
  verification?: Partial<Record<EnvironmentName, Verification>> | undefined;
}) {
  const { before, input, replacedSecrets, validUntil, pending, verification } = assignment;
  const { preproduction, production } = assignment.after.environments;
  return {
    clientIdPreproduccion: preproduction!.clientId,
    clientIdProduccion: production!.clientId,
    vencePreproduccion: preproduction!.expiresOn,
    venceProduccion: production!.expiresOn,
    // A certificate-only environment's keys carry no ClientSecret: none was issued, the key is the certificate.
    secretoPreproduccionNuevo:
      !!preproduction!.clientSecretRef && (replacedSecrets.includes('preproduction') || !before.environments.preproduction),
    secretoProduccionNuevo: !!production!.clientSecretRef && (replacedSecrets.includes('production') || !before.environments.production),
    ...(!preproduction!.clientSecretRef && { tipoDeLlavePreproduccion: 'certificado' }),
    ...(!production!.clientSecretRef && { tipoDeLlaveProduccion: 'certificado' }),
    origenPreproduccion: preproduction!.source === 'entra' ? 'Entra ID' : 'manual',
    origenProduccion: production!.source === 'entra' ? 'Entra ID' : 'manual',
    ...(replacedSecrets.length > 0 && { anteriorValidoHasta: validUntil }),
    ...(environments.some((env) => input[env].revokePrevious) && {
      anteriorRevocado: environments.filter((env) => input[env].revokePrevious).join(', '),
    }),
    verificacionPreproduccion: verification?.preproduction ?? 'not-run',
    verificacionProduccion: verification?.production ?? 'not-run',
    ...(pending && { requestId: pending.id }),
    ...(input.updateReason?.trim() && { motivoActualizacion: input.updateReason.trim() }),
  };
}
