import type { FieldError } from '../kernel/app-error';
import type { ApiAccess, EntraRef, EnvironmentCredentials, KeyFile, KeyRequest, PreviousSecret } from '../key-files/key-file';
import { isoDay } from './expiry-calendar';
import {
  environmentLabels,
  MAX_EXPIRY_MONTHS,
  updateReasonProblem,
  type AssignCredentialsInput,
  type EnvironmentName,
} from './credentials.schemas';
import type { SecretRef } from './secret-store.port';

/** The rules of Asignar / Actualizar Token (6.4.2.1) that need nothing but their arguments. */

export const environments: EnvironmentName[] = ['preproduction', 'production'];
/** Replaced secrets kept on record per environment (more are kept while one still has to be retired). */
const MAX_PREVIOUS_SECRETS = 10;

type EnvironmentInput = AssignCredentialsInput[EnvironmentName];
/** A new ClientSecret for one environment: generated in Entra ID (`entra` set), or typed by the official. */
export type IssuedSecret = { clientId: string; tenantId: string; ref: SecretRef; entra?: EntraRef; apiAccess?: ApiAccess };

/** Entra ID's endDateTime for a key shown as valid through `expiresOn`: the end of that day in Bogotá. */
export const entraEndDateTime = (expiresOn: string) => new Date(`${expiresOn}T23:59:59-05:00`).toISOString();

/** Until when a replaced secret keeps working: `graceDays` after the change. */
export const overlapEnd = (now: Date, graceDays: number) => new Date(now.getTime() + graceDays * 86_400_000).toISOString();

/** Each expiry date after `today` (Bogotá) and at most MAX_EXPIRY_MONTHS ahead. */
export function expiryProblems(input: AssignCredentialsInput, today: string): FieldError[] {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCMonth(limit.getUTCMonth() + MAX_EXPIRY_MONTHS);
  const max = isoDay(limit);
  return environments.flatMap((env) => {
    const value = input[env].expiresOn;
    if (value <= today)
      return [{ field: `${env}.expiresOn`, message: `La fecha de expiración de ${environmentLabels[env]} debe ser posterior a hoy.` }];
    if (value > max)
      return [
        {
          field: `${env}.expiresOn`,
          message: `La fecha de expiración de ${environmentLabels[env]} no puede pasar de ${MAX_EXPIRY_MONTHS} meses (${max}).`,
        },
      ];
    return [];
  });
}

/** What an environment's entry may ask given the keys it has now, and whether Entra ID generation is configured for it. */
export function environmentProblems(
  env: EnvironmentName,
  entry: EnvironmentInput,
  current: EnvironmentCredentials | undefined,
  generationEnabled: boolean,
): FieldError[] {
  if (entry.mode === 'entra') {
    return generationEnabled
      ? []
      : [
          {
            field: `${env}.mode`,
            message: `La generación en Entra ID no está configurada para ${environmentLabels[env]}: registre las llaves manualmente.`,
          },
        ];
  }
  const problems: FieldError[] = [];
  if (entry.revokePrevious && !entry.clientSecret) {
    problems.push({
      field: `${env}.revokePrevious`,
      message: `Para revocar el ClientSecret anterior de ${environmentLabels[env]} genere o escriba uno nuevo.`,
    });
  }
  if (!entry.clientSecret && current?.source === 'entra' && current.expiresOn !== entry.expiresOn) {
    // Entra ID keeps the credential's end date: only a new secret can carry another one.
    problems.push({
      field: `${env}.expiresOn`,
      message: `Las llaves de ${environmentLabels[env]} se generaron en Entra ID con vencimiento ${current.expiresOn}: para cambiar la fecha pulse «Generar en Entra ID» (se crea un ClientSecret nuevo).`,
    });
  }
  if (!entry.clientSecret && !current?.clientSecretRef) {
    problems.push({ field: `${env}.clientSecret`, message: `Ingrese el ClientSecret de ${environmentLabels[env]}.` });
  } else if (
    !entry.clientSecret &&
    current &&
    (current.clientId !== entry.clientId?.toLowerCase() || current.tenantId !== entry.tenantId?.toLowerCase())
  ) {
    // A secret belongs to one app registration: a new ClientID or tenant needs its own secret.
    problems.push({
      field: `${env}.clientSecret`,
      message: `Cambió el ClientID o el tenant de ${environmentLabels[env]}: ingrese también el ClientSecret de esa aplicación.`,
    });
  }
  return problems;
}

/** Everything wrong with an assignment before anything is written, in the order the official reads it. */
export function assignmentProblems(
  file: KeyFile,
  input: AssignCredentialsInput,
  today: string,
  generationEnabled: (env: EnvironmentName) => boolean,
): FieldError[] {
  const updateReason = updateReasonProblem({
    hasKeys: environments.some((env) => file.environments[env] !== undefined),
    pendingRequest: file.pendingRequestId !== undefined,
    updateReason: input.updateReason,
  });
  return [
    ...expiryProblems(input, today),
    ...environments.flatMap((env) => environmentProblems(env, input[env], file.environments[env], generationEnabled(env))),
    ...(updateReason ? [{ field: 'updateReason', message: updateReason }] : []),
  ];
}

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
    current && fresh
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
  const entraRef = fresh ? fresh.entra : current!.entra;
  // A new secret carries what Entra ID said of its application's API role; otherwise the state stays.
  const apiAccess = fresh ? fresh.apiAccess : current!.apiAccess;
  return {
    clientId: fresh?.clientId ?? entry.clientId!.toLowerCase(),
    tenantId: fresh?.tenantId ?? entry.tenantId!.toLowerCase(),
    expiresOn: entry.expiresOn,
    scope: entry.scope,
    endpoint: entry.endpoint,
    clientSecretRef: fresh?.ref ?? current!.clientSecretRef,
    ...(subscriptionKeyRef && { subscriptionKeyRef }),
    assignedAt: now.toISOString(),
    assignedBy: officer,
    source: fresh ? (fresh.entra ? 'entra' : 'manual') : current!.source,
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
}) {
  const { before, input, replacedSecrets, validUntil, pending } = assignment;
  const { preproduction, production } = assignment.after.environments;
  return {
    clientIdPreproduccion: preproduction!.clientId,
    clientIdProduccion: production!.clientId,
    vencePreproduccion: preproduction!.expiresOn,
    venceProduccion: production!.expiresOn,
    secretoPreproduccionNuevo: replacedSecrets.includes('preproduction') || !before.environments.preproduction,
    secretoProduccionNuevo: replacedSecrets.includes('production') || !before.environments.production,
    origenPreproduccion: preproduction!.source === 'entra' ? 'Entra ID' : 'manual',
    origenProduccion: production!.source === 'entra' ? 'Entra ID' : 'manual',
    ...(replacedSecrets.length > 0 && { anteriorValidoHasta: validUntil }),
    ...(environments.some((env) => input[env].revokePrevious) && {
      anteriorRevocado: environments.filter((env) => input[env].revokePrevious).join(', '),
    }),
    ...(pending && { requestId: pending.id }),
    ...(input.updateReason?.trim() && { motivoActualizacion: input.updateReason.trim() }),
  };
}
