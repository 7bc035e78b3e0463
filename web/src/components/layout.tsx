import type { ComponentChildren } from 'preact';
import type { SessionUser } from '../../../src/accounts/accounts.schemas';
import { onLinkClick } from '../lib/router';

export type Crumb = { label: string; href?: string };

function GovBar() {
  return (
    <div class="govco-bar">
      <div class="container">
        <a class="govco-bar__logo" href="https://www.gov.co" rel="noopener">
          GOV.CO
          <span class="visually-hidden"> – Portal del Estado colombiano</span>
        </a>
      </div>
    </div>
  );
}

export function AppHeader({
  user,
  onSignOut,
  onSignOutEverywhere,
}: {
  user: SessionUser | undefined;
  onSignOut: () => void;
  onSignOutEverywhere: () => void;
}) {
  return (
    <header class="app-header">
      <GovBar />
      <div class="container app-header__inner">
        <a class="app-header__brand" href="/" onClick={onLinkClick}>
          <span class="app-header__ministry">Ministerio de Salud y Protección Social</span>
          <span class="app-header__title">IHCE – Administración de Llaves de acceso</span>
        </a>
        <a class="app-header__help" href="/ayuda" onClick={onLinkClick}>
          Ayuda
        </a>
        {user && (
          <div class="app-header__signout">
            <button type="button" class="button button--secondary" onClick={onSignOut}>
              Cerrar sesión
            </button>
            <button type="button" class="button button--secondary" onClick={onSignOutEverywhere}>
              Cerrar todas mis sesiones
            </button>
          </div>
        )}
      </div>
      {user && <UserBanner user={user} />}
    </header>
  );
}

/** Officials act for the ministry itself (6.3: the header names the entity of everyone who signs in). */
const OFFICERS_ENTITY = 'Ministerio de Salud y Protección Social';

/** The seed's fixed block: who signed in, with which role, for which entity. It stays for the whole session. */
function UserBanner({ user }: { user: SessionUser }) {
  return (
    <div class="user-banner">
      <dl class="container user-banner__inner" aria-label="Usuario en sesión">
        <div>
          <dt>Usuario</dt>
          <dd>
            {user.fullName} ({user.username})
          </dd>
        </div>
        <div>
          <dt>Rol</dt>
          <dd>
            {user.roleLabel} <span class="muted">({user.roleCode})</span>
          </dd>
        </div>
        {user.entity ? (
          <div>
            <dt>Entidad</dt>
            <dd>
              {user.entity.name} – NIT {user.entity.nit}-{user.entity.checkDigit}
            </dd>
          </div>
        ) : (
          user.role === 'officer' && (
            <div>
              <dt>Entidad</dt>
              <dd>{OFFICERS_ENTITY}</dd>
            </div>
          )
        )}
      </dl>
    </div>
  );
}

export function Breadcrumb({ items }: { items: Crumb[] }) {
  if (items.length === 0) return null;
  return (
    <nav class="breadcrumb" aria-label="Ruta de exploración">
      <ol>
        {items.map((item, index) => (
          <li key={index}>
            {item.href && index < items.length - 1 ? (
              <a href={item.href} onClick={onLinkClick}>
                {item.label}
              </a>
            ) : (
              <span aria-current={index === items.length - 1 ? 'page' : undefined}>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Page({ children, crumbs }: { children: ComponentChildren; crumbs: Crumb[] }) {
  return (
    <div class="container page">
      <Breadcrumb items={crumbs} />
      <main id="contenido" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
