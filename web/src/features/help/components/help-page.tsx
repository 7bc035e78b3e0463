import { keyFieldLabels } from '../../../../../src/credentials/credentials.schemas';
import { statusLabels } from '../../../../../src/key-files/key-file.schemas';
import { SupportContact } from '../../../components/support-contact';
import { onLinkClick } from '../../../lib/router';
import type { SiteIdentity } from '../api/get-site';
import { HelpFaq } from './help-faq';

const link = (href: string, text: string) => (
  <a href={href} onClick={onLinkClick}>
    {text}
  </a>
);

/** What each state of the request means for the delegate (6.4.1.1 and 6.4.1.2 of the guide, its exact texts). */
const states: { label: string; meaning: string }[] = [
  { label: statusLabels.none, meaning: 'Su entidad aún no ha pedido llaves. Empiece con «Inscripción Token».' },
  {
    label: statusLabels['pending-first'],
    meaning: 'La primera solicitud llegó al Ministerio y espera que un funcionario asigne las llaves.',
  },
  { label: statusLabels['pending-renewal'], meaning: 'Pidió llaves nuevas; mientras tanto, las que tiene siguen funcionando.' },
  {
    label: statusLabels.assigned,
    meaning: 'El Ministerio asignó las llaves: véalas y cópielas en «Paso 2 – Visualización de las llaves».',
  },
  {
    label: statusLabels.rejected,
    meaning: 'El Ministerio rechazó la solicitud y le dice el motivo: corrija y pida de nuevo con «Resolicitud Token».',
  },
];

/** «Ayuda»: the guide's steps in short, the states, frequent questions, the help desk and the site map. Public. */
export function HelpPage({ site }: { site: SiteIdentity | undefined }) {
  return (
    <>
      <h1>Ayuda</h1>
      <p class="lead">
        Cómo obtener las llaves de acceso (ClientID y ClientSecret) para la interoperabilidad de la Historia Clínica Electrónica (IHCE),
        según la guía del Ministerio de Salud y Protección Social.
      </p>
      <nav aria-labelledby="ayuda-indice" class="help-toc">
        <h2 id="ayuda-indice">En esta página</h2>
        <ol>
          <li>
            <a href="#requisitos">Antes de empezar</a>
          </li>
          <li>
            <a href="#registrarse">Registrarse</a>
          </li>
          <li>
            <a href="#solicitar">Solicitar las llaves</a>
          </li>
          <li>
            <a href="#ver-llaves">Ver y copiar las llaves</a>
          </li>
          <li>
            <a href="#estados">Qué significa cada estado</a>
          </li>
          <li>
            <a href="#preguntas">Preguntas frecuentes</a>
          </li>
          <li>
            <a href="#mesa-de-ayuda">Mesa de ayuda</a>
          </li>
          <li>
            <a href="#normatividad">Normatividad</a>
          </li>
        </ol>
      </nav>

      <section aria-labelledby="requisitos">
        <h2 id="requisitos">1. Antes de empezar</h2>
        <p>
          Su entidad debe estar registrada como organización en www.miseguridadsocial.gov.co y haberlo delegado a usted, registrado allí
          como persona natural. Revise los {link('/requisitos', 'requisitos previos')} antes de registrarse.
        </p>
      </section>

      <section aria-labelledby="registrarse">
        <h2 id="registrarse">2. Registrarse</h2>
        <ol>
          <li>Abra {link('/registro', 'Registro de Usuarios')} y elija «Delegado Administrativo».</li>
          <li>
            Escriba el NIT de la entidad sin espacios, comas, guiones, puntos ni dígito de verificación, y su tipo y número de
            identificación.
          </li>
          <li>Marque «No soy un robot» y acepte el acuerdo de confidencialidad; luego pulse «Registrar».</li>
          <li>Anote el usuario que le asigna el sistema y active la cuenta con el enlace que le llega al correo.</li>
        </ol>
      </section>

      <section aria-labelledby="solicitar">
        <h2 id="solicitar">3. Solicitar las llaves</h2>
        <ol>
          <li>{link('/ingresar', 'Ingrese')} con su usuario y contraseña.</li>
          <li>Elija «Inscripción Token» si es la primera vez, o «Resolicitud Token» si necesita llaves nuevas.</li>
          <li>
            Diligencie el «Paso 1 – Solicitud de llaves de acceso»: proveedor tecnológico y software del Sistema de Información
            Hospitalario, líder técnico (nombre, correo institucional y teléfono), responsable de la protección de datos (nombre y
            teléfono), y acepte los términos y la autorización de datos personales.
          </li>
          <li>Pulse «Generar Llaves de Acceso». Recibirá por correo el número de radicado de la solicitud.</li>
        </ol>
      </section>

      <section aria-labelledby="ver-llaves">
        <h2 id="ver-llaves">4. Ver y copiar las llaves</h2>
        <p>
          Cuando el Ministerio asigne las llaves, al ingresar verá el «Paso 2 – Visualización de las llaves» con el ClientID, el
          ClientSecret y la fecha de expiración de Preproducción y de Producción, y también el {keyFieldLabels.tenantId.toLowerCase()}, el{' '}
          {keyFieldLabels.scope.toLowerCase()} y el {keyFieldLabels.endpoint.toLowerCase()}.
        </p>
        <ul>
          <li>«Mostrar» deja ver el ClientSecret; cada valor tiene su botón «Copiar».</li>
          <li>Las llaves de Producción piden confirmar que es usted con un segundo factor antes de mostrarse.</li>
          <li>«Descargar configuración (Postman)» entrega un archivo con todos los valores para el proveedor de software.</li>
        </ul>
      </section>

      <section aria-labelledby="estados">
        <h2 id="estados">5. Qué significa cada estado</h2>
        <dl class="help-states">
          {states.map((state) => (
            <div key={state.label}>
              <dt>{state.label}</dt>
              <dd>{state.meaning}</dd>
            </div>
          ))}
        </dl>
      </section>

      <HelpFaq />

      <section aria-labelledby="mesa-de-ayuda">
        <h2 id="mesa-de-ayuda">7. Mesa de ayuda</h2>
        {site ? <SupportContact site={site} /> : <p aria-busy="true">Cargando los datos de contacto…</p>}
      </section>

      <section aria-labelledby="normatividad">
        <h2 id="normatividad">8. Normatividad</h2>
        <p>Las llaves de acceso se entregan en el marco de estas normas y estándares (guía, sección 4):</p>
        <ul>
          <li>
            Resolución 1888 de 2025, que adopta el Resumen Digital de Atención en Salud (RDA) en el marco de la interoperabilidad de la
            Historia Clínica Electrónica (IHCE) y establece el mecanismo para su implementación a nivel nacional.
          </li>
          <li>
            Resolución 866 de 2021, que reglamenta el conjunto de elementos de datos clínicos relevantes para la interoperabilidad de la
            historia clínica en el país.
          </li>
          <li>Ley 2015 de 2020, que regula la interoperabilidad de la Historia Clínica Electrónica en Colombia.</li>
          <li>
            Estándar HL7 FHIR (Fast Healthcare Interoperability Resources): los servicios de la IHCE a los que dan acceso las llaves son
            servicios FHIR; el punto de conexión (endpoint) de cada ambiente es la dirección de ese servicio.
          </li>
          <li>Guías de soporte técnico del Ministerio de Salud y Protección Social.</li>
        </ul>
      </section>

      <p>¿Busca otra página? Vea el {link('/mapa-del-sitio', 'mapa del sitio')}.</p>
    </>
  );
}
