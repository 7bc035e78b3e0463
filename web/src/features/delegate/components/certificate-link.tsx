import { useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { CopyButton } from '../../../components/copy-button';
import { formatDateTime } from '../../../lib/format';
import { createMyCertificateLink, type CertificateLink as Link } from '../api/create-my-certificate-link';

/** «Crear enlace para el proveedor»: a single-use link the delegate sends to the technical lead; shown once. */
export function CertificateLink({ environment, label }: { environment: EnvironmentName; label: string }) {
  const [link, setLink] = useState<Link | undefined>();
  const [error, setError] = useState<string | undefined>();
  async function create() {
    setError(undefined);
    try {
      setLink(await createMyCertificateLink(environment));
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  return (
    <div class="certificate-link">
      <button type="button" class="button button--small button--secondary" onClick={() => void create()}>
        Crear enlace para el proveedor<span class="visually-hidden"> ({label})</span>
      </button>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <div role="status">
          <p>
            Envíe este enlace al líder técnico del proveedor. Sirve <strong>una sola vez</strong>, hasta el {formatDateTime(link.expiresAt)}
            , y solo permite cargar el certificado público de {label}:
          </p>
          <p>
            <code class="certificate-link__url">{link.url}</code>{' '}
            <CopyButton label={`enlace para el proveedor (${label})`} value={link.url} />
          </p>
        </div>
      )}
    </div>
  );
}
