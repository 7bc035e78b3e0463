import { onLinkClick } from '../../../lib/router';

/** The row's action: opens the provider page (Ingresar Info / Actualizar Info). */
export function ProviderLink({ nit, name, action }: { nit: string; name: string; action: string }) {
  return (
    <a class="button button--small" href={`/funcionario/prestadores/${nit}`} onClick={onLinkClick} aria-label={`${action} de ${name}`}>
      {action}
    </a>
  );
}
