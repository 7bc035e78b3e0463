import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { formatDateTime } from '../../../lib/format';
import { CertificateFacts } from './certificate-facts';

/**
 * In place of the ClientSecret field, in an environment that accepts only certificates (…_CREDENTIAL_TYPE=certificate):
 * the provider's certificate for it, or that the provider still has to upload one.
 */
export function CertificateOnlyStatus({
  name,
  label,
  certificate,
}: {
  name: EnvironmentName;
  label: string;
  certificate: CertificateView | undefined;
}) {
  const id = `${name}-solo-certificado`;
  return (
    <div
      class="notice certificate-only"
      id={id}
      role="group"
      aria-labelledby={`${id}-titulo`}
      data-certificate={certificate ? 'yes' : 'no'}
    >
      <p id={`${id}-titulo`}>
        <strong>{label} acepta solo certificado: no se registra ClientSecret.</strong>
      </p>
      {certificate ? (
        <CertificateFacts
          certificate={certificate}
          subjectTerm="Certificado del prestador"
          validityTerm="Vigente hasta"
          validity={formatDateTime(certificate.notAfter)}
        />
      ) : (
        <p>
          El prestador debe cargar su certificado de {label}: el delegado lo carga en «Paso 2 – Visualización de las llaves» o envía al
          proveedor tecnológico un enlace de un solo uso. Mientras tanto puede registrar el ClientID y los demás datos.
        </p>
      )}
    </div>
  );
}
