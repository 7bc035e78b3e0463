import { useEffect, useState } from 'preact/hooks';
import { ErrorSummary } from '../../../components/error-summary';
import { ApiError } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/forms';
import { createDirectoryImport } from '../api/create-directory-import';
import { createDirectoryUpload, type DirectoryFileField, type DirectoryUpload } from '../api/create-directory-upload';
import { getDirectoryPermissions } from '../api/get-directory-permissions';
import { getDirectoryUpload } from '../api/get-directory-upload';
import { ImportProgress } from './import-progress';
import { UploadPreview } from './upload-preview';

const POLL_MS = 1_000;
const fields: { field: DirectoryFileField; label: string; hint: string }[] = [
  { field: 'prestadores', label: 'Prestadores (CSV)', hint: 'nit, razon_social, codigo_habilitacion, departamento, municipio, correo' },
  {
    field: 'delegados',
    label: 'Delegados (CSV)',
    hint: 'nit, tipo_identificacion, numero_identificacion, nombres, apellidos, correo y, si lo tiene, telefono (o celular)',
  },
  { field: 'funcionarios', label: 'Funcionarios (CSV)', hint: 'tipo_identificacion, numero_identificacion, nombres, apellidos, correo' },
];

/**
 * «Directorio»: the ministry's files uploaded from the web. First a preview (nothing changes), then «Aplicar»,
 * which queues a background import; the page follows it until it ends. A link from the e-mail (`?carga=`) opens
 * that upload.
 */
export function DirectoryPage() {
  const [files, setFiles] = useState<Partial<Record<DirectoryFileField, File>>>({});
  const [upload, setUpload] = useState<DirectoryUpload | undefined>();
  const [pollError, setPollError] = useState<string | undefined>();
  // Until the server answers, only the providers file is offered (what every official may load).
  const [mayChangePeople, setMayChangePeople] = useState(false);
  const submission = useSubmission();

  useEffect(() => {
    getDirectoryPermissions().then(
      (answer) => setMayChangePeople(answer.mayChangePeople),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    const id = new URLSearchParams(location.search).get('carga');
    if (id) getDirectoryUpload(id).then(setUpload, () => undefined);
  }, []);

  const running = upload?.state === 'queued' || upload?.state === 'running';
  useEffect(() => {
    if (!upload || !running) return;
    const timer = setTimeout(() => {
      getDirectoryUpload(upload.id).then(
        (next) => (setUpload(next), setPollError(undefined)),
        (error: unknown) => setPollError(error instanceof ApiError ? error.message : 'No se pudo consultar el avance; se reintentará.'),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [upload]);

  async function preview(event: Event) {
    event.preventDefault();
    if (!Object.values(files).some(Boolean)) {
      submission.fail({ prestadores: 'Seleccione al menos un archivo CSV (prestadores, delegados o funcionarios).' });
      return;
    }
    const result = await submission.run(() => createDirectoryUpload(files));
    if (result) setUpload(result);
  }

  async function apply() {
    if (!upload) return;
    const result = await submission.run(() => createDirectoryImport(upload.id));
    if (result) setUpload(result);
  }

  const canApply = upload?.state === 'previewed' && upload.files.every((file) => file.errorCount === 0);
  return (
    <>
      <h1>Directorio</h1>
      <p>
        Cargue los archivos del directorio del Ministerio (REPS): separados por coma o punto y coma, en UTF-8 o Windows-1252 (lo que guarda
        Excel). Puede cargar uno, dos o los tres; cada archivo es la lista completa de su tipo. Tamaño máximo: 50 MB en total.
      </p>
      <ErrorSummary title="No se pudo continuar" items={submission.summary(fields.map((f) => f.field))} version={submission.version} />
      {!running && upload?.state !== 'done' && (
        <form class="form" onSubmit={preview} noValidate aria-labelledby="cargar-titulo">
          <h2 id="cargar-titulo">Cargar archivos</h2>
          {!mayChangePeople && (
            <p class="notice" id="personas-restringido">
              Usted puede cargar el archivo de prestadores. Los archivos de delegados y de funcionarios solo los cargan los administradores
              del directorio, porque deciden quién puede ver las llaves de cada prestador: pídales esa carga.
            </p>
          )}
          {fields
            .filter(({ field }) => mayChangePeople || field === 'prestadores')
            .map(({ field, label, hint }) => {
              const error = submission.errors[field];
              return (
                <div key={field} class={`field${error ? ' field--error' : ''}`}>
                  <label for={field}>{label}</label>
                  <p class="hint" id={`${field}-ayuda`}>
                    Columnas: {hint}.
                  </p>
                  {error && (
                    <p class="field-error" id={`${field}-error`}>
                      <span class="visually-hidden">Error: </span>
                      {error}
                    </p>
                  )}
                  <input
                    id={field}
                    name={field}
                    type="file"
                    accept=".csv,text/csv"
                    aria-describedby={[`${field}-ayuda`, error ? `${field}-error` : ''].filter(Boolean).join(' ')}
                    aria-invalid={error ? 'true' : undefined}
                    onChange={(event) => {
                      const file = (event.currentTarget as HTMLInputElement).files?.[0];
                      setFiles((current) => ({ ...current, [field]: file }));
                    }}
                  />
                </div>
              );
            })}
          <div class="actions">
            <button type="submit" class="button" disabled={submission.busy}>
              {submission.busy && !upload ? 'Revisando…' : 'Ver vista previa'}
            </button>
          </div>
        </form>
      )}
      {upload && upload.state === 'previewed' && <UploadPreview upload={upload} />}
      {upload && upload.state === 'previewed' && (
        <div class="actions">
          {canApply ? (
            <button type="button" class="button" onClick={apply} disabled={submission.busy}>
              Aplicar
            </button>
          ) : (
            <p class="notice notice--error">Corrija los errores de los archivos y cárguelos de nuevo: con errores no se importa nada.</p>
          )}
        </div>
      )}
      {upload && upload.state !== 'previewed' && <ImportProgress upload={upload} />}
      {pollError && (
        <p class="notice notice--error" role="alert">
          {pollError}
        </p>
      )}
    </>
  );
}
