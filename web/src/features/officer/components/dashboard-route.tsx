import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * `/funcionario/tablero`: the heading at once, the page (and, from there, chart.js) with `import()`, so the
 * Tablero adds nothing to the JavaScript every other page downloads.
 */
export function DashboardRoute() {
  const [Page, setPage] = useState<ComponentType | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./dashboard-page').then(
      (module) => setPage(() => module.DashboardPage),
      () => setFailed(true),
    );
  }, []);
  return (
    <>
      <h1>Tablero</h1>
      {Page ? (
        <Page />
      ) : failed ? (
        <div class="notice notice--error" role="alert">
          No fue posible cargar el Tablero. Recargue la página para intentarlo de nuevo.
        </div>
      ) : (
        <p aria-busy="true">Cargando el Tablero…</p>
      )}
    </>
  );
}
