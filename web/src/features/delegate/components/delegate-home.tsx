import type { EnvironmentView } from '../../../../../src/credentials/credentials.schemas';
import { DataTable, type Column } from '../../../components/data-table';
import { formatDateTime } from '../../../lib/format';
import { onLinkClick } from '../../../lib/router';
import { useMyKeys, type MyKeys } from '../api/get-my-credentials';
import { KeysPanel } from './keys-panel';

const historyColumns: Column<MyKeys['requests'][number]>[] = [
  { header: 'Radicado', cell: (request) => request.radicado ?? 'sin radicado' },
  { header: 'Fecha', cell: (request) => formatDateTime(request.createdAt) },
  { header: 'Tipo', cell: (request) => request.kindLabel },
  { header: 'Estado', cell: (request) => request.statusLabel },
  { header: 'Solicitó', cell: (request) => request.createdBy },
];

const updateColumns: Column<MyKeys['updates'][number]>[] = [
  { header: 'Fecha', cell: (update) => formatDateTime(update.at) },
  { header: 'Motivo de la actualización', cell: (update) => update.reason },
];

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
  // After the first request the delegate is on Paso 2, keys or not (6.4.1.2); Paso 1 is only for a provider that never asked.
  const requested = environments.length > 0 || keys.requests.length > 0;
  const pending = keys.status.startsWith('pending') ? { statusLabel: keys.statusLabel, since: keys.pendingSince } : undefined;
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
      {requested && <KeysPanel environments={environments} pending={pending} />}
      <section aria-labelledby="solicitar">
        <h2 id="solicitar">{requested ? 'Solicitar llaves nuevas' : 'Paso 1 – Solicitud de llaves de acceso'}</h2>
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
      {(keys.requests.length > 0 || keys.updates.length > 0) && (
        <section aria-labelledby="historial">
          <h2 id="historial">Historial de solicitudes</h2>
          <DataTable columns={historyColumns} items={keys.requests} rowKey={(request) => request.id} />
          {keys.updates.length > 0 && (
            <>
              <h3 id="actualizaciones">Actualizaciones de las llaves hechas por el Ministerio</h3>
              <DataTable columns={updateColumns} items={keys.updates} rowKey={(update) => update.at} />
            </>
          )}
        </section>
      )}
    </>
  );
}
