import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../src/accounts/accounts.schemas';
import { AppHeader, Page } from './components/layout';
import { SiteFooter } from './components/site-footer';
import { deleteCurrentSession } from './features/accounts/api/delete-current-session';
import { deleteSessions } from './features/accounts/api/delete-sessions';
import { getCurrentSession } from './features/accounts/api/get-current-session';
import { OfficerNav } from './features/officer/components/officer-nav';
import { useSite } from './features/help/hooks/use-site';
import { ApiError } from './lib/api-client';
import { forgetReturnPath, takeReturnPath } from './lib/return-path';
import { navigate, usePath } from './lib/router';
import { route } from './routes';

export function App() {
  const path = usePath();
  const [user, setUser] = useState<SessionUser | undefined>();
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | undefined>();
  const site = useSite();

  useEffect(() => {
    getCurrentSession()
      .then((result) => {
        setUser(result.user);
        // Back from Entra ID (which always lands on the home page): to the page the official was going to.
        const back = takeReturnPath();
        if (back && location.pathname === '/') navigate(back, { replace: true });
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.warn(error);
      })
      .finally(() => setLoading(false));
  }, []);

  // The message of «Cerrar todas mis sesiones» stays on the sign-in page, not past the next sign-in.
  useEffect(() => {
    if (user) setNotice(undefined);
  }, [user]);

  const screen = loading ? undefined : route(path, user, setUser, site);

  useEffect(() => {
    if (screen) document.title = `${screen.title} – IHCE Llaves de acceso`;
  }, [screen?.title]);

  async function signOut() {
    await deleteCurrentSession().catch(() => undefined);
    forgetReturnPath();
    setUser(undefined);
    setNotice(undefined);
    navigate('/ingresar');
  }

  /** On a shared computer, or after leaving a session open elsewhere: ends them all, and says so. */
  async function signOutEverywhere() {
    try {
      const { message } = await deleteSessions();
      forgetReturnPath();
      setUser(undefined);
      setNotice({ text: message });
      navigate('/ingresar');
    } catch (error) {
      setNotice({ text: error instanceof ApiError ? error.message : 'No fue posible cerrar las sesiones. Intente de nuevo.', error: true });
    }
  }

  return (
    <>
      <a class="skip-link" href="#contenido">
        Saltar al contenido principal
      </a>
      <AppHeader user={user} onSignOut={signOut} onSignOutEverywhere={signOutEverywhere} />
      {user?.role === 'officer' && <OfficerNav path={path} />}
      {screen ? (
        <Page crumbs={screen.crumbs}>
          {notice && (
            <div class={notice.error ? 'notice notice--error' : 'notice notice--success'} role={notice.error ? 'alert' : 'status'}>
              {notice.text}
            </div>
          )}
          {screen.body}
        </Page>
      ) : (
        <div class="container page">
          <main id="contenido" aria-busy="true">
            <p>Cargando…</p>
          </main>
        </div>
      )}
      <SiteFooter site={site} />
    </>
  );
}
