import type { DirectoryRepository } from '../directory/directory.repository';
import { KeyFileChangedError } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { ProviderSearchIndex } from '../search/provider-search.index';
import { certificateExpiresOn, planCertificateExpiry } from './certificate-expiry';
import type { CertificateRecord, CertificateRepository } from './certificate.repository';
import type { CredentialType } from './certificates.schemas';
import type { CredentialSchedule } from './credential-schedule';
import { cardStateOf } from '../key-files/provider-flags';
import type { EnvironmentName } from './credentials.schemas';

type Deps = {
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  schedule: CredentialSchedule;
  searchIndex: Pick<ProviderSearchIndex, 'index'>;
  credentialTypes: Record<EnvironmentName, CredentialType>;
  certificates: Pick<CertificateRepository, 'list'>;
  log: (message: string, error?: unknown) => void;
  /** The Tablero's «Llaves por prestador» row of the provider (its expiry date) follows the key file. */
  holdersChanged?: (nit: string) => Promise<void>;
};

const MAX_SAVE_ATTEMPTS = 5;

/**
 * What follows a certificate's registration (upload through Graph, the vendor's link, «Marcar como registrado»): its
 * own expiry rows, and, in a certificate-only environment, the key file's `expiresOn` (Paso 2, «Actualizar Token», the
 * search card), which there is the certificate's end date. In `either` the key file's date is the secret's. Idempotent.
 */
export function createCertificateFollow(deps: Deps) {
  const planCertificate = planCertificateExpiry(deps.schedule);

  /** The key file's date set to the certificate's; true when it changed (then its calendar and search card follow). */
  async function followKeyFile(nit: string, env: EnvironmentName, record: CertificateRecord | undefined): Promise<boolean> {
    if (deps.credentialTypes[env] !== 'certificate' || !record || record.registration === 'pending') return false;
    const expiresOn = certificateExpiresOn(record);
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const file = await deps.keyFiles.getFile(nit);
      const credentials = file.environments[env];
      // A ClientSecret from before the switch keeps its own date until the next «Generar» retires it.
      if (!credentials || credentials.clientSecretRef || credentials.expiresOn === expiresOn) return false;
      const updated = { ...file, environments: { ...file.environments, [env]: { ...credentials, expiresOn } } };
      try {
        await deps.keyFiles.saveFile(updated);
      } catch (error) {
        if (error instanceof KeyFileChangedError) continue;
        throw error;
      }
      await deps.schedule.plan(updated);
      const provider = await deps.directory.getProvider(nit);
      if (provider) {
        await deps.searchIndex.index(provider, cardStateOf(updated));
      }
      await deps.holdersChanged?.(nit);
      return true;
    }
    throw new Error(`El expediente ${nit} cambió ${MAX_SAVE_ATTEMPTS} veces seguidas; se reintentará en la próxima ejecución.`);
  }

  return {
    /** Right after a certificate is saved or marked registered. */
    async plan(nit: string, env: EnvironmentName, record: CertificateRecord | undefined): Promise<void> {
      await planCertificate(nit, env, record);
      await followKeyFile(nit, env, record);
    },
    /**
     * The daily repair (and `npm run credentials:schedule`): a registered certificate whose expiry row is missing (its
     * planning failed after the save) is planned again; a key file left behind is brought to the certificate's date.
     */
    async repairAll(): Promise<{ repaired: number; failed: number }> {
      const totals = { repaired: 0, failed: 0 };
      for await (const { nit, environment, record } of deps.certificates.list()) {
        try {
          const expiresOn = certificateExpiresOn(record);
          const missing = record.registration !== 'pending' && !(await deps.schedule.hasCertificateExpiry(nit, environment, expiresOn));
          if (missing) await planCertificate(nit, environment, record);
          if ((await followKeyFile(nit, environment, record)) || missing) totals.repaired++;
        } catch (error) {
          totals.failed++;
          deps.log(`No se pudo programar el vencimiento del certificado de ${nit} (${environment}); se reintentará`, error);
        }
      }
      return totals;
    },
  };
}
export type CertificateFollow = ReturnType<typeof createCertificateFollow>;
