/** The entity's help desk (mesa de ayuda), from the settings (src/config/site-identity.ts). */
export type SupportContact = {
  entityName: string;
  support: { email: string; phone: string; tollFree: string; hours: string };
};

/** «la mesa de ayuda del Ministerio … (correo …, teléfono …, …)»: how every e-mail that sends a person to it says it. */
export const helpDesk = ({ entityName, support }: SupportContact) =>
  `la mesa de ayuda del ${entityName} (correo ${support.email}, teléfono ${support.phone}, línea gratuita ${support.tollFree}; ${support.hours})`;

/** The closing line of every e-mail. */
export const helpDeskLine = ({ entityName, support }: SupportContact) =>
  `¿Necesita ayuda? Mesa de ayuda del ${entityName}: ${support.email} · ${support.phone} · línea gratuita ${support.tollFree} · ${support.hours}.`;
