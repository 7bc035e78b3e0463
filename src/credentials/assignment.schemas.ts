import * as z from 'zod';
import { environmentLabels, keyFieldInSentence, type EnvironmentName } from './credentials.schemas';
import { endpointProblem, expiryProblem, guidProblem, scopeProblem, secretProblem } from './key-entry.schemas';
import { updateReasonSchemaFor } from './update-reason.schemas';

/**
 * Guardar in the key form (seed 6.4.2.1), checked the same way by the web (before sending) and by the API:
 * every field of both environments at once, each message naming its environment.
 */

/** What the stored keys of an environment say about an entry (EnvironmentCredentials fits it). */
export type CurrentKeys = { clientId: string; tenantId: string; expiresOn: string; source: 'manual' | 'entra' };
export type AssignmentContext = {
  /** Today in Bogotá: with it, expiry dates are held to tomorrow…24 months. */
  today?: string;
  /** The keys on file: with them, what an update may keep or must replace. */
  current?: Partial<Record<EnvironmentName, CurrentKeys | undefined>>;
  /** Whether «Generarlas en Entra ID» is configured, per environment. */
  generation?: Partial<Record<EnvironmentName, boolean>>;
  /** …_CREDENTIAL_TYPE per environment: `certificate` takes no typed ClientSecret. */
  credentialTypes?: Partial<Record<EnvironmentName, 'certificate' | 'secret' | 'either'>>;
  /** Keys on file and no request waiting: the official corrects them and must say why (6.4.2.1, «Motivo de la actualización»). */
  updateReasonRequired?: boolean;
};

const TENANT = keyFieldInSentence('tenantId');
const SCOPE = keyFieldInSentence('scope');
const ENDPOINT = keyFieldInSentence('endpoint');
const SUBSCRIPTION_KEY = keyFieldInSentence('subscriptionKey');

const checked = (problem: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** The body's shape: right types and keys, messages naming the field and its environment. */
function environmentShape(env: EnvironmentName) {
  const label = environmentLabels[env];
  const text = (name: string) => z.string({ error: `${name} de ${label} debe ser texto.` });
  return {
    mode: z.enum(['manual', 'entra'], { error: `El modo de ${label} debe ser manual o entra.` }).default('manual'),
    clientId: text('El ClientID').optional(),
    /** Omitted on update: the current secret is kept. */
    clientSecret: text('El ClientSecret').optional(),
    expiresOn: z.string({ error: `Ingrese la fecha de expiración de ${label}.` }),
    tenantId: text(`El ${TENANT}`).optional(),
    scope: z.string({ error: `Ingrese el ${SCOPE} de ${label}.` }),
    endpoint: z.string({ error: `Ingrese el ${ENDPOINT} de ${label}.` }),
    subscriptionKey: text(`La ${SUBSCRIPTION_KEY}`).optional(),
    /** With a new secret: the one it replaces stops working now (it leaked), instead of after the overlap. */
    revokePrevious: z.boolean({ error: `«Revocar de inmediato» de ${label} debe ser verdadero o falso.` }).optional(),
    /**
     * «Verificar llaves» failed for exactly these keys and the official saves them anyway. Whether the keys
     * passed, failed or were not verified is the server's own record (key-verification-records), never the caller's.
     */
    confirmFailedVerification: z.boolean({ error: `«Guardar de todos modos» de ${label} debe ser verdadero o falso.` }).optional(),
    /** Older clients said here how verification went: accepted and ignored (the server computes it). */
    verification: z.unknown().optional(),
  };
}

const bodyOf = <S extends z.ZodType>(env: (env: EnvironmentName) => S, updateReasonRequired = false) =>
  z.strictObject(
    { preproduction: env('preproduction'), production: env('production'), updateReason: updateReasonSchemaFor(updateReasonRequired) },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? undefined : 'Envíe las llaves de Preproducción y de Producción.') },
  );

/** What the handler reads: the shape only, so that the use case can report every content problem at once. */
export const assignCredentialsBodySchema = bodyOf((env) =>
  z.strictObject(environmentShape(env), { error: `Faltan las llaves de ${environmentLabels[env]}.` }),
);

