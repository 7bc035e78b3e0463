import { onLinkClick } from '../../../lib/router';

const MI_SEGURIDAD_SOCIAL = 'https://www.miseguridadsocial.gov.co/';

/** Link to Mi Seguridad Social: opens apart, and says so, so the person keeps this page. */
function MiSeguridadSocial() {
  return (
    <a href={MI_SEGURIDAD_SOCIAL} target="_blank" rel="noopener noreferrer">
      www.miseguridadsocial.gov.co<span class="visually-hidden"> (se abre en una pestaña nueva)</span>
    </a>
  );
}

/**
 * 6.1 Verificación de requisitos: the four prerequisites of the guide, read before registering or signing in,
 * so a person learns them here and not from a refusal.
 */
export function PrerequisitesPage() {
  return (
    <>
      <h1>Requisitos previos</h1>
      <p class="lead">
        Para solicitar las llaves de acceso para la interoperabilidad de la historia clínica electrónica (IHCE) es necesario cumplir con los
        siguientes prerrequisitos:
      </p>
      <ol class="prerequisites">
        <li>
          Cada Prestador de Servicios de Salud debe estar previamente registrado en <MiSeguridadSocial /> como organización.
        </li>
        <li>
          Cada Prestador de Servicios de Salud debe delegar a un funcionario de su entidad en <MiSeguridadSocial /> como delegado
          administrativo. Este último será el encargado de realizar la autogestión de llaves de acceso ante el Ministerio.
        </li>
        <li>
          El delegado administrativo deberá estar previamente registrado en <MiSeguridadSocial /> como persona natural.
        </li>
        <li>
          El delegado administrativo deberá registrarse en el Módulo de Registro de Usuarios de IHCE con el tipo de usuario «Delegado
          Administrativo»:{' '}
          <a href="/registro" onClick={onLinkClick}>
            Registro de Usuarios
          </a>
          .
        </li>
      </ol>
      <p>
        Los funcionarios del Ministerio de Salud y Protección Social se registran como «Otro Usuario» en el mismo{' '}
        <a href="/registro" onClick={onLinkClick}>
          Registro de Usuarios
        </a>
        .
      </p>
      <p>
        ¿Ya cumple los requisitos y tiene usuario?{' '}
        <a href="/ingresar" onClick={onLinkClick}>
          Ingreso al sistema
        </a>
      </p>
    </>
  );
}
