import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A page whose code is downloaded with `import()` the first time it is shown, so it adds nothing to the
 * JavaScript of the first screen (/ingresar). Meanwhile «Cargando…» (aria-busy); if the chunk does not arrive
 * (network down, a new version deployed), a Spanish message with «Reintentar». Once loaded it renders at once.
 * The title and breadcrumb come from routes.tsx, so they are right before the page's code arrives.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = () =>
    (pending ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        pending = undefined; // «Reintentar» asks the network again
        throw error;
      },
    ));

  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Page) return;
      let live = true;
      setFailed(false);
      start().then(
        (page) => live && setPage(() => page),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [attempt]);

    if (Page) return <Page {...props} />;
    if (failed)
      return (
        <>
          <h1>No fue posible cargar la página</h1>
          <div class="notice notice--error" role="alert">
            <p>No fue posible cargar esta página. Revise su conexión a internet e intente de nuevo.</p>
            <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
              Reintentar
            </button>
          </div>
        </>
      );
    return (
      <p class="lazy-page" aria-busy="true">
        Cargando…
      </p>
    );
  };
}
