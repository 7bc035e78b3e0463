import type { SiteIdentity } from '../../../src/config/site-identity';

/** A phone as a link a phone can dial: «(+57) 601 330 5000» → tel:+576013305000. */
const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** The entity's contact block (GOV.CO footer and «Ayuda»), from the API's settings. */
export function SupportContact({ site, named = true }: { site: SiteIdentity; named?: boolean }) {
  const { support } = site;
  return (
    <address class="support-contact">
      {named && (
        <p>
          <strong>{site.entityName}</strong>
        </p>
      )}
      <p>Dirección: {site.address}</p>
      <p>Horario de atención: {support.hours}</p>
      <p>
        Teléfono: <a href={tel(support.phone)}>{support.phone}</a>
      </p>
      <p>
        Línea gratuita nacional: <a href={tel(support.tollFree)}>{support.tollFree}</a>
      </p>
      <p>
        Correo de la mesa de ayuda: <a href={`mailto:${support.email}`}>{support.email}</a>
      </p>
    </address>
  );
}
