import type { SessionUser } from '../accounts/accounts.schemas';
import { resolveHolder, normalizeUsername } from '../accounts/account-holder';
import type { AccountRepository } from '../accounts/account.repository';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { AppError, forbidden, notFound } from '../kernel/app-error';
import type { RequestMeta } from '../kernel/request-meta';
import { renderEmail } from '../notifications/email-layout';
import { helpDesk, type SupportContact } from '../notifications/support-contact';
import type { EventPublisher } from '../notifications/event-publisher';
import type { Mailer } from '../notifications/mailer.port';
import type { FactorRepository, SeedRef } from './factor.repository';

/**
 * A lost phone or passkey: an official removes the person's second factors, with a reason, audited on the
 * person and e-mailed to them (so a reset they did not ask for does not go unnoticed). At the next sign-in
 * (or the next production secret, for a delegate) the person enrols a factor again.
 */
export function createFactorRecovery(deps: {
  factors: FactorRepository;
  seeds: { disable(ref: SeedRef): Promise<void> };
  accounts: AccountRepository;
  directory: DirectoryRepository;
  events: Pick<EventPublisher, 'publish'>;
  audit: AuditLog;
  mailer: Mailer;
  publicBaseUrl: string;
  support: SupportContact;
}) {
  const { factors, seeds, accounts, directory, events, audit, mailer } = deps;

  return {
    async reset(officer: SessionUser, username: string, reason: string, meta: RequestMeta) {
      if (officer.role !== 'officer') throw forbidden();
      const target = normalizeUsername(username);
      if (target === officer.username)
        throw new AppError('restablecer-propio', 403, 'No puede restablecer su propio segundo factor: pídalo a otro funcionario.');
      if (!(await accounts.get(target))) throw notFound('No existe una cuenta con ese usuario.');
      const retired = await factors.removeAll(target);
      for (const ref of retired) await seeds.disable(ref);
      await audit.record({
        subject: `user:${target}`,
        action: 'segundo-factor.restablecido',
        actor: officer.username,
        ip: meta.ip,
        detail: { motivo: reason },
      });
      await events.publish({ type: 'account.second-factor-reset', username: target });
      return { username: target, message: 'Se restableció el segundo factor. La persona lo configurará de nuevo al ingresar.' };
    },

    /** Queue worker: the e-mail to the person whose factors were reset. */
    async notifyReset(username: string): Promise<boolean> {
      const account = await accounts.get(username);
      const holder = account && (await resolveHolder(directory, account));
      if (!holder) return false;
      await mailer.send(
        renderEmail({
          support: deps.support,
          to: [holder.email],
          subject: 'Se restableció su segundo factor de IHCE – Llaves de acceso',
          greeting: `Hola, ${holder.fullName}:`,
          paragraphs: [
            `Un funcionario del Ministerio restableció el segundo factor (aplicación de autenticación o llave de acceso) del usuario ${username}.`,
            'La próxima vez que lo necesite, el sistema le pedirá configurar uno nuevo.',
          ],
          action: { label: 'Ingresar', url: `${deps.publicBaseUrl.replace(/\/$/, '')}/ingresar` },
          footnote: `Si usted no pidió este cambio, avise de inmediato a ${helpDesk(deps.support)}: alguien podría estar intentando usar su cuenta.`,
        }),
      );
      return true;
    },
  };
}
export type FactorRecovery = ReturnType<typeof createFactorRecovery>;
