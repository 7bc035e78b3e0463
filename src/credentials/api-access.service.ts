import type { AuditLog } from '../audit/audit.repository';
import type { Clock } from '../platform/clock';
import { KeyFileChangedError } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';

type Deps = { keyFiles: KeyFileRepository; audit: AuditLog; clock: Clock };

/** A generated application whose key file still says its IHCE API permission is pending. */
export type PendingApiAccess = { nit: string; clientId: string };
export type MarkOutcome = 'granted' | 'already-granted' | 'not-pending';

const ATTEMPTS = 3;

/**
 * The IHCE API's app role on generated applications, as the key files record it. The runtime only ever
 * writes `pending`; a tenant administrator grants the role with `npm run entra:grant-api-access`, which
 * then marks the files through `markGranted` so that officials and the delegate see it.
 */
export function createApiAccessRecords({ keyFiles, audit, clock }: Deps) {
  return {
    /** Every key file whose application in `env` waits for the permission (a full scan: an administrator's step). */
    async pending(env: EnvironmentName): Promise<PendingApiAccess[]> {
      const found: PendingApiAccess[] = [];
      for await (const file of keyFiles.listFiles()) {
        const credentials = file.environments[env];
        if (credentials?.apiAccess === 'pending') found.push({ nit: file.nit, clientId: credentials.clientId });
      }
      return found;
    },

    /**
     * Records that the application `clientId` of `nit` in `env` now holds the API role. Idempotent; a file
     * whose keys moved to another application since is left alone (`not-pending`).
     */
    async markGranted(change: { nit: string; env: EnvironmentName; clientId: string; by: string }): Promise<MarkOutcome> {
      const { nit, env, by } = change;
      const clientId = change.clientId.toLowerCase();
      for (let attempt = 1; ; attempt++) {
        const file = await keyFiles.getFile(nit);
        const credentials = file.environments[env];
        if (!credentials || credentials.clientId !== clientId) return 'not-pending';
        if (credentials.apiAccess === 'granted') return 'already-granted';
        if (credentials.apiAccess !== 'pending') return 'not-pending';
        try {
          await keyFiles.saveFile({
            ...file,
            environments: { ...file.environments, [env]: { ...credentials, apiAccess: 'granted' } },
            updatedAt: clock.now(),
          });
        } catch (error) {
          // An official saved meanwhile: read again and decide on what is stored now.
          if (error instanceof KeyFileChangedError && attempt < ATTEMPTS) continue;
          throw error;
        }
        await audit.record({
          subject: `provider:${nit}`,
          action: 'permiso-api.concedido',
          actor: by,
          detail: { ambiente: environmentLabels[env], clientId },
        });
        return 'granted';
      }
    },
  };
}
export type ApiAccessRecords = ReturnType<typeof createApiAccessRecords>;
