import { formatDateTime } from '../../../lib/format';

/**
 * Paso 2 before the ministry assigns keys (6.4.1.2): the delegate lands here after «Generar Llaves de Acceso»
 * and on every later visit, and reads that the request is under review, with its state.
 */
export function PendingReview({
  statusLabel,
  since,
  preproductionReady = false,
}: {
  statusLabel: string;
  since: string | undefined;
  /** Pre-production was issued automatically: only production waits for the ministry. */
  preproductionReady?: boolean;
}) {
  return (
    <div class="notice" role="status">
      <p>
        Su solicitud está en revisión por el Ministerio de Salud y Protección Social. Estado de la solicitud: <strong>{statusLabel}</strong>
        {since && <> (desde el {formatDateTime(since)})</>}.
      </p>
      {preproductionReady ? (
        <p>
          Las llaves de Preproducción se asignaron automáticamente y están abajo: ya puede configurarlas en su ambiente de pruebas. Las de
          Producción las revisa y asigna un funcionario del Ministerio; cuando lo haga, las verá aquí y recibirá un correo electrónico.
        </p>
      ) : (
        <p>
          Cuando el Ministerio asigne las llaves, verá aquí el ClientID, el ClientSecret y la fecha de expiración de cada ambiente, y
          recibirá un correo electrónico.
        </p>
      )}
    </div>
  );
}
