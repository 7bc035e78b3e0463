import type { EnvironmentView } from '../../../../../src/credentials/credentials.schemas';
import { AUTO_ISSUED_STATUS } from '../../../../../src/key-files/key-file.schemas';
import { useMyCertificates } from '../api/get-my-certificates';
import { CertificatesPanel } from './certificates-panel';
import { EnvironmentCard } from './environment-card';
import { PendingReview } from './pending-review';

/**
 * Paso 2 – Visualización de las llaves (seed 6.4.1.2): one card per environment, and while a request waits
 * (or before any key exists) the state of the request under review.
 */
export function KeysPanel({
  environments,
  pending,
}: {
  environments: EnvironmentView[];
  pending?: { statusLabel: string; since: string | undefined } | undefined;
}) {
  const { certificates, reload } = useMyCertificates();
  return (
    <section aria-labelledby="paso-2">
      <h2 id="paso-2">Paso 2 – Visualización de las llaves</h2>
      {pending && (
        <PendingReview
          statusLabel={pending.statusLabel}
          since={pending.since}
          preproductionReady={pending.statusLabel === AUTO_ISSUED_STATUS}
        />
      )}
      {environments.length > 0 && (
        <>
          <p>
            Entregue estos datos al proveedor tecnológico de su Sistema de Información Hospitalario. El ClientSecret es confidencial:
            muéstrelo solo cuando lo vaya a usar.
          </p>
          <div class="environments">
            {environments.map((environment) => (
              <EnvironmentCard
                key={environment.environment}
                environment={environment}
                certificateOnly={certificates?.environments[environment.environment].credentialType === 'certificate'}
                certificate={certificates?.environments[environment.environment].certificate}
              />
            ))}
          </div>
        </>
      )}
      {certificates && <CertificatesPanel certificates={certificates} onUploaded={() => void reload()} />}
    </section>
  );
}
