import { formatBogotaDate } from '../kernel/bogota-date';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';

type Deps = {
  mailer: Mailer;
  /** MSPS_SECURITY_EMAILS. */
  recipients: string[];
  burstProviders: number;
  publicBaseUrl: string;
};

/**
 * Runs in the queue worker: tells the ministry's security mailbox that an official's reveals were blocked.
 * Who, when and how many providers; never a secret, never which ones (the trail has them).
 */
export function createSecurityAlert({ mailer, recipients, burstProviders, publicBaseUrl }: Deps) {
  return {
    async revealsBlocked(event: { username: string; blockedAt: string; providers: number }): Promise<boolean> {
      if (recipients.length === 0)
        throw new Error('MSPS_SECURITY_EMAILS está vacío: el aviso de seguridad espera en la cola hasta que se configure.');
      await mailer.send(
        renderEmail({
          to: recipients,
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
