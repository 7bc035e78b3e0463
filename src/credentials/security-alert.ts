import { formatBogotaDate } from '../kernel/bogota-date';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';

type Deps = {
  mailer: Mailer;
  /** MSPS_SECURITY_EMAILS. */
  recipients: string[];
  /** While that is empty: the ministry's alert list, or else the active officials (someone must be able to lift the block). */
  fallbackRecipients: () => Promise<string[]>;
  burstProviders: number;
  publicBaseUrl: string;
};

/**
 * Runs in the queue worker: tells the ministry's security mailbox that an official's reveals were blocked.
 * Who, when and how many providers; never a secret, never which ones (the trail has them).
 */
export function createSecurityAlert({ mailer, recipients, fallbackRecipients, burstProviders, publicBaseUrl }: Deps) {
  return {
    async revealsBlocked(event: { username: string; blockedAt: string; providers: number }): Promise<boolean> {
      // A security alert that waits for a setting is a lost alert: without the security mailbox it goes to the
      // ministry's alert list or, failing that, to the active officials, who can lift the block.
      const to = recipients.length > 0 ? recipients : await fallbackRecipients();
      if (to.length === 0)
        throw new Error(
          'No hay destinatarios para el aviso de seguridad (MSPS_SECURITY_EMAILS, MSPS_ALERT_EMAILS ni funcionarios activos).',
        );
      await mailer.send(
        renderEmail({
          to,
          subject: `Alerta de seguridad IHCE: se bloquearon las revelaciones del funcionario ${event.username}`,
          greeting: 'Equipo de seguridad del Ministerio de Salud y Protección Social:',
          paragraphs: [
            `El funcionario ${event.username} pidió ver los ClientSecret de ${event.providers} prestadores en menos de una hora (el límite es ${burstProviders}). El ${formatBogotaDate(new Date(event.blockedAt))} el sistema bloqueó sus revelaciones.`,
            'Cada revelación quedó en la trazabilidad del prestador con el motivo que escribió el funcionario. Revísela y, si todo está en orden, pida a otro funcionario que use «Desbloquear revelaciones» en su página de inicio; el funcionario bloqueado no puede hacerlo.',
            'Si no reconoce esta actividad, trate los ClientSecret revelados como expuestos y pida rotarlos con «Actualizar Token».',
          ],
          action: { label: 'Abrir la consola de funcionarios', url: `${publicBaseUrl.replace(/\/$/, '')}/funcionario` },
        }),
      );
      return true;
    },
  };
}
