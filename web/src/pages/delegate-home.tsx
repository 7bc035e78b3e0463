import type { EnvironmentView } from '../../../src/credentials/credentials.schemas';
import { formatDateTime, useMyKeys } from '../my-keys';
import { onLinkClick } from '../router';
import { KeysPanel } from './keys-panel';

/** The delegate's home: state of the request, Paso 2 when keys exist, the two request buttons, the history. */
export function DelegateHome() {
  const { keys, error } = useMyKeys();

  if (error)
    return (
      <div class="notice notice--error" role="alert">
        {error}
      </div>
    );
  if (!keys) return <p aria-busy="true">Cargando…</p>;

  const environments = [keys.environments.preproduction, keys.environments.production].filter((e): e is EnvironmentView => e !== undefined);
  return (
    <>
      <h1>Gestión de llaves de acceso</h1>
      <div class={`status status--${keys.status}`} role="status">
        <span class="status__label">Estado de la solicitud:</span> <strong>{keys.statusLabel}</strong>
        {keys.pendingSince && <span> · desde el {formatDateTime(keys.pendingSince)}</span>}
        {keys.rejection && (
          <p class="status__detail">
            Motivo del rechazo: {keys.rejection.reason}. Puede corregir los datos y solicitar de nuevo con «Resolicitud Token».
          </p>
        )}
      </div>
      {environments.length > 0 && <KeysPanel environments={environments} />}
      <section aria-labelledby="solicitar">
        <h2 id="solicitar">{environments.length > 0 ? 'Solicitar llaves nuevas' : 'Paso 1 – Solicitud de llaves de acceso'}</h2>
        <ul class="action-cards">
          <li>
            <a class="action-card" href="/delegado/inscripcion" onClick={onLinkClick}>
              <span class="action-card__title">Inscripción Token</span>
              <span class="action-card__text">Si es la primera vez que su entidad solicita las llaves de acceso.</span>
            </a>
          </li>
          <li>
            <a class="action-card" href="/delegado/resolicitud" onClick={onLinkClick}>
              <span class="action-card__title">Resolicitud Token</span>
              <span class="action-card__text">Si ya las solicitó antes y necesita unas nuevas.</span>
            </a>
          </li>
        </ul>
      </section>
      {keys.requests.length > 0 && (
        <section aria-labelledby="historial">
          <h2 id="historial">Historial de solicitudes</h2>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Estado</th>
                  <th scope="col">Solicitó</th>
                </tr>
              </thead>
              <tbody>
                {keys.requests.map((request) => (
                  <tr key={request.id}>
                    <td>{formatDateTime(request.createdAt)}</td>
                    <td>{request.kindLabel}</td>
                    <td>{request.statusLabel}</td>
                    <td>{request.createdBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
