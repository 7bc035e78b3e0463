import { onLinkClick } from '../../../lib/router';

/**
 * The row's action: opens the provider page (Ingresar Info / Actualizar Info). From «Actualizar Token» the
 * address says so, so the breadcrumb shows the list the official actually came from (6.3); from Asignar Token
 * it keeps the list's filters (`query`), for «Siguiente solicitud» and the way back.
 */
export function ProviderLink({
  nit,
  name,
  action,
  query = '',
}: {
  nit: string;
  name: string;
  action: 'Ingresar Info' | 'Actualizar Info';
  query?: string;
}) {
  const href = `/funcionario/prestadores/${nit}${action === 'Actualizar Info' ? '?desde=actualizar' : query}`;
  return (
    <a class="button button--small" href={href} onClick={onLinkClick} aria-label={`${action} de ${name}`}>
      {action}
    </a>
  );
}
