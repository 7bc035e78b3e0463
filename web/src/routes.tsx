/** The site's pages: which screen a path shows, to whom, with its title and breadcrumb (6.3). */
import type { SessionUser } from '../../src/accounts/accounts.schemas';
import { type Crumb } from './components/layout';
import { lazyPage } from './components/lazy-page';
import { NotFoundPage } from './components/not-found-page';
import { ForgotPasswordPage } from './features/accounts/components/forgot-password-page';
import { ForgotUsernamePage } from './features/accounts/components/forgot-username-page';
import { RegisterPage } from './features/accounts/components/register-page';
import { SetPasswordPage } from './features/accounts/components/set-password-page';
import { SignInPage } from './features/accounts/components/sign-in-page';
import { DashboardRoute } from './features/officer/components/dashboard-route';
import { filterQuery } from './features/officer/hooks/use-pending-filters';
import type { SiteIdentity } from './features/help/api/get-site';
import { rememberReturnPath, safeReturnPath, takeReturnPath } from './lib/return-path';
import { navigate } from './lib/router';

// Pages a person reaches after signing in, or seldom: loaded with import() when first shown (lazy-page.tsx);
// tests/unit/web-code-splitting.test.ts fails if one of them lands in the first screen's JavaScript again.
const OfficerHome = lazyPage(() => import('./features/officer/components/officer-home').then((m) => m.OfficerHome));
const PendingRequestsPage = lazyPage(() =>
  import('./features/officer/components/pending-requests-page').then((m) => m.PendingRequestsPage),
);
const AssignedProvidersPage = lazyPage(() =>
  import('./features/officer/components/assigned-providers-page').then((m) => m.AssignedProvidersPage),
);
const ProviderPage = lazyPage(() => import('./features/officer/components/provider-page').then((m) => m.ProviderPage));
const DirectoryPage = lazyPage(() => import('./features/directory/components/directory-page').then((m) => m.DirectoryPage));
const DelegateHome = lazyPage(() => import('./features/delegate/components/delegate-home').then((m) => m.DelegateHome));
const RequestPage = lazyPage(() => import('./features/delegate/components/request-page').then((m) => m.RequestPage));
const VendorCertificatePage = lazyPage(() =>
  import('./features/delegate/components/vendor-certificate-page').then((m) => m.VendorCertificatePage),
);
const HelpPage = lazyPage(() => import('./features/help/components/help-page').then((m) => m.HelpPage));
const SiteMapPage = lazyPage(() => import('./features/help/components/site-map').then((m) => m.SiteMapPage));
const PrerequisitesPage = lazyPage(() => import('./features/accounts/components/prerequisites-page').then((m) => m.PrerequisitesPage));
const SecondFactorPage = lazyPage(() => import('./features/accounts/components/second-factor-page').then((m) => m.SecondFactorPage));

export type Screen = { title: string; crumbs: Crumb[]; body: preact.JSX.Element };

/** The home of each role; the breadcrumb starts there, so no page appears twice in it (6.3). */
const roleHome = (user: SessionUser) => (user.role === 'delegate' ? 'Gestión de llaves de acceso' : 'Asignación de llaves de acceso');
/** The first crumb: «/» is the role's home when signed in, the sign-in page otherwise. */
const rootCrumb = (user: SessionUser | undefined): Crumb => ({ label: user ? roleHome(user) : 'Ingreso al sistema', href: '/' });

const privateScreens: Record<string, { title: string; role: SessionUser['role']; body: () => preact.JSX.Element }> = {
  '/delegado/inscripcion': { title: 'Inscripción Token', role: 'delegate', body: () => <RequestPage kind="first" /> },
  '/delegado/resolicitud': { title: 'Resolicitud Token', role: 'delegate', body: () => <RequestPage kind="renewal" /> },
  '/funcionario/asignar': { title: 'Asignar Token', role: 'officer', body: () => <PendingRequestsPage /> },
  '/funcionario/actualizar': { title: 'Actualizar Token', role: 'officer', body: () => <AssignedProvidersPage /> },
  '/funcionario/tablero': { title: 'Tablero', role: 'officer', body: () => <DashboardRoute /> },
  '/funcionario/directorio': { title: 'Directorio', role: 'officer', body: () => <DirectoryPage /> },
};

