import { beforeAll, describe, expect, inject, it } from 'vitest';
import { definition as passwordResetsConfirm } from '../../functions/password-resets-confirm';
import { definition as passwordResetsCreate } from '../../functions/password-resets-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as usernameRemindersCreate } from '../../functions/username-reminders-create';
import type { Services } from '../../src/composition-root';
import type { Clock } from '../../src/platform/clock';
import { signedInDelegate, TEST_PASSWORD } from '../support/accounts';
import { providerFixture, seedDirectory } from '../support/directory-fixtures';
import { emailsTo, linkIn, tokenFrom, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, solvedCaptcha, startTestServices } from '../support/test-app';

let services: Services;
let now = new Date('2026-11-25T15:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const providers = [providerFixture('Aviso'), providerFixture('Bloqueo'), providerFixture('Cambio'), providerFixture('Usuario')];

const signIn = async (username: string, password: string) =>
  call(sessionsCreate, { body: { username, password, captcha: await solvedCaptcha() } });

beforeAll(async () => {
  services = await startTestServices({ overrides: { clock } });
  await seedDirectory(services, providers, []);
});

describe('account recovery a clerk can manage', () => {
  it('warns of the attempts left before the lock, the same way for a known and an unknown username', async () => {
    const { username } = await signedInDelegate(services, providers[0]!);
    const unknown = `CC987650-${providers[0]!.nit}`;
    for (const [attempt, left] of [
      [1, 'Le quedan 2 intentos'],
      [2, 'Le queda 1 intento'],
    ] as const) {
      const known = await signIn(username, `mala contraseña ${attempt}`);
      const nobody = await signIn(unknown, `mala contraseña ${attempt}`);
      expect(known.status).toBe(401);
      expect(nobody.status).toBe(401);
      expect(nobody.body).toEqual(known.body);
      expect(known.body.detail).toBe(
        `Usuario o contraseña incorrectos, o la cuenta aún no está activa. ${left} antes de que la cuenta se bloquee por 30 segundos (cada fallo siguiente alarga el bloqueo, hasta 15 minuto(s)). Si no recuerda la contraseña, use «¿Olvidó su contraseña?».`,
      );
    }
    // The third failure starts the wait: from then on the plain message, for both.
    const third = await signIn(username, 'mala contraseña 3');
    expect(third.body.detail).toBe('Usuario o contraseña incorrectos, o la cuenta aún no está activa.');
    expect((await signIn(unknown, 'mala contraseña 3')).body).toEqual(third.body);
  });

  it('e-mails the holder once when the account is locked: until when, how to undo it, «¿No fue usted?», no secret', async () => {
    const { username } = await signedInDelegate(services, providers[1]!);
    const email = providers[1]!.delegate.email;
    const before = (await emailsTo(email)).length;
    for (const attempt of [1, 2, 3]) expect((await signIn(username, `clave equivocada ${attempt}`)).status).toBe(401);
    now = new Date(now.getTime() + 31_000);
    expect((await signIn(username, 'clave equivocada 4')).status).toBe(401);
    await drainNotifications(services);
    const mails = await waitForEmails(email, before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await emailsTo(email)).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('Su cuenta de IHCE – Llaves de acceso quedó bloqueada por un momento');
    expect(mail.text).toContain(`Hubo 3 intentos seguidos de ingresar con el usuario ${username}`);
    expect(mail.text).toMatch(/bloqueada hasta las 10:00:30\s?a\.\s?m\. del 25 de noviembre de 2026 \(hora de Colombia\)\./);
    expect(mail.text).toContain('restablecerla con «¿Olvidó su contraseña?», lo levanta de inmediato');
    expect(mail.text).toContain('¿No fue usted?');
    expect(mail.text).toContain('mesa de ayuda del Ministerio de Salud y Protección Social');
    expect(mail.text).toMatch(/¿Olvidó su contraseña\?: https?:\/\/[^\s]+\/recuperar\n/);
    expect(mail.text).not.toContain('clave equivocada');
    expect(mail.text).not.toContain(TEST_PASSWORD);
  });

  it('e-mails the holder when the password changes through a reset, with the date in Bogotá and the recovery link', async () => {
    const { username } = await signedInDelegate(services, providers[2]!);
    const email = providers[2]!.delegate.email;
    await call(passwordResetsCreate, { body: { username, captcha: await solvedCaptcha() } });
    await drainNotifications(services);
    const withReset = await waitForEmails(email, 2);
    const token = tokenFrom(linkIn(withReset.at(-1)!, 'restablecer'));
    now = new Date('2026-11-26T02:30:00Z');
    const newPassword = 'Guadua y bambú del Quindío 9';
    expect((await call(passwordResetsConfirm, { body: { token, password: newPassword } })).status).toBe(200);
    await drainNotifications(services);
    const mails = await waitForEmails(email, 3);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('Su contraseña de IHCE – Llaves de acceso cambió');
    expect(mail.text).toMatch(/Su contraseña cambió el 25 de noviembre de 2026(,| a las) 9:30\s?p\.\s?m\. \(hora de Colombia\)/);
    expect(mail.text).toContain('Si no fue usted, restablézcala de inmediato con «¿Olvidó su contraseña?»');
    expect(mail.text).toMatch(/¿Olvidó su contraseña\?: https?:\/\/[^\s]+\/recuperar\n/);
    expect(mail.text).not.toContain(newPassword);
    expect(mail.text).not.toContain(token);
    // Activation is not a change: the account's first e-mails were the activation link and the reset link only.
    expect(withReset.map((m) => m.subject)).not.toContain(mail.subject);
  });

  it('«¿Olvidó su usuario?» e-mails the username to the registered address; an unknown identification gets the same answer and no e-mail', async () => {
    const { username } = await signedInDelegate(services, providers[3]!);
    const { delegate } = providers[3]!;
    const before = (await emailsTo(delegate.email)).length;
    const ask = async (idNumber: string) =>
      call(usernameRemindersCreate, { body: { idType: 'CC', idNumber, captcha: await solvedCaptcha() } });
    const known = await ask(delegate.idNumber);
    const unknown = await ask('1098765432');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message).toBe(
      'Si los datos corresponden a una cuenta, enviamos el usuario a su correo registrado. Revise también la carpeta de correo no deseado.',
    );
    await drainNotifications(services);
    const mails = await waitForEmails(delegate.email, before + 1);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('Su usuario de IHCE – Llaves de acceso');
    expect(mail.text).toContain(`Usuario: ${username} – Delegado Administrativo de ${providers[3]!.name} (NIT ${providers[3]!.nit}).`);
    expect(mail.text).not.toContain(TEST_PASSWORD);
    const all = await (await fetch(`http://127.0.0.1:${inject('mailInboxPort')}/email`)).json();
    expect(JSON.stringify(all)).not.toContain('1098765432');
  });

  it('«¿Olvidó su usuario?» is limited per identification after the bot check (3 an hour), like password recovery', async () => {
    const ask = async () => call(usernameRemindersCreate, { body: { idType: 'CC', idNumber: '52123456', captcha: await solvedCaptcha() } });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(202);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
