import type { DirectoryRepository } from '../directory/directory.repository';
import { documentTypeSchema } from '../identity/colombian-ids';
import { renderEmail } from '../notifications/email-layout';
import type { SupportContact } from '../notifications/support-contact';
import type { Mailer } from '../notifications/mailer.port';
import { roles } from './accounts.schemas';
import { resolveHolder, usernameFor, type Holder, type HolderRef } from './account-holder';
import type { AccountRepository } from './account.repository';

type Deps = { accounts: AccountRepository; directory: DirectoryRepository; mailer: Mailer; publicBaseUrl: string; support: SupportContact };

/**
 * «¿Olvidó su usuario?», in the queue worker: every account the person holds (as an official, and as delegate
 * of each NIT), each still backed by the directory, is e-mailed to the address the directory holds for it,
 * one e-mail per address. Answers false when there is nothing to send: the caller was told the same either way.
 */
export function createUsernameReminder({ accounts, directory, mailer, publicBaseUrl, support }: Deps) {
  async function accountsOf(idType: HolderRef['idType'], idNumber: string) {
    const delegations = await directory.delegationsOf({ idType, idNumber });
    const refs: HolderRef[] = [
      { role: 'officer', idType, idNumber },
      ...delegations.map((d) => ({ role: 'delegate' as const, idType, idNumber, nit: d.nit })),
    ];
    const found: { username: string; role: HolderRef['role']; status: string; holder: Holder }[] = [];
    for (const ref of refs) {
      const account = await accounts.get(usernameFor(ref));
      const holder = account && (await resolveHolder(directory, account));
      if (account && holder) found.push({ username: account.username, role: account.role, status: account.status, holder });
    }
    return found;
  }

  return {
    async send(idType: string, idNumber: string): Promise<boolean> {
      const type = documentTypeSchema.safeParse(idType);
      if (!type.success) return false;
      const found = await accountsOf(type.data, idNumber.toUpperCase());
      const byAddress = new Map<string, typeof found>();
      for (const item of found) {
        const address = item.holder.email.toLowerCase();
        byAddress.set(address, [...(byAddress.get(address) ?? []), item]);
      }
      for (const items of byAddress.values()) {
        const lines = items.map(
          ({ username, role, status, holder }) =>
            `Usuario: ${username} – ${roles[role].label}${holder.entity ? ` de ${holder.entity.name} (NIT ${holder.entity.nit})` : ''}${status === 'pending' ? ' (aún sin activar: use el enlace de activación que le enviamos al registrarse, o regístrese de nuevo para recibir otro)' : ''}.`,
        );
        await mailer.send(
          renderEmail({
            support,
            to: [items[0]!.holder.email],
            subject: 'Su usuario de IHCE – Llaves de acceso',
            greeting: `Hola, ${items[0]!.holder.fullName}:`,
            paragraphs: [
              `Recibimos una solicitud para recordar el usuario de la persona con ${idType} ${idNumber}. ${items.length === 1 ? 'Este es su usuario:' : 'Estos son sus usuarios:'}`,
              ...lines,
              'Ingrese con su usuario y su contraseña. Si no recuerda la contraseña, use «¿Olvidó su contraseña?» en la página de ingreso.',
            ],
            action: { label: 'Ingresar', url: `${publicBaseUrl.replace(/\/$/, '')}/ingresar` },
            footnote: 'Si usted no lo solicitó, ignore este mensaje: el usuario se envió solo a este correo y su contraseña sigue vigente.',
          }),
        );
      }
      return found.length > 0;
    },
  };
}
