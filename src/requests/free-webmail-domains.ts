/**
 * Free webmail domains: an address there belongs to a person, not to a provider, so it is not the
 * «correo electrónico institucional» the guide asks for (6.4.1.1 d). Compared with the whole domain after
 * the @, in lower case.
 *
 * Source: the free e-mail providers of HubSpot's list of domains blocked as free e-mail
 * (https://knowledge.hubspot.com/forms/what-domains-are-blocked-when-using-the-forms-email-domains-to-block-feature),
 * reduced to the services and country variants used in Colombia. Keep one domain per line, sorted; add a
 * domain here and nowhere else.
 */
export const FREE_WEBMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'aol.com',
  'gmail.com',
  'gmx.com',
  'googlemail.com',
  'hotmail.co',
  'hotmail.com',
  'hotmail.es',
  'icloud.com',
  'live.com',
  'live.com.co',
  'mac.com',
  'mail.com',
  'me.com',
  'msn.com',
  'outlook.com',
  'outlook.es',
  'proton.me',
  'protonmail.com',
  'yahoo.com',
  'yahoo.com.co',
  'yahoo.es',
  'yandex.com',
  'ymail.com',
  'zoho.com',
]);

/** The domain of `email` when it is a free webmail service, else undefined. */
export function freeWebmailDomain(email: string): string | undefined {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return FREE_WEBMAIL_DOMAINS.has(domain) ? domain : undefined;
}
