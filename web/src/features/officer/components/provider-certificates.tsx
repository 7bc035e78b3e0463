import { useState } from 'preact/hooks';
import type { CertificatesOfProvider } from '../../../../../src/credentials/certificates.schemas';
import { environmentLabels, type EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { daysLeftText, daysUntil, formatDateTime } from '../../../lib/format';
import { createCertificateRegistration } from '../api/create-certificate-registration';
import { providerCertificateFileUrl } from '../api/get-provider-certificates';
import { CertificateFacts } from './certificate-facts';

const order: EnvironmentName[] = ['preproduction', 'production'];

/**
 * «Certificados del prestador»: what the delegate uploaded. Added by Graph when the environment generates in
 * Entra ID; otherwise the official uploads the .cer in the Entra portal and marks it registered.
 */
export function ProviderCertificates({
  nit,
  certificates,
  onChanged,
}: {
  nit: string;
  /** Loaded by the provider's page, which the key form shares. */
  certificates: CertificatesOfProvider | undefined;
  /** Reloads the page's data (the file, the trail and these certificates). */
  onChanged: () => Promise<void>;
}) {
  const [error, setError] = useState<string | undefined>();

  async function mark(env: EnvironmentName) {
    setError(undefined);
    try {
      await createCertificateRegistration(nit, env);
      await onChanged();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  const uploaded = order.filter((env) => certificates?.environments[env].certificate);
  if (!certificates || uploaded.length === 0) return null;
  return (
    <section aria-labelledby="certificados-prestador">
      <h2 id="certificados-prestador">Certificados del prestador</h2>
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {uploaded.map((env) => {
        const certificate = certificates.environments[env].certificate!;
        const label = environmentLabels[env];
        return (
          <article key={env} aria-labelledby={`certificado-prestador-${env}`}>
            <h3 id={`certificado-prestador-${env}`}>Certificado de {label}</h3>
            <CertificateFacts
              certificate={certificate}
              subjectTerm="Sujeto"
              withSha256
              validityTerm="Vigencia"
              validity={
                <>
                  Del {formatDateTime(certificate.notBefore)} al {formatDateTime(certificate.notAfter)} (
                  {daysLeftText(daysUntil(certificate.notAfter))}) · {certificate.keyDescription}
                </>
              }
            />
            <p>
              <a href={providerCertificateFileUrl(nit, env)} download>
                Descargar certificado<span class="visually-hidden"> de {label}</span> (.cer)
              </a>
            </p>
            {certificate.registration === 'pending' && (
              <>
                <p class="hint">
                  En el portal de Microsoft Entra ID: Registros de aplicaciones → la aplicación del prestador en {label} → Certificados y
                  secretos → Certificados → Cargar certificado. Compruebe que la huella que muestra el portal sea{' '}
                  <code class="thumbprint">{certificate.thumbprintSha1}</code>.
                </p>
                <button type="button" class="button button--secondary" onClick={() => void mark(env)}>
                  Marcar como registrado en Entra ID<span class="visually-hidden"> ({label})</span>
                </button>
              </>
            )}
          </article>
        );
      })}
    </section>
  );
}
