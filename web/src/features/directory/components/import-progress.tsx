import type { DirectoryUpload } from '../api/create-directory-upload';
import { CountsList, kindLabels } from './upload-preview';

/** The background import, as the page polls it: a progress bar while it runs, then what it did. */
export function ImportProgress({ upload }: { upload: DirectoryUpload }) {
  const running = upload.state === 'queued' || upload.state === 'running';
  if (running) {
    const label =
      upload.state === 'queued' || upload.total === 0
        ? 'La importación está en cola y empezará en unos segundos.'
        : `Filas escritas: ${upload.done} de ${upload.total}.`;
    return (
      <section aria-labelledby="progreso" class="status">
        <h2 id="progreso">Importación en curso</h2>
        <progress id="progreso-barra" max={Math.max(upload.total, 1)} value={upload.done} aria-labelledby="progreso" />
        <p role="status">{label}</p>
        <p class="status__detail">Puede cerrar esta página: la importación sigue y le enviaremos un correo con el resumen al terminar.</p>
      </section>
    );
  }
  const ok = upload.state === 'done';
  const written = upload.written ?? 0;
  return (
    <section aria-labelledby="resultado" class={`status ${ok ? 'status--assigned' : 'status--rejected'}`}>
      <h2 id="resultado">
        {ok ? 'Importación terminada' : upload.interrupted ? 'La importación se interrumpió' : 'La importación no se aplicó'}
      </h2>
      <p role="status">
        {ok
          ? 'El directorio quedó actualizado. Le enviamos un correo con este resumen y la importación quedó en la auditoría con su usuario.'
          : !upload.interrupted
            ? 'Nada se cambió en el directorio. Le enviamos un correo con el motivo.'
            : written > 0
              ? `La importación se interrumpió después de escribir ${written === 1 ? '1 fila' : `${written.toLocaleString('es-CO')} filas`}; vuelva a cargar el archivo: solo se escribirá lo que falta.`
              : 'La importación se interrumpió antes de escribir: nada se cambió en el directorio. Vuelva a cargar el archivo.'}
      </p>
      {upload.reason && (
        <p id="resultado-motivo" class="status__detail">
          {upload.reason}
        </p>
      )}
      {(upload.result ?? []).map((result) => (
        <div key={result.kind}>
          <h3>{kindLabels[result.kind]}</h3>
          {result.imported ? (
            <CountsList counts={result} />
          ) : (
            <ul>
              {(result.errors ?? []).map((error, index) => (
                <li key={index}>
                  Línea {error.line}: {error.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
