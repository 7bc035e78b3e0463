import type { SessionUser } from '../../../shared/accounts/accounts.schemas';
import { onLinkClick } from '../router';

type Action = { href: string; title: string; text: string };

const actions: Record<SessionUser['role'], { title: string; intro: string; items: Action[] }> = {
  delegate: {
    title: 'Gestión de llaves de acceso',
    intro:
      'Desde aquí solicita las llaves de acceso con las que el Sistema de Información Hospitalario de su entidad interactúa con los servicios de Interoperabilidad de Historia Clínica Electrónica.',
    items: [
      { href: '/delegado/inscripcion', title: 'Inscripción Token', text: 'Si es la primera vez que su entidad solicita las llaves de acceso.' },
      { href: '/delegado/resolicitud', title: 'Resolicitud Token', text: 'Si ya las solicitó antes y necesita unas nuevas.' },
    ],
  },
  officer: {
    title: 'Asignación de llaves de acceso',
    intro: 'Asigne las llaves (ClientID y ClientSecret) generadas en Microsoft Entra ID a los prestadores que las solicitaron, o actualícelas.',
    items: [
      { href: '/funcionario/asignar', title: 'Asignar Token', text: 'Entidades que solicitaron o resolicitaron llaves y esperan asignación.' },
      { href: '/funcionario/actualizar', title: 'Actualizar Token', text: 'Entidades que ya tienen llaves y requieren actualizarlas.' },
    ],
  },
};

export function HomePage({ user }: { user: SessionUser }) {
  const content = actions[user.role];
  return (
    <>
      <h1>{content.title}</h1>
      <p class="lead">{content.intro}</p>
      <ul class="action-cards">
        {content.items.map((item) => (
          <li key={item.href}>
            <a class="action-card" href={item.href} onClick={onLinkClick}>
              <span class="action-card__title">{item.title}</span>
              <span class="action-card__text">{item.text}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Screens of later deliveries: the route exists, and says plainly that it is not open yet. */
export function NotYetAvailablePage({ title }: { title: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div class="notice" role="status">
        Esta opción todavía no está habilitada en esta versión del sistema.
      </div>
      <p>
        <a href="/" onClick={onLinkClick}>
          Volver al inicio
        </a>
      </p>
    </>
  );
}

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
