import type { SiteIdentity } from '../../../src/config/site-identity';
import { onLinkClick } from '../lib/router';
import { SupportContact } from './support-contact';

/**
 * The GOV.CO footer (Resolución 1519 de 2020 de MinTIC, anexo 2, 2.2): the entity and its contact, the policy
 * links and the site map, then the GOV.CO bar. The contact comes from the API (GET /api/site); until it arrives,
 * the entity's name and the links show.
 */
export function SiteFooter({ site }: { site: SiteIdentity | undefined }) {
  return (
    <footer class="app-footer">
      <div class="container app-footer__grid">
        <section aria-labelledby="pie-entidad">
          <h2 id="pie-entidad" class="app-footer__title">
            {site?.entityName ?? 'Ministerio de Salud y Protección Social'}
          </h2>
          <p>IHCE – Administración de Llaves de acceso: interoperabilidad de la Historia Clínica Electrónica (Ley 2015 de 2020).</p>
          {site && <SupportContact site={site} named={false} />}
        </section>
        <nav aria-labelledby="pie-enlaces">
          <h2 id="pie-enlaces" class="app-footer__title">
            Enlaces
          </h2>
          <ul class="app-footer__links">
            <li>
              <a href="/ayuda" onClick={onLinkClick}>
                Ayuda
              </a>
            </li>
            <li>
              <a href="/mapa-del-sitio" onClick={onLinkClick}>
                Mapa del sitio
              </a>
            </li>
            {site && (
              <>
                <li>
                  <a href={site.links.privacy} rel="noopener">
                    Política de tratamiento de datos personales
                  </a>
                </li>
                <li>
                  <a href={site.links.terms} rel="noopener">
                    Términos y condiciones
                  </a>
                </li>
                <li>
                  <a href={site.links.accessibility} rel="noopener">
                    Accesibilidad
                  </a>
                </li>
              </>
            )}
          </ul>
          <p>Sus datos personales se tratan conforme a la Ley 1581 de 2012.</p>
        </nav>
      </div>
      <div class="govco-footer-bar">
        <div class="container">
          <a class="govco-footer-bar__logo" href="https://www.gov.co" rel="noopener">
            GOV.CO
            <span class="visually-hidden"> – Portal del Estado colombiano</span>
          </a>
        </div>
      </div>
    </footer>
  );
}
