import { useState } from 'preact/hooks';
import { onLinkClick, navigate } from '../../../lib/router';
import { getNextRequest } from '../api/get-next-request';
import { filterQuery, viewFrom } from '../hooks/use-pending-filters';

/**
 * «Siguiente solicitud», after saving or rejecting on a provider opened from Asignar Token: opens the oldest
 * request still waiting with the list's filters (kept in the address), without going back to the list.
 */
export function NextRequest({ nit }: { nit: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | undefined>();
  const filters = filterQuery(location.search);

  async function open() {
    setBusy(true);
    setMessage(undefined);
    try {
      const { departamento, tipo, antiguedad } = viewFrom(location.search);
      const { next } = await getNextRequest({ departamento, tipo, antiguedad, actual: nit });
      if (next) navigate(`/funcionario/prestadores/${next.nit}${filters}`);
      else setMessage({ text: filters ? 'No hay más solicitudes pendientes con estos filtros.' : 'No hay más solicitudes pendientes.' });
    } catch (failure) {
      setMessage({ text: (failure as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="next-request">
      <button type="button" class="button" onClick={open} disabled={busy}>
        {busy ? 'Buscando…' : 'Siguiente solicitud'}
      </button>
      <a href={`/funcionario/asignar${filters}`} onClick={onLinkClick}>
        Volver a Asignar Token
      </a>
      <div aria-live="polite">
        {message && (
          <p class={message.error ? 'notice notice--error' : 'notice'} role={message.error ? 'alert' : undefined}>
            {message.text}
          </p>
        )}
      </div>
    </div>
  );
}
