import { describe, expect, it } from 'vitest';
import {
  assignedFile,
  assignmentAuditDetail,
  nextCredentials,
  overlapEnd,
  replacedEnvironments,
} from '../../src/credentials/assignment-rules';
import { assignCredentialsSchemaFor, type AssignCredentialsInput, type AssignmentContext } from '../../src/credentials/assignment.schemas';
import type { EnvironmentName } from '../../src/credentials/credentials.schemas';
import { emptyKeyFile, type EnvironmentCredentials, type KeyFile, type PreviousSecret } from '../../src/key-files/key-file';

const today = '2026-11-28';
const now = new Date('2026-11-28T15:00:00.000Z');
const clientId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const tenantId = '2c5f39cb-3fb2-42e3-994f-1127e4ddb538';

const entry = (overrides: Partial<AssignCredentialsInput['production']> = {}): AssignCredentialsInput['production'] => ({
  clientId,
  tenantId,
  clientSecret: 'secreto-nuevo-1',
  expiresOn: '2027-06-30',
  scope: 'api://ihce/.default',
  endpoint: 'https://ihce.example.gov.co',
  ...overrides,
});
const input = (pre = entry(), pro = entry()): AssignCredentialsInput => ({ preproduction: pre, production: pro });

const credentials = (overrides: Partial<EnvironmentCredentials> = {}): EnvironmentCredentials => ({
  clientId,
  tenantId,
  expiresOn: '2027-01-31',
  scope: 'api://ihce/.default',
  endpoint: 'https://ihce.example.gov.co',
  clientSecretRef: { name: 'ihce-900123456-production-client-secret', version: 'v1' },
  assignedAt: '2026-01-01T00:00:00.000Z',
  assignedBy: 'funcionario1',
  source: 'manual',
  previousSecrets: [],
  ...overrides,
});
const fileWith = (production?: EnvironmentCredentials): KeyFile => ({
  ...emptyKeyFile('900123456'),
  environments: production ? { preproduction: credentials(), production } : {},
});
const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);
/** The rules are part of the schema the web and the API share (issue 16: every problem at once). */
const problemsOf = (body: AssignCredentialsInput, context: AssignmentContext) => {
  const result = assignCredentialsSchemaFor(context).safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
};
const expiryProblems = (body: AssignCredentialsInput, day: string) => problemsOf(body, { today: day });
/** One environment's problems, given the keys it has now and whether generation is configured for it. */
const environmentProblems = (
  env: EnvironmentName,
  value: AssignCredentialsInput['production'],
  current: EnvironmentCredentials | undefined,
  generationEnabled: boolean,
) =>
  problemsOf(
    { preproduction: env === 'preproduction' ? value : entry(), production: env === 'production' ? value : entry() },
    {
      current: { [env]: current, ...(env === 'production' && { preproduction: credentials() }) },
      generation: { [env]: generationEnabled },
    },
  ).filter((problem) => problem.field.startsWith(`${env}.`));

describe('expiry dates of an assignment', () => {
  // Issue 16 changed these texts: they say what is wrong with the date typed, and name the last day allowed in words.
  it('when a date is today or earlier, then it must be after today', () => {
    const problems = expiryProblems(input(entry({ expiresOn: today }), entry({ expiresOn: '2026-01-01' })), today);
    expect(problems).toEqual([
      {
        field: 'preproduction.expiresOn',
        message: 'La fecha de expiración de Preproducción es hoy: elija una posterior a hoy (las llaves vencerían esta noche).',
      },
      {
        field: 'production.expiresOn',
        message: 'La fecha de expiración de Producción ya pasó (1 de enero de 2026): elija una posterior a hoy.',
      },
    ]);
  });

  it('when a date is more than 24 months ahead, then the message names the last day allowed', () => {
    expect(expiryProblems(input(entry(), entry({ expiresOn: '2028-11-29' })), today)).toEqual([
      {
        field: 'production.expiresOn',
        message:
          'La fecha de expiración de Producción pasa del máximo de 24 meses (29 de noviembre de 2028): elija el 28 de noviembre de 2028 o antes.',
      },
    ]);
    expect(expiryProblems(input(entry(), entry({ expiresOn: '2028-11-28' })), today)).toEqual([]);
  });
});

