import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';
import { CopyButton } from '../../../components/copy-button';
import { daysLeftText, daysUntil, formatDateTime } from '../../../lib/format';

/** Subject, both thumbprints (SHA-1 is what Entra ID shows), validity and where it stands: rows of a `dl.keys`. */
export function CertificateRows({ certificate, label }: { certificate: CertificateView; label: string }) {
  // Counted and flagged as the ClientSecret's «Fecha de expiración» is: the certificate is what expires here.
  const daysLeft = daysUntil(certificate.notAfter);
  const rows = [
    { term: 'Sujeto del certificado', value: certificate.subject, copy: false },
    { term: 'Huella digital SHA-1 (la que muestra Entra ID)', value: certificate.thumbprintSha1, copy: true },
    { term: 'Huella digital SHA-256 (x5t#S256)', value: certificate.thumbprintSha256, copy: true },
  ];
  return (
    <>
      {rows.map((row) => (
        <div key={row.term}>
          <dt>{row.term}</dt>
          <dd>
            <code>{row.value}</code>
            {row.copy && <CopyButton label={`${row.term} de ${label}`} value={row.value} />}
          </dd>
        </div>
      ))}
      <div>
        <dt>Vigencia del certificado</dt>
        <dd>
          Del {formatDateTime(certificate.notBefore)} al {formatDateTime(certificate.notAfter)}{' '}
          <span class={daysLeft < 30 ? 'expiry expiry--soon' : 'expiry'} data-certificate-expiry>
            ({daysLeftText(daysLeft)})
          </span>
        </dd>
      </div>
      <div>
        <dt>Llave pública</dt>
        <dd>{certificate.keyDescription}</dd>
      </div>
      <div>
        <dt>Estado del certificado</dt>
        <dd data-registration={certificate.registration}>{certificate.registrationLabel}</dd>
      </div>
    </>
  );
}
