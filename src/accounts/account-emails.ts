import type { DirectoryRepository } from '../directory/directory.repository';
import { renderEmail } from '../notifications/email-layout';
import type { SupportContact } from '../notifications/support-contact';
import type { Mailer } from '../notifications/mailer.port';
import type { Clock } from '../platform/clock';
import { roles } from './accounts.schemas';
import { resolveHolder } from './account-holder';
import type { AccountRepository } from './account.repository';
import { newToken, TOKEN_LIFETIME_MS, type TokenPurpose } from './account-tokens';

type Deps = {
  accounts: AccountRepository;
  directory: DirectoryRepository;
  mailer: Mailer;
  clock: Clock;
  publicBaseUrl: string;
  support: SupportContact;
};

/**
 * Runs in the queue worker: issues a fresh single-use link (only its hash is stored) and e-mails it to the
 * address the directory holds. Answers false when there is nothing to send (already activated, say).
 */
export function createAccountEmails({ accounts, directory, mailer, clock, publicBaseUrl, support }: Deps) {
  async function send(username: string, purpose: TokenPurpose): Promise<boolean> {
    const account = await accounts.get(username);
    const wanted = purpose === 'activation' ? 'pending' : 'active';
    if (!account || account.status !== wanted) return false;
    const holder = await resolveHolder(directory, account);
    if (!holder) return false;

    const { token, hash } = newToken(username);
    const issued = await accounts.modify(username, (current) =>
      current.status === wanted
        ? { ...current, tokenHash: hash, tokenPurpose: purpose, tokenExpiresOn: new Date(clock.now().getTime() + TOKEN_LIFETIME_MS) }
        : undefined,
    );
    if (issued?.tokenHash !== hash) return false;

    const entity = holder.entity ? ` de ${holder.entity.name} (NIT ${holder.entity.nit})` : '';
    const page = purpose === 'activation' ? 'activar' : 'restablecer';
    // The token travels in the fragment: browsers never send it to a server, a proxy or a Referer header.
    const url = `${publicBaseUrl.replace(/\/$/, '')}/${page}#token=${token}`;
    const message =
      purpose === 'activation'
        ? renderEmail({
            support,
            to: [holder.email],
            subject: 'Active su cuenta de IHCE – Llaves de acceso',
            greeting: `Hola, ${holder.fullName}:`,
            paragraphs: [
              `Se registró su cuenta de ${roles[account.role].label}${entity} en IHCE – Administración de Llaves de acceso.`,
              `Su usuario asignado es ${username}. Anótelo y consérvelo: lo necesitará para ingresar.`,
              'Para activar la cuenta, abra el enlace y defina su contraseña. El enlace vale por 24 horas y sirve una sola vez.',
            ],
            action: { label: 'Activar mi cuenta', url },
            footnote: 'Si usted no hizo este registro, ignore este mensaje: la cuenta no se activará.',
          })
        : renderEmail({
            support,
            to: [holder.email],
            subject: 'Restablezca su contraseña de IHCE – Llaves de acceso',
            greeting: `Hola, ${holder.fullName}:`,
            paragraphs: [
              `Recibimos una solicitud para restablecer la contraseña del usuario ${username}.`,
              'Abra el enlace y defina una contraseña nueva. El enlace vale por 24 horas y sirve una sola vez; al usarlo se cierran las sesiones abiertas.',
            ],
            action: { label: 'Restablecer contraseña', url },
            footnote: 'Si usted no lo solicitó, ignore este mensaje: su contraseña actual sigue vigente.',
          });
    await mailer.send(message);
    return true;
  }

  return {
    sendActivation: (username: string) => send(username, 'activation'),
    sendPasswordReset: (username: string) => send(username, 'reset'),
  };
}
export type AccountEmails = ReturnType<typeof createAccountEmails>;
