import { onLinkClick } from '../lib/router';

export function NotFoundPage() {
  return (
    <>
      <h1>Página no encontrada</h1>
      <p>La dirección que abrió no existe en IHCE – Administración de Llaves de acceso.</p>
      <p>
        <a href="/" onClick={onLinkClick}>
          Ir al inicio
        </a>
      </p>
    </>
  );
}
