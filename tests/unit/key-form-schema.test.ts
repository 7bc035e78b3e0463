import { describe, expect, it } from 'vitest';
import {
  assignCredentialsBodySchema,
  assignCredentialsSchemaFor,
  type AssignCredentialsInput,
} from '../../src/credentials/assignment.schemas';
import { entraDefaultExpiry, expiryProblem, expiryRange, guidProblem } from '../../src/credentials/key-entry.schemas';
import '../../src/kernel/zod-es';

const today = '2026-11-28';
const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** What the web form sends for an environment left blank but for the preloaded tenant, scope and endpoint. */
const blank = (env: string) => ({
  clientId: '',
  expiresOn: '',
  tenantId,
  scope: `api://ihce-${env}/.default`,
  endpoint: `https://apim-ihce-${env}.example/fhir`,
});
const problems = (body: unknown) => {
  const result = assignCredentialsSchemaFor({ today, current: {}, generation: { preproduction: true, production: true } }).safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
};
const messageOf = (body: unknown, field: string) => problems(body).find((problem) => problem.field === field)?.message;
const withProduction = (production: Partial<AssignCredentialsInput['production']>) => ({
  preproduction: blank('pre'),
  production: { ...blank('prd'), ...production },
});

describe('the key form says what is wrong with what was typed', () => {
  it('an empty ClientID is asked for, not told it is not a GUID', () => {
    expect(messageOf(withProduction({}), 'production.clientId')).toBe('Ingrese el ClientID de Producción.');
    expect(messageOf(withProduction({}), 'preproduction.clientId')).toBe('Ingrese el ClientID de Preproducción.');
  });

  it('a wrong ClientID is told why, with an example', () => {
    expect(guidProblem('1b4e28ba-2fa1', 'ClientID', 'Preproducción')).toBe(
      'El ClientID de Preproducción debe ser un GUID, por ejemplo 1b4e28ba-2fa1-41d2-883f-0016d3cca427: «1b4e28ba-2fa1» tiene 13 caracteres y un GUID tiene 36.',
    );
    expect(guidProblem('1b4e28ba-2fa1-41d2-883f-0016d3cca42z', 'ClientID', 'Producción')).toContain('tiene el carácter «z»');
    expect(guidProblem('1b4e28ba2-fa1-41d2-883f-0016d3cca427', 'ClientID', 'Producción')).toContain('los guiones no están en su lugar');
  });

  it('«30/11/2027» is read as day/month/year and the official is told how to write it', () => {
    expect(messageOf(withProduction({ expiresOn: '30/11/2027' }), 'production.expiresOn')).toBe(
      'La fecha de expiración de Producción debe escribirse año-mes-día (AAAA-MM-DD): para el 30 de noviembre de 2027 escriba 2027-11-30.',
    );
  });

  it('a date that does not exist says so, whichever way it was written', () => {
    expect(expiryProblem('2027-02-30', 'Producción', today)).toBe(
      'La fecha de expiración de Producción no existe (30 de febrero de 2027: ese mes tiene 28 días).',
    );
    expect(expiryProblem('31/04/2027', 'Preproducción')).toBe(
      'La fecha de expiración de Preproducción no existe (31 de abril de 2027: ese mes tiene 30 días).',
    );
    expect(expiryProblem('2027-13-01', 'Producción')).toBe(
      'La fecha de expiración de Producción no existe (el mes 13 no existe: van del 01 al 12).',
    );
    expect(expiryProblem('mañana', 'Producción')).toContain('(«mañana») no es una fecha');
    expect(expiryProblem('', 'Producción')).toBe('Ingrese la fecha de expiración de Producción.');
  });

  it('a past date, today and a date beyond 24 months are each told apart', () => {
    expect(expiryProblem('2026-03-01', 'Producción', today)).toBe(
      'La fecha de expiración de Producción ya pasó (1 de marzo de 2026): elija una posterior a hoy.',
    );
    expect(expiryProblem(today, 'Producción', today)).toContain('es hoy');
    expect(expiryProblem('2028-11-29', 'Producción', today)).toContain('elija el 28 de noviembre de 2028 o antes');
    expect(expiryRange(today)).toEqual({ min: '2026-11-29', max: '2028-11-28' });
  });

  it('generated keys are proposed the longest expiry Entra ID accepts (two years from creation) within the policy', () => {
    // 24 months from 2026-11-28 cross 29 February 2028: 731 days, one more than Entra ID allows.
    expect(entraDefaultExpiry(today)).toBe('2028-11-26');
    expect(expiryProblem(entraDefaultExpiry(today), 'Producción', today)).toBeUndefined();
    expect(entraDefaultExpiry('2029-03-10')).toBe('2031-03-09');
  });
});

describe('every problem of both environments at once, each naming its environment', () => {
  it('empty ClientIDs, a wrong date and a past production date all come in the first answer', () => {
    const found = problems({
      preproduction: { ...blank('pre'), expiresOn: '30/11/2027' },
      production: { ...blank('prd'), expiresOn: '2025-06-01', clientSecret: 'corto' },
    });
    expect(found.map((problem) => problem.field)).toEqual([
      'preproduction.clientId',
      'preproduction.expiresOn',
      'preproduction.clientSecret',
      'production.clientId',
      'production.clientSecret',
      'production.expiresOn',
    ]);
    // No two lines alike: an error summary of both environments never repeats itself.
    expect(new Set(found.map((problem) => problem.message)).size).toBe(found.length);
    for (const { field, message } of found)
      expect(message, field).toContain(field.startsWith('preproduction') ? 'Preproducción' : 'Producción');
  });

  it('the body the API reads first checks only types, so content problems reach the full check together', () => {
    expect(assignCredentialsBodySchema.safeParse(withProduction({ expiresOn: '2025-06-01' })).success).toBe(true);
    const wrongTypes = assignCredentialsBodySchema.safeParse({
      preproduction: { ...blank('pre'), clientId: 42 },
      production: blank('prd'),
    });
    expect(wrongTypes.error?.issues.map((issue) => issue.message)).toEqual(['El ClientID de Preproducción debe ser texto.']);
    const missing = assignCredentialsBodySchema.safeParse({ preproduction: blank('pre') });
    expect(missing.error?.issues.map((issue) => issue.message)).toEqual(['Faltan las llaves de Producción.']);
  });
});
