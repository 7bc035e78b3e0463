import type { Provider } from '../directory/directory.schemas';
import { nitCheckDigit } from '../identity/colombian-ids';
import type { EnvironmentCredentials, KeyFile } from '../key-files/key-file';
import { applicationDisplayName } from './app-registrar.port';
import { environmentLabels, tokenUrlFor, type EnvironmentName } from './credentials.schemas';

const environments: EnvironmentName[] = ['preproduction', 'production'];

/** A ClientSecret version on the officer's page: the current one (`since`), or a replaced one with its overlap and retirement. */
type SecretVersionView = {
  version: string;
  current: boolean;
  /** Generated in Entra ID: only the delegate may see it, never an official. */
  generated: boolean;
  clientId?: string;
  since?: string;
  replacedAt?: string;
  replacedBy?: string;
  validUntil?: string;
  retiredAt?: string;
};

/** A provider as the officials' lists show it, also when it is no longer in the directory. */
export const providerSummary = (provider: Provider | undefined, nit: string) => ({
  nit,
  checkDigit: nitCheckDigit(nit),
  name: provider?.name ?? `NIT ${nit} (no está en el directorio)`,
  habilitationCodes: provider?.sites.map((site) => site.habilitationCode) ?? [],
  department: provider?.sites[0]?.department ?? '',
  municipality: provider?.sites[0]?.municipality ?? '',
});

/** One environment's keys as officials see them: never a secret, every version with its state. */
export function environmentView(env: EnvironmentName, credentials: EnvironmentCredentials, nit: string) {
  return {
    label: environmentLabels[env],
    clientId: credentials.clientId,
    expiresOn: credentials.expiresOn,
    tenantId: credentials.tenantId,
    scope: credentials.scope,
    endpoint: credentials.endpoint,
    tokenUrl: tokenUrlFor(credentials.tenantId),
    hasClientSecret: true,
    hasSubscriptionKey: credentials.subscriptionKeyRef !== undefined,
    assignedAt: credentials.assignedAt,
    assignedBy: credentials.assignedBy,
    source: credentials.source,
    ...(credentials.entra && { application: applicationDisplayName(env, nit) }),
    /** The IHCE API's app role of a generated application: `pending` until a tenant administrator grants it. */
    ...(credentials.apiAccess && { apiAccess: credentials.apiAccess }),
    secretVersions: <SecretVersionView[]>[
      ...(credentials.clientSecretRef
        ? [
            {
              version: credentials.clientSecretRef.version,
              current: true,
              generated: credentials.source === 'entra',
              since: credentials.assignedAt,
              clientId: credentials.clientId,
            },
          ]
        : []),
      ...credentials.previousSecrets.map((previous) => ({
        version: previous.ref.version,
        current: false,
        generated: previous.entra !== undefined,
        replacedAt: previous.replacedAt,
        replacedBy: previous.replacedBy,
        ...(previous.clientId && { clientId: previous.clientId }),
        ...(previous.validUntil && { validUntil: previous.validUntil }),
        ...(previous.retiredAt && { retiredAt: previous.retiredAt }),
      })),
    ],
  };
}

export function environmentsOf(file: KeyFile): Partial<Record<EnvironmentName, ReturnType<typeof environmentView>>> {
  return Object.fromEntries(
    environments.filter((env) => file.environments[env]).map((env) => [env, environmentView(env, file.environments[env]!, file.nit)]),
  );
}
