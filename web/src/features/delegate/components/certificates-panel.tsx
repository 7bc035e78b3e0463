import type { CertificatesOfProvider, CertificateView } from '../../../../../src/credentials/certificates.schemas';
import { environmentLabels, type EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { myCertificateFileUrl } from '../api/put-my-certificate';
import { CertificateRows } from './certificate-details';
import { CertificateLink } from './certificate-link';
import { CertificateUpload } from './certificate-upload';

const order: EnvironmentName[] = ['preproduction', 'production'];

/**
 * «Certificados»: per environment that accepts one, the public certificate of the vendor's application (the
 * private key stays with the vendor), its details, the .cer and the upload.
 */
export function CertificatesPanel({
  certificates,
  onUploaded,
}: {
  certificates: CertificatesOfProvider;
  onUploaded: (certificate: CertificateView) => void;
}) {
  const shown = order.filter((env) => certificates.environments[env].credentialType !== 'secret');
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="certificados" class="certificates">
      <h3 id="certificados">Certificados (autenticación sin secreto)</h3>
      <p>
        Con un certificado, el software se autentica con una aserción firmada (client assertion) y la llave privada nunca sale del proveedor
        tecnológico: nadie en el Ministerio, en un correo o en un registro puede filtrarla. El proveedor genera el par de llaves y le
        entrega solo el certificado público.
      </p>
      <div class="environments">
        {shown.map((env) => {
          const { credentialType, certificate } = certificates.environments[env];
          const label = environmentLabels[env];
          return (
            <article class="environment" key={env} aria-labelledby={`certificado-titulo-${env}`}>
              <h4 id={`certificado-titulo-${env}`}>Certificado de {label}</h4>
              <p class="hint">
                {credentialType === 'certificate'
                  ? `${label} acepta solo certificado: no se entrega ClientSecret.`
                  : `${label} acepta certificado o ClientSecret.`}
              </p>
              {certificate ? (
                <>
                  <dl class="keys">
                    <CertificateRows certificate={certificate} label={label} />
                  </dl>
                  <p>
                    <a href={myCertificateFileUrl(env)} download>
                      Descargar certificado<span class="visually-hidden"> de {label}</span> (.cer)
                    </a>
                  </p>
                </>
              ) : (
                <p>Aún no ha cargado un certificado para {label}.</p>
              )}
              <CertificateUpload environment={env} label={label} replacing={certificate !== undefined} onUploaded={onUploaded} />
              <CertificateLink environment={env} label={label} />
            </article>
          );
        })}
      </div>
    </section>
  );
}