describe('what an environment entry may ask', () => {
  it('when Entra ID generation is not configured for the environment, then only that is said', () => {
    expect(
      fields(
        environmentProblems(
          'production',
          entry({ mode: 'entra', clientSecret: undefined, clientId: undefined, tenantId: undefined }),
          undefined,
          false,
        ),
      ),
    ).toEqual(['production.mode']);
    expect(
      environmentProblems(
        'production',
        entry({ mode: 'entra', clientSecret: undefined, clientId: undefined, tenantId: undefined }),
        undefined,
        true,
      ),
    ).toEqual([]);
  });

  it('when there is no secret yet and none is typed, then the ClientSecret is asked for', () => {
    expect(environmentProblems('production', entry({ clientSecret: undefined }), undefined, true)).toEqual([
      { field: 'production.clientSecret', message: 'Ingrese el ClientSecret de Producción.' },
    ]);
  });

  it('when the secret is kept, then revoking the previous one is refused', () => {
    expect(
      fields(environmentProblems('production', entry({ clientSecret: undefined, revokePrevious: true }), credentials(), true)),
    ).toEqual(['production.revokePrevious']);
  });

  it('when keys generated in Entra ID keep their secret, then their expiry cannot change', () => {
    const generated = credentials({ source: 'entra', expiresOn: '2027-01-31' });
    expect(fields(environmentProblems('production', entry({ clientSecret: undefined }), generated, true))).toEqual([
      'production.expiresOn',
    ]);
    expect(environmentProblems('production', entry({ clientSecret: undefined, expiresOn: '2027-01-31' }), generated, true)).toEqual([]);
  });

  it('when the ClientID or tenant changes without a new secret, then the secret of that application is asked for', () => {
    const other = entry({ clientSecret: undefined, clientId: '3d6a4adc-4ac3-43f4-aa5a-2238f5eec649' });
    expect(fields(environmentProblems('production', other, credentials(), true))).toEqual(['production.clientSecret']);
    // The comparison ignores case: GUIDs are stored in lower case.
    expect(
      environmentProblems('production', entry({ clientSecret: undefined, clientId: clientId.toUpperCase() }), credentials(), true),
    ).toEqual([]);
  });

  it('reports every problem of both environments at once: the dates with the rest, each environment in order', () => {
    const problems = problemsOf(
      input(entry({ clientSecret: undefined }), {
        ...entry({ mode: 'entra', clientSecret: undefined, expiresOn: today }),
        clientId: undefined,
        tenantId: undefined,
      }),
      { today, current: fileWith().environments, generation: { preproduction: false, production: false } },
    );
    expect(fields(problems)).toEqual(['preproduction.clientSecret', 'production.expiresOn', 'production.mode']);
  });
});

