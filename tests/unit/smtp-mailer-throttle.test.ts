import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/adapters/mail/smtp-mailer';
import { MailThrottledError } from '../../src/notifications/mailer.port';

/** A minimal SMTP server on loopback that answers MAIL FROM with `reply`. */
async function startRefusingSmtp(reply: string) {
  const server = createServer((socket) => {
    socket.write('220 prueba ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\r\n').filter(Boolean)) {
        if (/^(EHLO|HELO)/i.test(line)) socket.write('250 prueba\r\n');
        else if (/^MAIL FROM/i.test(line)) socket.write(`${reply}\r\n`);
        else if (/^QUIT/i.test(line)) socket.end('221 adiós\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const message = { to: ['a@prestador.test'], subject: 'Prueba', text: 'Hola', html: '<p>Hola</p>' };
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('SMTP mailer and "try later" answers', () => {
  it('421 (service busy) becomes MailThrottledError, so the queue waits instead of spending a try', async () => {
    const smtp = await startRefusingSmtp('421 4.7.0 Demasiados mensajes, intente más tarde');
    close = smtp.close;
    const mailer = createSmtpMailer({ host: '127.0.0.1', port: smtp.port, from: 'IHCE <x@ihce.test>' });
    const error = await mailer.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailThrottledError);
    expect((error as MailThrottledError).retryAfterSeconds).toBe(60);
  });

  it('a permanent refusal (550) stays an ordinary error: retried by the queue, then poisoned', async () => {
    const smtp = await startRefusingSmtp('550 5.7.1 Remitente rechazado');
    close = smtp.close;
    const mailer = createSmtpMailer({ host: '127.0.0.1', port: smtp.port, from: 'IHCE <x@ihce.test>' });
    const error = await mailer.send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(MailThrottledError);
  });
});
