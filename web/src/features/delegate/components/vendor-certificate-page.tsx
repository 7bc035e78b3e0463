import { useState } from 'preact/hooks';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime, withStop } from '../../../lib/format';
import { createCertificateLinkUpload, type LinkUpload } from '../api/create-certificate-link-upload';
import { certificateText } from './certificate-upload';

/** Reads the token from the link's fragment once, then drops it from the address bar and history. */
function takeTokenFromUrl(): string {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  if (location.hash) history.replaceState(null, '', location.pathname);
  return token;
}

/** The technical lead's page behind the one-time link: no account, one upload of the public certificate. */
export function VendorCertificatePage() {
  const [token] = useState(takeTokenFromUrl);
  const [file, setFile] = useState<File | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<LinkUpload | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setError(undefined);
    if (!file) return setError('Elija el archivo del certificado público.');
    setBusy(true);
    try {
      setDone(await createCertificateLinkUpload(token, await certificateText(file)));
    } catch (failure) {
      setError(
        failure instanceof ApiError ? (failure.fields.certificate ?? failure.fields.token ?? failure.message) : (failure as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <>
        <h1>Certificado cargado</h1>
        <div class="notice notice--success" role="status">
          <p>
            El certificado de {done.environmentLabel} quedó cargado. {done.registrationLabel}.
          </p>
          <p>
            Huella SHA-1: <code>{done.thumbprintSha1}</code> · {withStop(`vigente hasta el ${formatDateTime(done.notAfter)}`)}
          </p>
          <p>Este enlace ya no sirve. Conserve la llave privada solo en su software: nunca la envíe.</p>
        </div>
      </>
    );
  return (
    <>
      <h1>Cargar el certificado del proveedor</h1>
      <p>
        El delegado del prestador le envió este enlace para cargar el <strong>certificado público</strong> de su aplicación (archivo .cer,
        .crt o .pem). La llave privada se queda en su software: nunca la envíe. El enlace sirve una sola vez.
      </p>
      <form onSubmit={submit} noValidate>
        <div class={`field${error ? ' field--error' : ''}`}>
          <label for="certificado-proveedor">Certificado público</label>
          <p class="hint" id="certificado-proveedor-ayuda">
            RSA de 2048 bits o más, o EC P-256; vigencia de 24 meses o menos; no un certificado de CA.
          </p>
          {error && (
            <p class="field-error" id="certificado-proveedor-error" role="alert">
              <span class="visually-hidden">Error: </span>
              {error}
            </p>
          )}
          <input
            id="certificado-proveedor"
            type="file"
            accept=".cer,.crt,.pem,.der"
            aria-describedby={`certificado-proveedor-ayuda${error ? ' certificado-proveedor-error' : ''}`}
            onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0])}
          />
        </div>
        <button type="submit" class="button" disabled={busy || !token}>
          Cargar certificado
        </button>
        {!token && <p class="field-error">El enlace está incompleto: ábralo tal como lo recibió.</p>}
      </form>
    </>
  );
}