function environmentSchema(env: EnvironmentName, context: AssignmentContext) {
  const label = environmentLabels[env];
  const guid = (name: string) =>
    z
      .string()
      .trim()
      .pipe(checked((value) => guidProblem(value, name, label)))
      .transform((value) => value.toLowerCase());
  return z
    .strictObject({
      ...environmentShape(env),
      clientId: guid('ClientID').optional(),
      clientSecret: checked((value) => secretProblem(value, 'ClientSecret', label)).optional(),
      expiresOn: z
        .string({ error: `Ingrese la fecha de expiración de ${label}.` })
        .trim()
        .pipe(checked((value) => expiryProblem(value, label, context.today))),
      tenantId: guid(TENANT).optional(),
      scope: z
        .string({ error: `Ingrese el ${SCOPE} de ${label}.` })
        .trim()
        .pipe(checked((value) => scopeProblem(value, label))),
      endpoint: z
        .string({ error: `Ingrese el ${ENDPOINT} de ${label}.` })
        .trim()
        .pipe(checked((value) => endpointProblem(value, label))),
      subscriptionKey: checked((value) => secretProblem(value, `valor de la ${SUBSCRIPTION_KEY}`, label)).optional(),
    })
    .superRefine((entry, ctx) => {
      for (const { field, message } of entryProblems(env, entry, context)) ctx.addIssue({ code: 'custom', path: [field], message });
    });
}

type Entry = z.infer<ReturnType<typeof environmentSchema>>;

/** ClientID and tenant, which a manual entry always needs. */
function requiredIds(env: EnvironmentName, entry: Entry) {
  const label = environmentLabels[env];
  return [
    ...(entry.clientId === undefined ? [{ field: 'clientId', message: `Ingrese el ClientID de ${label}.` }] : []),
    ...(entry.tenantId === undefined ? [{ field: 'tenantId', message: `Ingrese el ${TENANT} de ${label}.` }] : []),
  ];
}

/** What an entry may ask given its mode, the keys on file and whether generation is configured; fields already wrong are not judged again. */
export function entryProblems(env: EnvironmentName, entry: Entry, context: AssignmentContext): { field: string; message: string }[] {
  const label = environmentLabels[env];
  const current = context.current?.[env];
  if (entry.mode === 'entra') {
    if (context.generation && !context.generation[env])
      return [{ field: 'mode', message: `La generación en Entra ID no está configurada para ${label}: registre las llaves manualmente.` }];
    return (['clientId', 'clientSecret', 'tenantId'] as const)
      .filter((field) => entry[field] !== undefined)
      .map((field) => ({
        field,
        message: `Con «Generarlas en Entra ID» el sistema obtiene el ClientID, el ClientSecret y el ${TENANT} de ${label}: no los escriba.`,
      }));
  }
  const problems: { field: string; message: string }[] = [];
  if (context.credentialTypes?.[env] === 'certificate') {
    // The delegate never receives a secret here: none is taken, none is required.
    if (entry.clientSecret !== undefined)
      problems.push({ field: 'clientSecret', message: `${label} acepta solo certificado: no escriba un ClientSecret.` });
    return [...problems, ...requiredIds(env, entry)];
  }
  const guidOk = (value: string | undefined) => value !== undefined && guidProblem(value, '', '') === undefined;
  problems.push(...requiredIds(env, entry));
  if (entry.revokePrevious && !entry.clientSecret)
    problems.push({ field: 'revokePrevious', message: `Para revocar el ClientSecret anterior de ${label} escriba uno nuevo.` });
  if (
    !entry.clientSecret &&
    current?.source === 'entra' &&
    expiryProblem(entry.expiresOn, label) === undefined &&
    current.expiresOn !== entry.expiresOn.trim()
  )
    // Entra ID keeps the credential's end date: only a new secret can carry another one.
    problems.push({
      field: 'expiresOn',
      message: `Las llaves de ${label} se generaron en Entra ID con vencimiento ${current.expiresOn}: para cambiar la fecha elija «Generarlas en Entra ID al guardar» (se crea un ClientSecret nuevo).`,
    });
  if (!entry.clientSecret && !current && context.current)
    problems.push({ field: 'clientSecret', message: `Ingrese el ClientSecret de ${label}.` });
  else if (!entry.clientSecret && current && guidOk(entry.clientId) && guidOk(entry.tenantId)) {
    // A secret belongs to one app registration: a new ClientID or tenant needs its own secret.
    const same = (stored: string, typed: string) => stored.toLowerCase() === typed.trim().toLowerCase();
    if (!same(current.clientId, entry.clientId!) || !same(current.tenantId, entry.tenantId!))
      problems.push({
        field: 'clientSecret',
        message: `Cambió el ClientID o el ${TENANT} de ${label}: ingrese también el ClientSecret de esa aplicación.`,
      });
  }
  return problems;
}

/** The full check. Without a context it checks what needs none (formats, required fields, real dates). */
export const assignCredentialsSchemaFor = (context: AssignmentContext = {}) =>
  bodyOf((env) => environmentSchema(env, context), context.updateReasonRequired);
export const assignCredentialsSchema = assignCredentialsSchemaFor();
/** What callers pass (the parsed body, or a test's literal): `mode` may be left out for manual. */
export type AssignCredentialsInput = z.input<typeof assignCredentialsSchema>;
export type AssignCredentialsParsed = z.output<typeof assignCredentialsSchema>;
export type EnvironmentCredentialsInput = AssignCredentialsInput[EnvironmentName];
