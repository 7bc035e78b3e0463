import { inject } from 'vitest';

export type CaughtEmail = { subject: string; text: string; html: string; to: { address: string }[]; id: string };

const inbox = () => `http://127.0.0.1:${inject('mailInboxPort')}`;

export async function emailsTo(address: string): Promise<CaughtEmail[]> {
  const response = await fetch(`${inbox()}/email`);
  const all = (await response.json()) as CaughtEmail[];
  return all.filter((mail) => mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
}

/** Waits until `count` e-mails have reached `address` in MailDev (over real SMTP) and answers them, oldest first. */
export async function waitForEmails(address: string, count = 1, timeoutMs = 10_000): Promise<CaughtEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await emailsTo(address);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`Llegaron ${found.length} de ${count} correos a ${address} en ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function linkIn(email: CaughtEmail, page: string): string {
  const match = new RegExp(`https?://[^\\s"<]+/${page}#token=[A-Za-z0-9_.-]+`).exec(email.text);
  if (!match) throw new Error(`El correo «${email.subject}» no trae enlace a /${page}`);
  return match[0];
}

export const tokenFrom = (link: string) => link.split('#token=')[1]!;
