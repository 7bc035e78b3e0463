import { beforeAll, describe, expect, it } from 'vitest';
import { definition as activationsCreate } from '../../functions/activations-create';
import { definition as passwordResetsConfirm } from '../../functions/password-resets-confirm';
import { definition as passwordResetsCreate } from '../../functions/password-resets-create';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import { definition as sessionsCreate } from '../../functions/sessions-create';
import { definition as sessionsDelete } from '../../functions/sessions-delete';
import { definition as sessionsGet } from '../../functions/sessions-get-current';
import type { Services } from '../../src/composition-root';
import type { Clock } from '../../src/platform/clock';
import { serializeCookie } from '../../scripts/local-host/http-server';
import { officerFixture, seedDirectory, type OfficerFixture } from '../support/directory-fixtures';
import { emailsTo, linkIn, tokenFrom, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { enrolTotp, passTotp } from '../support/accounts';
import {
  call,
  sessionCookieHeader,
  solvedCaptcha,
  startTestServices,
  testEnv,
  useTestServices,
  type CallResult,
} from '../support/test-app';

let services: Services;
let now = new Date('2026-11-26T14:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const tick = () => (now = new Date(now.getTime() + 1000));
const officers = [officerFixture(), officerFixture(), officerFixture(), officerFixture()];
const usernameOf = (o: OfficerFixture) => `CC${o.idNumber}`;
const FIRST = 'río magdalena al atardecer';
const storageEnv = testEnv();

const fieldMessage = (body: any, field: string): string | undefined => body.errors?.find((e: any) => e.field === field)?.message;
const signIn = async (username: string, password: string, cookie?: string) =>
  call(sessionsCreate, { body: { username, password, captcha: await solvedCaptcha() }, ...(cookie && { cookie }) });

/** Officials pass a second factor after the password (issue 14): enrolled at the first sign-in, a fresh code after. */
const totpKeys = new Map<string, string>();
async function completed(username: string, result: CallResult): Promise<string> {
  const pending = sessionCookieHeader(result);
  now = new Date(now.getTime() + 30_000); // a new TOTP step for each sign-in
  const key = totpKeys.get(username);
  if (key) return passTotp(services, pending, key);
  const enrolled = await enrolTotp(services, pending);
  totpKeys.set(username, enrolled.totpKey);
  return enrolled.cookie;
}

async function latestToken(o: OfficerFixture, subject: string, page: string, before: number) {
  await drainNotifications(services);
  const mails = await waitForEmails(o.email, before + 1);
  return tokenFrom(linkIn(mails.filter((m) => m.subject.startsWith(subject)).at(-1)!, page));
}
async function activationToken(o: OfficerFixture) {
  const before = (await emailsTo(o.email)).length;
  const body = { userType: 'officer', idType: 'CC', idNumber: o.idNumber, captcha: await solvedCaptcha(), acceptsConfidentiality: true };
  expect((await call(registrationsCreate, { body })).status).toBe(201);
  return latestToken(o, 'Active', 'activar', before);
}
async function resetToken(o: OfficerFixture) {
  const before = (await emailsTo(o.email)).length;
  await call(passwordResetsCreate, { body: { username: usernameOf(o), captcha: await solvedCaptcha() } });
  return latestToken(o, 'Restablezca', 'restablecer', before);
}
async function activated(o: OfficerFixture, password = FIRST) {
  expect((await call(activationsCreate, { body: { token: await activationToken(o), password } })).status).toBe(200);
  return usernameOf(o);
}
const storedHash = async (username: string) =>
  (await services.storage.tableOf<{ passwordHash: string }>('accounts').get(username, 'account'))!.passwordHash;

beforeAll(async () => {
  services = await startTestServices({ env: storageEnv, overrides: { clock } });
  await seedDirectory(services, [], officers);
});

describe('sessions on a shared hospital computer', () => {
  it('the session cookie lives only as long as the browser: no Max-Age, no Expires', async () => {
    const username = await activated(officers[0]!);
    const result = await signIn(username, FIRST);
    expect(result.status).toBe(200);
    const cookie = result.cookies[0]!;
    expect(cookie.maxAge).toBeUndefined();
    expect(cookie.expires).toBeUndefined();
    expect(serializeCookie(cookie)).not.toMatch(/Max-Age|Expires/i);
  });

  it('signing in ends the session the request came with', async () => {
    const username = usernameOf(officers[0]!);
    const first = await completed(username, await signIn(username, FIRST));
    tick();
    const second = await signIn(username, FIRST, first);
    expect(second.status).toBe(200);
    expect((await call(sessionsGet, { cookie: first })).status).toBe(401);
    expect((await call(sessionsGet, { cookie: await completed(username, second) })).status).toBe(200);
    expect((await services.audit.list(`user:${username}`)).map((a) => a.action)).toContain('sesion.reemplazada');
  });

  it('«Cerrar todas mis sesiones» ends every session of that person, this one included, and no one else’s', async () => {
    const username = usernameOf(officers[0]!);
    const cookies = [];
    for (let i = 0; i < 3; i++) cookies.push(await completed(username, await signIn(username, FIRST)));
    const other = await activated(officers[1]!);
    const someoneElse = await completed(other, await signIn(other, FIRST));

    const closed = await call(sessionsDelete, { cookie: cookies[0] });
    expect(closed.status).toBe(200);
    expect(closed.body.message).toMatch(/Se cerraron todas sus sesiones/);
    expect(closed.cookies[0]).toMatchObject({ value: '', maxAge: 0 });
    for (const cookie of cookies) expect((await call(sessionsGet, { cookie })).status).toBe(401);
    expect((await call(sessionsGet, { cookie: someoneElse })).status).toBe(200);
    expect((await services.audit.list(`user:${username}`))[0]).toMatchObject({ action: 'sesiones.cerradas-todas', actor: username });

    tick();
    const again = await signIn(username, FIRST);
    expect((await call(sessionsGet, { cookie: await completed(username, again) })).status).toBe(200);
    expect((await call(sessionsDelete, {})).status).toBe(401);
  });
});

describe('new passwords', () => {
  it('refuses «passwordpassword» and breached-list passwords on activation and on reset, with the reason', async () => {
    const o = officers[2]!;
    const weak = ['passwordpassword', 'Leavemealone', 'finalfantasy2026!', 'needforspeed'];
    const activation = await activationToken(o);
    for (const password of weak) {
      const result = await call(activationsCreate, { body: { token: activation, password } });
      expect(result.status, password).toBe(400);
      expect(fieldMessage(result.body, 'password'), password).toMatch(/demasiado común/);
    }
    expect((await call(activationsCreate, { body: { token: activation, password: FIRST } })).status).toBe(200);
    const reset = await resetToken(o);
    for (const password of weak) {
      const result = await call(passwordResetsConfirm, { body: { token: reset, password } });
      expect(fieldMessage(result.body, 'password'), password).toMatch(/demasiado común/);
    }
  });

  it('a reset refuses the current password and the recent ones, and takes a new one', async () => {
    const o = officers[3]!;
    const username = await activated(o, FIRST);
    tick();
    expect((await call(passwordResetsConfirm, { body: { token: await resetToken(o), password: 'nevado del ruiz en enero' } })).status).toBe(
      200,
    );
    tick();
    const token = await resetToken(o);
    for (const password of ['nevado del ruiz en enero', FIRST]) {
      const result = await call(passwordResetsConfirm, { body: { token, password } });
      expect(result.status, password).toBe(400);
      expect(fieldMessage(result.body, 'password')).toMatch(/no puede ser la actual ni ninguna de las 5 anteriores/);
    }
    expect((await call(passwordResetsConfirm, { body: { token, password: 'laguna de guatavita al alba' } })).status).toBe(200);
    const stored = (await services.storage.tableOf<{ previousPasswordHashes: string }>('accounts').get(username, 'account'))!;
    expect(stored.previousPasswordHashes.split(' ')).toHaveLength(2);
    expect(stored.previousPasswordHashes).not.toContain('nevado');
  });
});

describe('scrypt parameters', () => {
  it('a hash made with an older cost still verifies, and is made again with the new cost at sign-in', async () => {
    const username = usernameOf(officers[1]!);
    expect(await storedHash(username)).toMatch(/^scrypt\$1024\$8\$1\$/);
    await startTestServices({ env: { ...storageEnv, PASSWORD_HASH_COST: '2048' }, overrides: { clock } });
    try {
      const wrong = await signIn(username, 'no es la contraseña');
      expect(wrong.status).toBe(401);
      expect(await storedHash(username)).toMatch(/^scrypt\$1024\$/);
      expect((await signIn(username, FIRST)).status).toBe(200);
      expect(await storedHash(username)).toMatch(/^scrypt\$2048\$8\$1\$/);
      tick();
      expect((await signIn(username, FIRST)).status).toBe(200);
    } finally {
      useTestServices(services);
    }
    expect((await signIn(username, FIRST)).status).toBe(200);
    expect(await storedHash(username)).toMatch(/^scrypt\$1024\$/);
  });
});