export function route(
  path: string,
  user: SessionUser | undefined,
  setUser: (user: SessionUser | undefined) => void,
  site: SiteIdentity | undefined,
): Screen {
  const home = rootCrumb(user);
  // After signing in (and the second factor), to the page that asked for it: a link from an e-mail, say.
  const signedIn = (signedInUser: SessionUser) => {
    setUser(signedInUser);
    navigate(takeReturnPath() ?? '/', { replace: true });
  };
  const signIn = (requested?: string): Screen => {
    if (requested) rememberReturnPath(requested);
    return {
      title: 'Ingreso al sistema',
      crumbs: [{ label: 'Ingreso al sistema' }],
      body: <SignInPage onSignedIn={signedIn} onSecondFactor={() => navigate('/segundo-factor')} />,
    };
  };

  switch (path) {
    case '/ayuda':
      return { title: 'Ayuda', crumbs: [home, { label: 'Ayuda' }], body: <HelpPage site={site} /> };
    case '/mapa-del-sitio':
      return { title: 'Mapa del sitio', crumbs: [home, { label: 'Mapa del sitio' }], body: <SiteMapPage /> };
    case '/requisitos':
      return { title: 'Requisitos previos', crumbs: [home, { label: 'Requisitos previos' }], body: <PrerequisitesPage /> };
    case '/registro':
      return { title: 'Registro de Usuarios', crumbs: [home, { label: 'Registro de Usuarios' }], body: <RegisterPage /> };
    case '/activar':
      return { title: 'Activar cuenta', crumbs: [home, { label: 'Activar cuenta' }], body: <SetPasswordPage mode="activation" /> };
    case '/restablecer':
      return {
        title: 'Restablecer contraseña',
        crumbs: [home, { label: 'Restablecer contraseña' }],
        body: <SetPasswordPage mode="reset" />,
      };
    case '/recuperar':
      return {
        title: 'Restablecer contraseña',
        crumbs: [home, { label: '¿Olvidó su contraseña?' }],
        body: <ForgotPasswordPage />,
      };
    case '/certificado-proveedor':
      return { title: 'Cargar certificado', crumbs: [home, { label: 'Cargar certificado' }], body: <VendorCertificatePage /> };
    case '/recordar-usuario':
      return {
        title: 'Recordar usuario',
        crumbs: [home, { label: '¿Olvidó su usuario?' }],
        body: <ForgotUsernamePage />,
      };
    case '/segundo-factor':
      if (user) return stepUpScreen(user, setUser);
      return {
        title: 'Segundo factor',
        crumbs: [home, { label: 'Segundo factor' }],
        body: <SecondFactorPage onVerified={signedIn} onNoSession={() => navigate('/ingresar', { replace: true })} />,
      };
    case '/ingresar':
      if (user) return homeScreen(user);
      return signIn();
    case '/':
      return user ? homeScreen(user) : signIn();
    // The role's home under its own prefix (the security alert e-mail links to «/funcionario»).
    case '/funcionario':
    case '/delegado':
      if (!user) return signIn(path);
      if (path !== (user.role === 'officer' ? '/funcionario' : '/delegado'))
        return { title: 'Página no encontrada', crumbs: [home, { label: 'Página no encontrada' }], body: <NotFoundPage /> };
      return homeScreen(user);
  }
  const providerMatch = /^\/funcionario\/prestadores\/(\d{6,10})$/.exec(path);
  if (providerMatch) {
    if (!user) return signIn(path + location.search);
    if (user.role !== 'officer')
      return { title: 'Página no encontrada', crumbs: [home, { label: 'Página no encontrada' }], body: <NotFoundPage /> };
    const nit = providerMatch[1]!;
    // The list the official came from (Actualizar Info adds ?desde=actualizar); a link from an e-mail is a request to assign.
    const list =
      new URLSearchParams(location.search).get('desde') === 'actualizar'
        ? { label: 'Actualizar Token', href: '/funcionario/actualizar' }
        : { label: 'Asignar Token', href: `/funcionario/asignar${filterQuery(location.search)}` };
    return {
      title: `Prestador ${nit}`,
      crumbs: [home, list, { label: `NIT ${nit}` }],
      body: <ProviderPage key={nit} nit={nit} back={list} />,
    };
  }
  const privateScreen = privateScreens[path];
  if (privateScreen) {
    if (!user) return signIn(path + location.search);
    if (user.role !== privateScreen.role)
      return { title: 'Página no encontrada', crumbs: [home, { label: 'Página no encontrada' }], body: <NotFoundPage /> };
    return {
      title: privateScreen.title,
      crumbs: [home, { label: privateScreen.title }],
      body: privateScreen.body(),
    };
  }
  return { title: 'Página no encontrada', crumbs: [home, { label: 'Página no encontrada' }], body: <NotFoundPage /> };
}

function homeScreen(user: SessionUser): Screen {
  const section = roleHome(user);
  const body = user.role === 'delegate' ? <DelegateHome /> : <OfficerHome me={user.username} />;
  return { title: section, crumbs: [{ label: section }], body };
}

/**
 * Step-up of a signed-in person (a delegate before a production secret): the same page, then back to where
 * they were (`?volver=`, only a path of this site).
 */
function stepUpScreen(user: SessionUser, setUser: (user: SessionUser | undefined) => void): Screen {
  const back = safeReturnPath(new URLSearchParams(location.search).get('volver')) ?? '/';
  const verified = (verifiedUser: SessionUser) => {
    setUser(verifiedUser);
    navigate(back, { replace: true });
  };
  return {
    title: 'Confirme que es usted',
    crumbs: [rootCrumb(user), { label: 'Confirme que es usted' }],
    body: <SecondFactorPage stepUp onVerified={verified} onNoSession={() => navigate('/ingresar', { replace: true })} />,
  };
}
