import { beforeAll, describe, expect, it } from 'vitest';
import { definition as registrationsCreate } from '../../functions/registrations-create';
import { definition as activationsCreate } from '../../functions/activations-create';
import type { Services } from '../../src/composition-root';
import { officerFixture, providerFixture, seedDirectory, type ProviderFixture } from '../support/directory-fixtures';
import { linkIn, tokenFrom, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, solvedCaptcha, startTestServices } from '../support/test-app';

let services: Services;
const provider = providerFixture('Registro');
const otherProvider = providerFixture('Otra');
const officer = officerFixture();

beforeAll(async () => {
  services = await startTestServices();
  await seedDirectory(services, [provider, otherProvider], [officer]);
});

const delegateBody = async (p: ProviderFixture, extra: Record<string, unknown> = {}) => ({
  userType: 'delegate',
  entityType: 'PSS',
  nit: p.nit,
  idType: p.delegate.idType,
  idNumber: p.delegate.idNumber,
  captcha: await solvedCaptcha(),
  acceptsConfidentiality: true,
  ...extra,
});

const fieldMessage = (body: any, field: string): string | undefined => body.errors?.find((e: any) => e.field === field)?.message;

describe('POST /api/registrations', () => {
  it('registers a designated delegate: 201 summary with assigned username and masked e-mail, and the activation e-mail arrives', async () => {
    const result = await call(registrationsCreate, { body: await delegateBody(provider) });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      username: `CC${provider.delegate.idNumber}-${provider.nit}`,
      role: 'delegate',
      roleLabel: 'Delegado Administrativo',
      entity: { nit: provider.nit, name: provider.name },
      status: 'pending',
    });
    expect(result.body.maskedEmail).toMatch(/^de\*+@p\*+\.example$/);
    expect(result.body.maskedEmail).not.toContain(provider.delegate.email.split('@')[0]);
    // Anyone may call this with someone else's document number: the answer names no person.
    expect(Object.keys(result.body).sort()).toEqual([
      'activationLinkSent',
      'entity',
      'maskedEmail',
      'role',
      'roleLabel',
      'status',
      'username',
    ]);
    for (const name of [provider.delegate.firstNames, provider.delegate.lastNames]) expect(JSON.stringify(result.body)).not.toContain(name);

    const { handled } = await drainNotifications(services);
    expect(handled).toHaveLength(1);
    const [mail] = await waitForEmails(provider.delegate.email);
    expect(mail!.subject).toBe('Active su cuenta de IHCE – Llaves de acceso');
    expect(mail!.text).toContain(`Su usuario asignado es CC${provider.delegate.idNumber}-${provider.nit}`);
    expect(linkIn(mail!, 'activar')).toMatch(/^http:\/\/localhost:7071\/activar#token=/);

    const audit = await services.audit.list(`user:CC${provider.delegate.idNumber}-${provider.nit}`);
    expect(audit.map((a) => a.action)).toContain('cuenta.registrada');
    expect(audit[0]!.ip).toBe('198.51.100.7');
  });

  it('re-sends a new link while pending (200), and the earlier link stops working', async () => {
    const p = providerFixture('Reenvio');
    await seedDirectory(services, [provider, otherProvider, p], [officer]);
    expect((await call(registrationsCreate, { body: await delegateBody(p) })).status).toBe(201);
    await drainNotifications(services);
    const [first] = await waitForEmails(p.delegate.email, 1);

    const again = await call(registrationsCreate, { body: await delegateBody(p) });
    expect(again.status).toBe(200);
    await drainNotifications(services);
    const mails = await waitForEmails(p.delegate.email, 2);

    const stale = await call(activationsCreate, {
      body: { token: tokenFrom(linkIn(first!, 'activar')), password: 'una frase larga y segura 2026' },
    });
    expect(stale.status).toBe(400);
    expect(fieldMessage(stale.body, 'token')).toMatch(/no es válido o ya se usó/);
    const fresh = await call(activationsCreate, {
      body: { token: tokenFrom(linkIn(mails[1]!, 'activar')), password: 'una frase larga y segura 2026' },
    });
    expect(fresh.status).toBe(200);

    const active = await call(registrationsCreate, { body: await delegateBody(p) });
    expect(active.status).toBe(409);
    expect(active.body.detail).toContain('Ya existe una cuenta activa');
  });

  it('registers an official listed in the officers directory ("Otro Usuario")', async () => {
    const result = await call(registrationsCreate, {
      body: { userType: 'officer', idType: 'CC', idNumber: officer.idNumber, captcha: await solvedCaptcha(), acceptsConfidentiality: true },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ username: `CC${officer.idNumber}`, role: 'officer', roleLabel: 'Funcionario MSPS' });
    expect(result.body.entity).toBeUndefined();
  });

  it.each([
    ['900.123.456', 'puntos'],
    ['900123456-7', 'guiones'],
    ['900 123 456', 'espacios'],
    ['900,123,456', 'comas'],
  ])('refuses NIT %s with the seed rule (no %s)', async (nit) => {
    const result = await call(registrationsCreate, { body: await delegateBody(provider, { nit }) });
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldMessage(result.body, 'nit')).toBe(
      'El NIT debe ir solo con números, sin espacios, sin comas, sin guiones, sin puntos y sin dígito de verificación.',
    );
  });

  it('refuses an identification number with separators, naming the field and the rule', async () => {
    const result = await call(registrationsCreate, { body: await delegateBody(provider, { idNumber: '1.020.304.050' }) });
    expect(result.status).toBe(400);
    expect(fieldMessage(result.body, 'idNumber')).toMatch(/solo con números.*sin puntos/);
  });

  it('refuses a NIT that is not in the providers directory', async () => {
    const result = await call(registrationsCreate, { body: await delegateBody(provider, { nit: '123456789' }) });
    expect(result.status).toBe(400);
    expect(fieldMessage(result.body, 'nit')).toContain('no está registrado como Prestador de Servicios de Salud');
  });

  it('refuses a person who is not the designated delegate of that NIT', async () => {
    const result = await call(registrationsCreate, { body: await delegateBody(otherProvider, { idNumber: provider.delegate.idNumber }) });
    expect(result.status).toBe(400);
    const message = fieldMessage(result.body, 'idNumber')!;
    expect(message).toContain(`no está designada como Delegado Administrativo para el NIT ${otherProvider.nit}`);
    // Neither the entity of that NIT nor the one the person does represent.
    expect(message).not.toContain(otherProvider.name);
    expect(message).not.toContain(provider.name);
    expect(message).not.toContain(provider.nit);
  });

  it('refuses an official who is not in the officers directory', async () => {
    const result = await call(registrationsCreate, {
      body: { userType: 'officer', idType: 'CC', idNumber: '5555555555', captcha: await solvedCaptcha(), acceptsConfidentiality: true },
    });
    expect(result.status).toBe(400);
    expect(fieldMessage(result.body, 'idNumber')).toContain('no figura como funcionario del Ministerio');
  });

  it('requires the confidentiality agreement and a valid document type, reporting every field at once', async () => {
    const result = await call(registrationsCreate, {
      body: await delegateBody(provider, { acceptsConfidentiality: false, idType: 'XX', entityType: 'EPS' }),
    });
    expect(result.status).toBe(400);
    expect(fieldMessage(result.body, 'acceptsConfidentiality')).toBe('Debe aceptar el acuerdo de confidencialidad para registrarse.');
    expect(fieldMessage(result.body, 'idType')).toBe('Seleccione un tipo de identificación de la lista.');
    expect(fieldMessage(result.body, 'entityType')).toContain('Entidades Prestadoras de Servicios de Salud');
  });

  it('refuses a reused or forged captcha, and writes nothing', async () => {
    const p = providerFixture('Captcha');
    await seedDirectory(services, [provider, otherProvider, p], [officer]);
    const body = await delegateBody(p, { nit: '12' });
    expect((await call(registrationsCreate, { body })).status).toBe(400);
    const reused = await call(registrationsCreate, { body: { ...body, nit: p.nit } });
    // The first call failed schema validation before the captcha was checked, so it is still unused.
    expect(reused.status).toBe(201);
    const replay = await call(registrationsCreate, { body: { ...body, nit: p.nit } });
    expect(replay.status).toBe(400);
    expect(fieldMessage(replay.body, 'captcha')).toContain('ya se usó');

    const forged = Buffer.from(JSON.stringify({ algorithm: 'SHA-256', challenge: 'a', number: 1, salt: 'b', signature: 'c' })).toString(
      'base64',
    );
    const result = await call(registrationsCreate, { body: await delegateBody(otherProvider, { captcha: forged }) });
    expect(result.status).toBe(400);
    expect(fieldMessage(result.body, 'captcha')).toContain('no es válida');
    expect(
      await services.storage.tableOf('accounts').get(`CC${otherProvider.delegate.idNumber}-${otherProvider.nit}`, 'account'),
    ).toBeUndefined();
  });

  it('answers malformed requests with problem+json, never 500', async () => {
    const notJson = await call(registrationsCreate, { rawBody: '{"userType":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.detail).toBe('El cuerpo de la solicitud no es JSON válido.');

    const wrongType = await call(registrationsCreate, {
      rawBody: 'userType=delegate',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);

    const unknownUser = await call(registrationsCreate, { body: { userType: 'admin' } });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.errors[0].message).toContain('Delegado Administrativo u Otro Usuario');

    const extraKey = await call(registrationsCreate, { body: { ...(await delegateBody(provider)), isAdmin: true } });
    expect(extraKey.status).toBe(400);

    const huge = await call(registrationsCreate, { body: { userType: 'delegate', nit: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);
  });

  it.each([
    ['another origin', { origin: 'https://evil.example' }],
    ['an opaque origin (sandboxed frame)', { origin: 'null' }],
    ['no Origin but a cross-site fetch', { origin: '', 'sec-fetch-site': 'cross-site' }],
  ])('refuses a state-changing call from %s (CSRF)', async (_label, headers) => {
    const result = await call(registrationsCreate, { body: await delegateBody(provider), headers });
    expect(result.status).toBe(403);
    expect(result.body.detail).toBe('La solicitud viene de un origen no permitido.');
  });
});
