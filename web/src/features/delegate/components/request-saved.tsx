import { requestKinds } from '../../../../../src/key-files/key-file.schemas';
import { formatDateTime } from '../../../lib/format';
import { onLinkClick } from '../../../lib/router';
import type { SavedRequest } from '../api/create-my-request';
import { PendingReview } from './pending-review';
import { WhatHappensNext } from './what-happens-next';

/** Paso 1 done: the request is on record and the ministry was told; the delegate is now on Paso 2 (6.4.1.2), waiting. */
export function RequestSaved({ saved }: { saved: SavedRequest }) {
  return (
    <section aria-labelledby="solicitud-guardada">
      <h1 id="solicitud-guardada" tabIndex={-1} ref={(el) => el?.focus()}>
        Paso 2 – Visualización de las llaves
      </h1>
      <div class="notice notice--success" role="status">
        Su solicitud quedó registrada con el número de radicado <strong>{saved.radicado}</strong> y el Ministerio de Salud y Protección
        Social fue informado. Le enviamos un correo de confirmación con este número, a usted y al líder técnico. Espere la asignación de las
        llaves.
      </div>
      <table class="table">
        <caption>Estado de la solicitud</caption>
        <thead>
          <tr>
            <th scope="col">Radicado</th>
            <th scope="col">Tipo</th>
            <th scope="col">Estado</th>
            <th scope="col">Fecha</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{saved.radicado}</td>
            <td>{requestKinds[saved.kind].button}</td>
            <td>
              <strong>{saved.statusLabel}</strong>
            </td>
            <td>{formatDateTime(saved.createdAt)}</td>
          </tr>
        </tbody>
      </table>
      <PendingReview statusLabel={saved.statusLabel} since={saved.createdAt} />
      <WhatHappensNext />
      <p>
        <a href="/" onClick={onLinkClick}>
          Volver a Gestión de llaves de acceso
        </a>
      </p>
    </section>
  );
}
