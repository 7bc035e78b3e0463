import { useEffect, useRef, useState } from 'preact/hooks';
import { ssoRefusalCodeSchema, ssoRefusals, type OfficerSignIn } from '../../../../../src/officer-sso/officer-sso.schemas';
import { getCatalogs } from '../api/get-catalogs';

/** Which sign-in paths officials have; until the answer comes, the guide's password form alone. */
export function useOfficerSignIn(): OfficerSignIn {
  const [paths, setPaths] = useState<OfficerSignIn>({ password: true, entra: false });
  useEffect(() => {
    getCatalogs()
      .then((catalogs) => setPaths(catalogs.officerSignIn))
      .catch(() => undefined);
  }, []);
  return paths;
}

/** Why the ministry's Entra ID sign-in was refused, from `/ingresar?sso=<code>`; focused so it is heard first. */
export function EntraRefusal() {
  const ref = useRef<HTMLDivElement>(null);
  const code = ssoRefusalCodeSchema.safeParse(new URLSearchParams(location.search).get('sso'));
  useEffect(() => ref.current?.focus(), []);
  if (!code.success) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="sso-error-titulo">
      <h2 id="sso-error-titulo">No fue posible ingresar con la cuenta institucional</h2>
      <p>{ssoRefusals[code.data]}</p>
    </div>
  );
}

/**
 * «Ingresar con cuenta institucional (Microsoft Entra ID)»: a plain link, because the browser itself must go
 * to the ministry's tenant and back (the API answers with a redirect).
 */
export function EntraSignInButton({ only }: { only: boolean }) {
  return (
    <section class="entra-sign-in" aria-labelledby="entra-titulo">
      <h2 id="entra-titulo">Funcionarios del Ministerio</h2>
      {only && (
        <p>Los funcionarios del Ministerio ingresan con su cuenta institucional; el usuario y la contraseña son para los delegados.</p>
      )}
      <a class="button button--secondary" href="/api/sso/entra/start">
        Ingresar con cuenta institucional (Microsoft Entra ID)
      </a>
    </section>
  );
}
