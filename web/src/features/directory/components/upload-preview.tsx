import { DataTable } from '../../../components/data-table';
import type { DirectoryUpload } from '../api/create-directory-upload';

type UploadFile = DirectoryUpload['files'][number];
type Counts = NonNullable<DirectoryUpload['result']>[number];

export const kindLabels: Record<UploadFile['kind'], string> = {
  providers: 'Prestadores',
  delegates: 'Delegados',
  officers: 'Funcionarios',
};
const people: Record<UploadFile['kind'], string> = { providers: 'prestadores', delegates: 'delegados', officers: 'funcionarios' };

/** Nuevos, actualizados, sin cambios, retirados: the same list in the preview and in the result. */
export function CountsList({ counts }: { counts: Pick<Counts, 'kind' | 'rows' | 'created' | 'updated' | 'unchanged' | 'removed'> }) {
  return (
    <dl class="summary">
      <div>
        <dt>Filas de datos</dt>
        <dd>{counts.rows}</dd>
      </div>
      <div>
        <dt>Nuevos</dt>
        <dd>{counts.created}</dd>
      </div>
      <div>
        <dt>Actualizados</dt>
        <dd>{counts.updated}</dd>
      </div>
      <div>
        <dt>Sin cambios</dt>
        <dd>{counts.unchanged}</dd>
      </div>
      {counts.kind !== 'providers' && (
        <div>
          <dt>Retirados (no están en el archivo)</dt>
          <dd>{counts.removed}</dd>
        </div>
      )}
    </dl>
  );
}

/** One file of the upload: how it was read, its first rows, what it would change, and its first errors. */
function FilePreview({ file }: { file: UploadFile }) {
  const id = `archivo-${file.kind}`;
  const headers = file.headers.map((header, index) => ({ header: header || `Columna ${index + 1}`, index }));
  return (
    <section aria-labelledby={id} class="directory-file">
      <h3 id={id}>
        {kindLabels[file.kind]}: {file.fileName}
      </h3>
      <p>
        Codificación detectada: <strong>{file.encoding ?? 'no se pudo leer'}</strong>. Separador detectado:{' '}
        <strong>{file.delimiter ?? '—'}</strong>. Tamaño: {Math.max(1, Math.round(file.bytes / 1024))} KB.
      </p>
      {file.errorCount === 0 ? (
        <>
          <CountsList counts={{ ...file.counts, kind: file.kind }} />
          {file.kind === 'providers' && (
            <p>Los prestadores que están en el directorio y no en este archivo se conservan (no se retira ninguno).</p>
          )}
          {file.counts.removed > 0 && (
            <p class="notice notice--error">
              Al aplicar se retirarán {file.counts.removed} {people[file.kind]} que están en el directorio y no en este archivo: el archivo
              es la lista completa, como en la importación por línea de comandos, y quienes se retiran pierden el acceso.
            </p>
          )}
        </>
      ) : (
        <p>El archivo tiene {file.counts.rows || 'varias'} filas de datos; con errores no se importa nada.</p>
      )}
      {file.firstRows.length > 0 && (
        <DataTable
          caption={`Primeras ${file.firstRows.length} filas del archivo`}
          columns={headers.map(({ header, index }) => ({ header, cell: (row: string[]) => row[index] ?? '' }))}
          items={file.firstRows}
          rowKey={(_row, index) => index}
        />
      )}
      {file.errorCount > 0 && (
        <DataTable
          caption={
            file.errorCount > file.errors.length
              ? `Errores: se muestran los primeros ${file.errors.length} de ${file.errorCount}`
              : `Errores (${file.errorCount})`
          }
          columns={[
            { header: 'Línea', cell: (e) => e.line },
            { header: 'Campo', cell: (e) => e.field ?? 'toda la fila' },
            { header: 'Error', cell: (e) => e.message },
          ]}
          items={file.errors}
          rowKey={(e, index) => `${e.line}-${index}`}
        />
      )}
    </section>
  );
}

export function UploadPreview({ upload }: { upload: DirectoryUpload }) {
  return (
    <section aria-labelledby="vista-previa">
      <h2 id="vista-previa">Vista previa</h2>
      <p>Nada se ha cambiado todavía en el directorio. Revise lo que haría «Aplicar» con cada archivo.</p>
      {upload.files.map((file) => (
        <FilePreview key={file.kind} file={file} />
      ))}
    </section>
  );
}
