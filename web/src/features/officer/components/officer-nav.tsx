import { useEffect, useState } from 'preact/hooks';
import { onLinkClick } from '../../../lib/router';
import { getRequestsSummary } from '../api/get-requests-summary';
import '../officer-flow.css';

/** The officials' pages, in the order of their day: the queue, the providers with keys, the figures, the directory. */
const items = [
  { href: '/funcionario/asignar', label: 'Asignar Token', counted: true },
  { href: '/funcionario/actualizar', label: 'Actualizar Token', counted: false },
  { href: '/funcionario/tablero', label: 'Tablero', counted: false },
  { href: '/funcionario/directorio', label: 'Directorio', counted: false },
] as const;

const pendingText = (count: number, capped: boolean) =>
  `${capped ? 'más de ' : ''}${count} ${count === 1 && !capped ? 'solicitud pendiente' : 'solicitudes pendientes'}`;

/**
 * The officials' menu on every page of theirs: «Asignar Token (12)», «Actualizar Token», «Tablero», «Directorio». The count is
 * read again on each navigation; a screen reader hears «Asignar Token (12 solicitudes pendientes)».
 */
export function OfficerNav({ path }: { path: string }) {
  const [pending, setPending] = useState<{ count: number; capped: boolean } | undefined>();
  useEffect(() => {
    let live = true;
    getRequestsSummary().then(
      (summary) => live && setPending({ count: summary.pending, capped: summary.capped }),
      () => live && setPending(undefined),
    );
    return () => void (live = false);
  }, [path]);

  return (
    <nav class="officer-nav" aria-label="Menú de funcionarios">
      <ul class="container officer-nav__list">
        {items.map((item) => (
          <li key={item.href}>
            <a class="officer-nav__link" href={item.href} onClick={onLinkClick} aria-current={path === item.href ? 'page' : undefined}>
              {item.label}
              {item.counted && pending && (
                <>
                  {/* A no-break space: the link is a flex box, which drops a plain space at the edge of an item. */}
                  <span aria-hidden="true">
                    {'\u00a0'}({pending.capped ? '+' : ''}
                    {pending.count})
                  </span>
                  <span class="visually-hidden"> ({pendingText(pending.count, pending.capped)})</span>
                </>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
