import { useEffect, useRef } from 'preact/hooks';
import type { PendingPage } from '../api/list-requests';

/** «Mostrando 51–100 de 240», «Anterior» and «Siguiente»; the line takes the focus after a page change. */
export function QueuePager({ page, onPage, focus }: { page: PendingPage; onPage: (pagina: number) => void; focus: boolean }) {
  const from = page.items.length ? page.offset + 1 : 0;
  const to = page.offset + page.items.length;
  const of = page.capped ? `más de ${page.total}` : String(page.total);
  const hasNext = page.offset + page.pageSize < page.total || page.capped;
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) status.current?.focus();
  }, [page]);
  return (
    <nav class="queue-pager" aria-label="Páginas de solicitudes pendientes">
      <p class="queue-pager__status" tabIndex={-1} ref={status}>
        {from ? `Mostrando ${from}–${to} de ${of}` : `Esta página no tiene solicitudes (hay ${of} en total)`}
      </p>
      <div class="queue-pager__buttons">
        <button type="button" class="button button--secondary" disabled={page.page <= 1} onClick={() => onPage(page.page - 1)}>
          Anterior
        </button>
        <button type="button" class="button button--secondary" disabled={!hasNext} onClick={() => onPage(page.page + 1)}>
          Siguiente
        </button>
      </div>
    </nav>
  );
}
