import { useState } from 'preact/hooks';
import { requestKinds, type RequestKind } from '../../../../../src/key-files/key-file.schemas';
import { onLinkClick } from '../../../lib/router';
import type { SavedRequest } from '../api/create-my-request';
import { useMyKeys } from '../api/get-my-credentials';
import { RequestForm } from './request-form';
import { RequestSaved } from './request-saved';

/** Paso 1 – Solicitud de llaves de acceso (seed 6.4.1.1), for Inscripción Token and Resolicitud Token. */
export function RequestPage({ kind }: { kind: RequestKind }) {
  const { keys, error: loadError } = useMyKeys();
  const [saved, setSaved] = useState<SavedRequest | undefined>();

  if (loadError)
    return (
      <div class="notice notice--error" role="alert">
        {loadError}
      </div>
    );
  if (!keys) return <p aria-busy="true">Cargando…</p>;
  if (saved) return <RequestSaved saved={saved} />;

  const availability = keys.availability[kind];
  return (
    <>
      <h1>Paso 1 – Solicitud de llaves de acceso</h1>
      <p class="lead">
        <strong>{requestKinds[kind].button}</strong>
        {kind === 'first' ? ': primera solicitud de llaves de su entidad.' : ': su entidad ya solicitó llaves y necesita unas nuevas.'}
      </p>
      {availability.allowed ? (
        <RequestForm kind={kind} keys={keys} onSaved={setSaved} />
      ) : (
        <div class="notice notice--error" role="alert">
          <p>{availability.message}</p>
          <p>
            <a href="/" onClick={onLinkClick}>
              Volver a Gestión de llaves de acceso
            </a>
          </p>
        </div>
      )}
    </>
  );
}
