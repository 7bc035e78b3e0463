import { requestKinds } from '../../../../../src/key-files/key-file.schemas';
import { DataTable } from '../../../components/data-table';
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
      {/* The app's DataTable: on a phone the row becomes a card of «header: value» lines (no sideways scroll at 360 px). */}
      <DataTable
        caption="Estado de la solicitud"
        items={[saved]}
        rowKey={(request) => request.radicado}
        columns={[
          { header: 'Radicado', cell: (request) => request.radicado },
          { header: 'Tipo', cell: (request) => requestKinds[request.kind].button },
          { header: 'Estado', cell: (request) => <strong>{request.statusLabel}</strong> },
          { header: 'Fecha', cell: (request) => formatDateTime(request.createdAt) },
        ]}
      />
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
