import { beforeAll, describe, expect, it } from 'vitest';
import { definition as activationsCreate } from '../../functions/activations-create';
import { definition as passwordResetsConfirm } from '../../functions/password-resets-confirm';
import { definition as passwordResetsCreate } from '../../functions/password-resets-create';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as sessionsGet } from '../../functions/sessions-get-current';
import type { Services } from '../../src/composition-root';
import type { Clock } from '../../src/platform/clock';
import { officerFixture, seedDirectory } from '../support/directory-fixtures';
import { emailsTo, linkIn, tokenFrom, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, sessionCookieHeader, solvedCaptcha, startTestServices } from '../support/test-app';

let services: Services;
let now = new Date();
const clock: Clock = { now: () => new Date(now) };
const HOUR = 3_600_000;
const officers = [officerFixture(), officerFixture(), officerFixture()];
const usernameOf = (o: (typeof officers)[number]) => `CC${o.idNumber}`;

async function register(o: (typeof officers)[number]) {
  const result = await call(registrationsCreate, {
    body: { userType: 'officer', idType: 'CC', idNumber: o.idNumber, captcha: await solvedCaptcha(), acceptsConfidentiality: true },
  });
  expect(result.status).toBe(201);
  await drainNotifications(services);
  const mails = await waitForEmails(o.email);
  return tokenFrom(linkIn(mails.at(-1)!, 'activar'));
}

const fieldMessage = (body: any, field: string): string | undefined => body.errors?.find((e: any) => e.field === field)?.message;

beforeAll(async () => {
  services = await startTestServices({ overrides: { clock } });
  await seedDirectory(services, [], officers);
});

describe('activation link', () => {
  it('refuses weak passwords with the reason, and keeps the link usable', async () => {
    const token = await register(officers[0]!);
    const cases: [string, RegExp][] = [
      ['corta', /al menos 12 caracteres/],
      [`clave-${officers[0]!.idNumber}`, /número de identificación/],
      [`${usernameOf(officers[0]!).toLowerCase()}-segura!`, /usuario/],
      ['Contraseña123!', /demasiado común/],
      ['Colombia2026!!', /demasiado común/],
      ['aaaaaaaaaaaaaaa1', /muy pocos caracteres distintos/],
    ];
    for (const [password, reason] of cases) {
      const result = await call(activationsCreate, { body: { token, password } });
      expect(result.status, password).toBe(400);
      expect(fieldMessage(result.body, 'password'), password).toMatch(reason);
    }
    const ok = await call(activationsCreate, { body: { token, password: 'río magdalena al atardecer' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ username: usernameOf(officers[0]!) });
  });

  it('works once: a second use is refused', async () => {
    const token = await register(officers[1]!);
    expect((await call(activationsCreate, { body: { token, password: 'orquídeas del pacífico 7' } })).status).toBe(200);
    const again = await call(activationsCreate, { body: { token, password: 'orquídeas del pacífico 8' } });
    expect(again.status).toBe(400);
    expect(fieldMessage(again.body, 'token')).toContain('no es válido o ya se usó');
  });

  it('expires after 24 hours', async () => {
    const token = await register(officers[2]!);
    now = new Date(now.getTime() + 24 * HOUR + 1000);
    const late = await call(activationsCreate, { body: { token, password: 'orquídeas del pacífico 9' } });
    expect(late.status).toBe(400);
    expect(fieldMessage(late.body, 'token')).toContain('venció (es válido por 24 horas)');
    now = new Date();
  });

  it('refuses a tampered token', async () => {
    const forged = `${Buffer.from(usernameOf(officers[2]!)).toString('base64url')}.${'A'.repeat(43)}`;
    const result = await call(activationsCreate, { body: { token: forged, password: 'orquídeas del pacífico 9' } });
    expect(result.status).toBe(400);
    const malformed = await call(activationsCreate, { body: { token: 'abc', password: 'orquídeas del pacífico 9' } });
    expect(fieldMessage(malformed.body, 'token')).toContain('El enlace no es válido');
  });
});

describe('¿Olvidó su contraseña?', () => {
  it('answers the same for unknown users and sends nothing', async () => {
    const unknown = await call(passwordResetsCreate, { body: { username: 'CC1', captcha: await solvedCaptcha() } });
    const known = await call(passwordResetsCreate, { body: { username: usernameOf(officers[0]!), captcha: await solvedCaptcha() } });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const before = (await emailsTo(officers[0]!.email)).length;
    const { handled } = await drainNotifications(services);
    expect(handled).toHaveLength(2); // both queued alike; only the real account gets an e-mail
    await waitForEmails(officers[0]!.email, before + 1);
    const sent = await services.storage.tableOf('notificationlog').query()[Symbol.asyncIterator]().next();
    expect(sent.done).toBe(false);
  });

  it('resets the password by e-mail, ends open sessions, and the old password stops working', async () => {
    const username = usernameOf(officers[0]!);
    const login = await call(sessionsCreate, {
      body: { username, password: 'río magdalena al atardecer', captcha: await solvedCaptcha() },
    });
    expect(login.status).toBe(200);
    const cookie = sessionCookieHeader(login);

    const before = (await emailsTo(officers[0]!.email)).length;
    await call(passwordResetsCreate, { body: { username, captcha: await solvedCaptcha() } });
    await drainNotifications(services);
    const mails = await waitForEmails(officers[0]!.email, before + 1);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('Restablezca su contraseña de IHCE – Llaves de acceso');
    now = new Date(now.getTime() + 1000);
    const reset = await call(passwordResetsConfirm, {
      body: { token: tokenFrom(linkIn(mail, 'restablecer')), password: 'nevado del ruiz en enero' },
    });
    expect(reset.status).toBe(200);

    expect((await call(sessionsGet, { cookie })).status).toBe(401);
    const old = await call(sessionsCreate, { body: { username, password: 'río magdalena al atardecer', captcha: await solvedCaptcha() } });
    expect(old.status).toBe(401);
    const fresh = await call(sessionsCreate, { body: { username, password: 'nevado del ruiz en enero', captcha: await solvedCaptcha() } });
    expect(fresh.status).toBe(200);
  });

  it('a reset link cannot activate, and an activation link cannot reset', async () => {
    const username = usernameOf(officers[1]!);
    await call(passwordResetsCreate, { body: { username, captcha: await solvedCaptcha() } });
    await drainNotifications(services);
    const resetMail = (await waitForEmails(officers[1]!.email, 2)).find((m) => m.subject.startsWith('Restablezca'))!;
    const resetToken = tokenFrom(linkIn(resetMail, 'restablecer'));
    const misuse = await call(activationsCreate, { body: { token: resetToken, password: 'nevado del ruiz en enero' } });
    expect(misuse.status).toBe(400);
    expect((await call(passwordResetsConfirm, { body: { token: resetToken, password: 'nevado del ruiz en enero' } })).status).toBe(200);
  });

  it('an activation link cannot be used as a reset link', async () => {
    const officer = officerFixture();
    await seedDirectory(services, [], [...officers, officer]);
    const result = await call(registrationsCreate, {
      body: { userType: 'officer', idType: 'CC', idNumber: officer.idNumber, captcha: await solvedCaptcha(), acceptsConfidentiality: true },
    });
    expect(result.status).toBe(201);
    await drainNotifications(services);
    const [mail] = await waitForEmails(officer.email);
    const misuse = await call(passwordResetsConfirm, {
      body: { token: tokenFrom(linkIn(mail!, 'activar')), password: 'nevado del ruiz en enero' },
    });
    expect(misuse.status).toBe(400);
  });
});
