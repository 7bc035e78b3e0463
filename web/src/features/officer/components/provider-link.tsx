import { onLinkClick } from '../../../lib/router';

/**
 * The row's action: opens the provider page (Ingresar Info / Actualizar Info). From «Actualizar Token» the
 * address says so, so the breadcrumb shows the list the official actually came from (6.3).
 */
export function ProviderLink({ nit, name, action }: { nit: string; name: string; action: 'Ingresar Info' | 'Actualizar Info' }) {
  const href = `/funcionario/prestadores/${nit}${action === 'Actualizar Info' ? '?desde=actualizar' : ''}`;
  return (
    <a class="button button--small" href={href} onClick={onLinkClick} aria-label={`${action} de ${name}`}>
      {action}
    </a>
  );
}
