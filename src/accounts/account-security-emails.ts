import type { DirectoryRepository } from '../directory/directory.repository';
import { formatBogotaDate } from '../kernel/bogota-date';
import { renderEmail } from '../notifications/email-layout';
import { helpDesk, type SupportContact } from '../notifications/support-contact';
import type { Mailer } from '../notifications/mailer.port';
import { resolveHolder } from './account-holder';
import type { AccountRepository } from './account.repository';
import { createUsernameReminder } from './username-reminder';
import { bogotaTime, FREE_FAILURES, MAX_DELAY_MS } from './sign-in-messages';

type Deps = { accounts: AccountRepository; directory: DirectoryRepository; mailer: Mailer; publicBaseUrl: string; support: SupportContact };

const bogotaDate = (at: string) => new Date(at).toLocaleDateString('es-CO', { dateStyle: 'long', timeZone: 'America/Bogota' });

const notYou = (support: SupportContact) =>
  `¿No fue usted? Restablezca la contraseña con «¿Olvidó su contraseña?» y comuníquese con ${helpDesk(support)}.`;

/**
 * Runs in the queue worker: tells the holder of an account, at the address the directory holds, what happened
 * to its sign-in (a lock, a password change). Nothing secret goes in: no password, no link token.
 * Answers false when there is no one to tell (the account or its holder is gone).
 */
export function createAccountSecurityEmails({ accounts, directory, mailer, publicBaseUrl, support }: Deps) {
  const recoveryUrl = `${publicBaseUrl.replace(/\/$/, '')}/recuperar`;

  async function holderOf(username: string) {
    const account = await accounts.get(username);
    return account?.status === 'active' ? resolveHolder(directory, account) : undefined;
  }

  return {
    /** «¿Olvidó su usuario?»: see username-reminder.ts. */
    sendUsernames: createUsernameReminder({ accounts, directory, mailer, publicBaseUrl, support }).send,

    async sendLocked(username: string, lockedUntil: string): Promise<boolean> {
      const holder = await holderOf(username);
      if (!holder) return false;
      await mailer.send(
        renderEmail({
          support,
          to: [holder.email],
          subject: 'Su cuenta de IHCE – Llaves de acceso quedó bloqueada por un momento',
          greeting: `Hola, ${holder.fullName}:`,
          paragraphs: [
            `Hubo ${FREE_FAILURES + 1} intentos seguidos de ingresar con el usuario ${username} y una contraseña equivocada. Por seguridad, la cuenta quedó bloqueada hasta las ${bogotaTime(new Date(lockedUntil))} del ${bogotaDate(lockedUntil)} (hora de Colombia).`,
            `Cada nuevo intento fallido alarga el bloqueo, hasta ${MAX_DELAY_MS / 60_000} minutos por intento. Ingresar con la contraseña correcta después del bloqueo, o restablecerla con «¿Olvidó su contraseña?», lo levanta de inmediato.`,
            notYou(support),
          ],
          action: { label: '¿Olvidó su contraseña?', url: recoveryUrl },
          footnote: 'Sus sesiones abiertas siguen activas: el bloqueo solo detiene nuevos ingresos.',
        }),
      );
      return true;
    },

    async sendPasswordChanged(username: string, changedAt: string): Promise<boolean> {
      const holder = await holderOf(username);
      if (!holder) return false;
      await mailer.send(
        renderEmail({
          support,
          to: [holder.email],
          subject: 'Su contraseña de IHCE – Llaves de acceso cambió',
          greeting: `Hola, ${holder.fullName}:`,
          paragraphs: [
            `Su contraseña cambió el ${formatBogotaDate(changedAt)} (hora de Colombia), para el usuario ${username}. Las sesiones abiertas antes de ese momento se cerraron.`,
            `Si no fue usted, restablézcala de inmediato con «¿Olvidó su contraseña?» y comuníquese con ${helpDesk(support)}.`,
          ],
          action: { label: '¿Olvidó su contraseña?', url: recoveryUrl },
          footnote: 'Si fue usted, no tiene que hacer nada.',
        }),
      );
      return true;
    },
  };
}
