import type { ComponentChildren } from 'preact';
import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';

/**
 * A provider's certificate as the official sees it, a `dl.keys`: its subject, the SHA-1 thumbprint Entra ID shows,
 * the SHA-256 one when asked, its validity (as the caller words it) and whether it is registered in Entra ID.
 */
export function CertificateFacts({
  certificate,
  subjectTerm,
  withSha256 = false,
  validityTerm,
  validity,
}: {
  certificate: CertificateView;
  subjectTerm: string;
  withSha256?: boolean;
  validityTerm: string;
  validity: ComponentChildren;
}) {
  return (
    <dl class="keys">
      <div>
        <dt>{subjectTerm}</dt>
        <dd>{certificate.subject}</dd>
      </div>
      <div>
        <dt>Huella digital SHA-1 (Entra ID)</dt>
        <dd>
          <code>{certificate.thumbprintSha1}</code>
        </dd>
      </div>
      {withSha256 && (
        <div>
          <dt>Huella digital SHA-256</dt>
          <dd>
            <code>{certificate.thumbprintSha256}</code>
          </dd>
        </div>
      )}
      <div>
        <dt>{validityTerm}</dt>
        <dd>{validity}</dd>
      </div>
      <div>
        <dt>Estado</dt>
        <dd data-registration={certificate.registration}>{certificate.registrationLabel}</dd>
      </div>
    </dl>
  );
}
