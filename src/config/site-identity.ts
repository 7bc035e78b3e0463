import * as z from 'zod';

const https = z.url({ protocol: /^https$/, error: 'debe ser una dirección https://' });

/**
 * The entity that runs the service, as the GOV.CO footer (Resolución 1519 de 2020 de MinTIC, anexo 2, 2.2) and
 * the e-mails show it: name, address, help desk (mesa de ayuda) and policy links. The defaults are the
 * Ministerio de Salud y Protección Social's public contact (README «Identidad GOV.CO, ayuda y palabras» names where each comes from); a
 * deployment sets its own help desk.
 */
export const siteIdentitySettings = {
  SITE_ENTITY_NAME: z.string().trim().min(3).default('Ministerio de Salud y Protección Social'),
  SITE_ENTITY_ADDRESS: z.string().trim().min(3).default('Carrera 13 No. 32-76, Bogotá D.C., código postal 110311'),
  SUPPORT_EMAIL: z.email().default('atencionalciudadano@minsalud.gov.co'),
  SUPPORT_PHONE: z.string().trim().min(7).default('(+57) 601 330 5000'),
  SUPPORT_TOLL_FREE: z.string().trim().min(7).default('01 8000 960020'),
  SUPPORT_HOURS: z.string().trim().min(3).default('lunes a viernes de 8:00 a. m. a 4:00 p. m. (hora de Colombia)'),
  SITE_PRIVACY_URL: https.default('https://www.minsalud.gov.co/'),
  SITE_TERMS_URL: https.default('https://www.minsalud.gov.co/'),
  SITE_ACCESSIBILITY_URL: https.default('https://www.minsalud.gov.co/'),
};

type SiteSettings = z.infer<z.ZodObject<typeof siteIdentitySettings>>;

/** What the web's top bar, footer and «Ayuda», and every e-mail, show of the entity (public data only). */
export function siteIdentityOf(config: SiteSettings) {
  return {
    entityName: config.SITE_ENTITY_NAME,
    address: config.SITE_ENTITY_ADDRESS,
    support: { email: config.SUPPORT_EMAIL, phone: config.SUPPORT_PHONE, tollFree: config.SUPPORT_TOLL_FREE, hours: config.SUPPORT_HOURS },
    links: { privacy: config.SITE_PRIVACY_URL, terms: config.SITE_TERMS_URL, accessibility: config.SITE_ACCESSIBILITY_URL },
  };
}
export type SiteIdentity = ReturnType<typeof siteIdentityOf>;
