import { useState } from 'preact/hooks';
import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { ApiError } from '../../../lib/api-client';
import { putMyCertificate } from '../api/put-my-certificate';

const MAX_BYTES = 16 * 1024;

/** A .pem/.crt is sent as its text; a DER .cer as base64 (the API takes either). */
export async function certificateText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  if (text.includes('-----BEGIN')) return text;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** «Cargar certificado»: one file input and a button; the API's Spanish message names what is wrong. */
export function CertificateUpload({
  environment,
  label,
  replacing,
  onUploaded,
}: {
  environment: EnvironmentName;
  label: string;
  replacing: boolean;
  onUploaded: (certificate: CertificateView) => void;
}) {
  const id = `certificado-${environment}`;
  const [file, setFile] = useState<File | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (!file) return setError(`Elija el archivo del certificado público de ${label}.`);
    if (file.size > MAX_BYTES)
      return setError(`El archivo supera ${MAX_BYTES / 1024} KB: envíe solo el certificado público de la aplicación.`);
    setBusy(true);
    try {
      const certificate = await putMyCertificate(environment, await certificateText(file));
      setDone(`Certificado de ${label} cargado. ${certificate.registrationLabel}.`);
      onUploaded(certificate);
    } catch (failure) {
      setError(failure instanceof ApiError ? (failure.fields.certificate ?? failure.message) : (failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="certificate-upload" onSubmit={submit} noValidate>
      <div class={`field${error ? ' field--error' : ''}`}>
        <label for={id}>{replacing ? `Reemplazar el certificado de ${label}` : `Certificado público de ${label}`}</label>
        <p class="hint" id={`${id}-ayuda`}>
          Archivo .cer, .crt o .pem con «BEGIN CERTIFICATE» (RSA de 2048 bits o más, o EC P-256; vigencia de 24 meses o menos). Nunca envíe
          la llave privada ni un .pfx.
        </p>
        {error && (
          <p class="field-error" id={`${id}-error`} role="alert">
            <span class="visually-hidden">Error: </span>
            {error}
          </p>
        )}
        <input
          id={id}
          type="file"
          accept=".cer,.crt,.pem,.der"
          aria-describedby={`${id}-ayuda${error ? ` ${id}-error` : ''}`}
          onChange={(event) => setFile((event.target as HTMLInputElement).files?.[0])}
        />
      </div>
      <button type="submit" class="button button--secondary" disabled={busy}>
        Cargar certificado<span class="visually-hidden"> de {label}</span>
      </button>
      <span class="copy-status" role="status" aria-live="polite">
        {done}
      </span>
    </form>
  );
}