describe('the keys an assignment leaves', () => {
  const validUntil = overlapEnd(now, 7);

  it('the overlap of a replaced secret ends grace days after the change', () => {
    expect(validUntil).toBe('2026-12-05T15:00:00.000Z');
  });

  it('when a new secret replaces one, then the old one is kept on record with its overlap, newest first', () => {
    const current = credentials();
    const fresh = { clientId, tenantId, ref: { name: 'n', version: 'v2' } };
    const next = nextCredentials({
      current,
      entry: entry(),
      fresh,
      subscriptionKeyRef: undefined,
      now,
      officer: 'funcionario2',
      validUntil,
    });
    expect(next.clientSecretRef).toEqual({ name: 'n', version: 'v2' });
    expect(next.source).toBe('manual');
    expect(next.previousSecrets).toEqual([
      { ref: current.clientSecretRef, replacedAt: now.toISOString(), replacedBy: 'funcionario2', clientId, validUntil },
    ]);
  });

  it('when the official revokes the previous secret, then its overlap ends now', () => {
    const next = nextCredentials({
      current: credentials(),
      entry: entry({ revokePrevious: true }),
      fresh: { clientId, tenantId, ref: { name: 'n', version: 'v2' } },
      subscriptionKeyRef: undefined,
      now,
      officer: 'funcionario2',
      validUntil,
    });
    expect(next.previousSecrets[0]!.validUntil).toBe(now.toISOString());
  });

  it('when the secret is kept, then its reference, source and Entra ID application stay and nothing is replaced', () => {
    const entra = { applicationObjectId: 'obj', keyId: 'key' };
    const current = credentials({ source: 'entra', entra });
    const next = nextCredentials({
      current,
      entry: entry({ clientSecret: undefined, expiresOn: current.expiresOn }),
      fresh: undefined,
      subscriptionKeyRef: undefined,
      now,
      officer: 'funcionario2',
      validUntil,
    });
    expect(next).toMatchObject({ clientSecretRef: current.clientSecretRef, source: 'entra', entra, previousSecrets: [] });
    expect(replacedEnvironments({ preproduction: next, production: next }, now)).toEqual([]);
  });

  it('keeps ten replaced secrets, and beyond them every one still waiting to be retired', () => {
    const old = (i: number, retired: boolean): PreviousSecret => ({
      ref: { name: 'n', version: `old${i}` },
      replacedAt: '2026-01-01T00:00:00.000Z',
      replacedBy: 'funcionario1',
      validUntil: '2026-01-08T00:00:00.000Z',
      ...(retired && { retiredAt: '2026-01-08T00:00:00.000Z' }),
    });
    const previousSecrets = Array.from({ length: 12 }, (_, i) => old(i, i !== 11));
    const next = nextCredentials({
      current: credentials({ previousSecrets }),
      entry: entry(),
      fresh: { clientId, tenantId, ref: { name: 'n', version: 'v2' } },
      subscriptionKeyRef: undefined,
      now,
      officer: 'funcionario2',
      validUntil,
    });
    expect(next.previousSecrets.map((p) => p.ref.version)).toEqual(['v1', ...Array.from({ length: 9 }, (_, i) => `old${i}`), 'old11']);
  });

  it('a certificate-only «Generar» records no new ClientSecret and the certificate as the key (issue 17, certfollow)', () => {
    const before: KeyFile = { ...fileWith(credentials()), environments: { preproduction: credentials() } };
    const production = nextCredentials({
      current: undefined,
      entry: entry({ mode: 'entra' }),
      fresh: { clientId, tenantId, entra: { applicationObjectId: 'obj' } },
      subscriptionKeyRef: undefined,
      now,
      officer: 'f',
      validUntil,
    });
    expect(production.clientSecretRef).toBeUndefined();
    const after = assignedFile(before, { preproduction: before.environments.preproduction!, production }, now, 'asignacion-2');
    const detail = assignmentAuditDetail({ before, after, input: input(), replacedSecrets: [], validUntil, pending: undefined });
    expect(detail).toMatchObject({ secretoProduccionNuevo: false, tipoDeLlaveProduccion: 'certificado', secretoPreproduccionNuevo: false });
    expect(detail).not.toHaveProperty('tipoDeLlavePreproduccion');
  });

  it('the assigned file has no pending request and announces the environments whose secret was replaced', () => {
    const before: KeyFile = { ...fileWith(credentials()), pendingKind: 'renewal', pendingRequestId: 'r1', pendingSince: now };
    const fresh = { clientId, tenantId, ref: { name: 'n', version: 'v2' } };
    const production = nextCredentials({
      current: before.environments.production,
      entry: entry(),
      fresh,
      subscriptionKeyRef: undefined,
      now,
      officer: 'f',
      validUntil,
    });
    const preproduction = nextCredentials({
      current: before.environments.preproduction,
      entry: entry({ clientSecret: undefined, expiresOn: '2027-01-31' }),
      fresh: undefined,
      subscriptionKeyRef: undefined,
      now,
      officer: 'f',
      validUntil,
    });
    const after = assignedFile(before, { preproduction, production }, now, 'asignacion-1');
    expect(after).toMatchObject({ lastOutcome: 'assigned', lastAssignmentId: 'asignacion-1', updatedAt: now, pendingKind: undefined });
    expect(after.pendingRequestId).toBeUndefined();
    expect(replacedEnvironments(after.environments, now)).toEqual(['production']);
    expect(
      assignmentAuditDetail({ before, after, input: input(), replacedSecrets: ['production'], validUntil, pending: undefined }),
    ).toEqual({
      clientIdPreproduccion: clientId,
      clientIdProduccion: clientId,
      vencePreproduccion: '2027-01-31',
      venceProduccion: '2027-06-30',
      secretoPreproduccionNuevo: false,
      secretoProduccionNuevo: true,
      origenPreproduccion: 'manual',
      origenProduccion: 'manual',
      anteriorValidoHasta: validUntil,
      // Issue 17: whether «Verificar llaves» ran before «Guardar» (a caller that does not verify: not-run).
      verificacionPreproduccion: 'not-run',
      verificacionProduccion: 'not-run',
    });
    // Review of issue 17: what the audit says of verification comes from the server's record, never from the input.
    const forged = { ...input(), production: { ...input().production, verification: 'passed' } };
    expect(
      assignmentAuditDetail({
        before,
        after,
        input: forged,
        replacedSecrets: ['production'],
        validUntil,
        pending: undefined,
        verification: { preproduction: 'failed-confirmed', production: 'not-run' },
      }),
    ).toMatchObject({ verificacionPreproduccion: 'failed-confirmed', verificacionProduccion: 'not-run' });
  });
});
