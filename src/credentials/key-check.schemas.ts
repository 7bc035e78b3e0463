import * as z from 'zod';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import { guidProblem, scopeProblem, secretProblem } from './key-entry.schemas';

/** «Probar llaves» / «Verificar llaves»: what the person reads (the token itself never leaves the server). */
export type KeyCheckView =
  | {
      environment: EnvironmentName;
      ok: true;
      /** «Las llaves funcionan: el Ministerio emitió un token válido por N minutos para <scope>» */
      message: string;
      lifetimeMinutes: number;
      scope: string;
      audience: string;
      roles: string[];
      rolesMessage: string;
      checkedAt: string;
    }
  | {
      environment: EnvironmentName;
      ok: true;
      /** A certificate-only environment: what the ministry can check (on the application, thumbprint, dates); no token. */
      kind: 'certificate';
      message: string;
      /** That the vendor proves the rest with its first token request (client assertion). */
      rolesMessage: string;
      thumbprintSha1: string;
      notAfter: string;
      checkedAt: string;
    }
  | {
      environment: EnvironmentName;
      ok: false;
      /** The raw Entra ID code (AADSTS…), for the software vendor. */
      code?: string | undefined;
      problem: string;
      action: string;
      /** Entra ID's own `error` and `error_description` (trace and correlation ids included). */
      entraError?: string | undefined;
      entraDescription?: string | undefined;
      checkedAt: string;
    };

/** How a save went with respect to «Verificar llaves», per environment, as the audit records it. */
export const verificationSchema = z.enum(['passed', 'failed-confirmed', 'not-run'], {
  error: 'La verificación debe ser passed, failed-confirmed o not-run.',
});
export type Verification = z.infer<typeof verificationSchema>;

const checked = (problem: (value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

/** What the official typed, checked with the same rules as «Guardar»; an empty ClientSecret means «the one on file». */
export const keyVerificationSchemaFor = (env: EnvironmentName) => {
  const label = environmentLabels[env];
  const text = (name: string) => z.string({ error: `Ingrese el ${name} de ${label}.` }).trim();
  return z.strictObject({
    clientId: text('ClientID')
      .pipe(checked((value) => guidProblem(value, 'ClientID', label)))
      .transform((value) => value.toLowerCase()),
    clientSecret: z
      .string({ error: `El ClientSecret de ${label} debe ser texto.` })
      .optional()
      .transform((value) => (value === '' ? undefined : value))
      .pipe(checked((value) => secretProblem(value, 'ClientSecret', label)).optional()),
    tenantId: text('tenant')
      .pipe(checked((value) => guidProblem(value, 'tenant', label)))
      .transform((value) => value.toLowerCase()),
    scope: text('scope').pipe(checked((value) => scopeProblem(value, label))),
  });
};
export type KeyVerificationInput = z.input<ReturnType<typeof keyVerificationSchemaFor>>;
