import * as z from 'zod';

/** «Código de verificación»: the six digits the authenticator app shows (spaces typed from the app are dropped). */
export const totpCodeSchema = z.strictObject({
  code: z
    .string({ error: 'Ingrese el código de verificación.' })
    .max(20, 'El código de verificación tiene 6 dígitos.')
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'El código de verificación tiene 6 dígitos.')),
});

const base64url = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]*$/);
/** What the browser's WebAuthn call answers, as @simplewebauthn/browser serialises it; the library checks the rest. */
export const passkeyAnswerSchema = z.strictObject({
  response: z.looseObject({
    id: base64url,
    rawId: base64url,
    type: z.literal('public-key'),
    response: z.looseObject({ clientDataJSON: base64url }),
    clientExtensionResults: z.looseObject({}),
  }),
});

export type SecondFactorStatus = {
  /** The session still waits for its second factor (an official right after the password). */
  pending: boolean;
  /** `enrol`: no factor yet, choose one; `verify`: use one of `methods`. */
  step: 'enrol' | 'verify';
  methods: { totp: boolean; passkey: boolean };
};
export type TotpSetup = { key: string; qr: string };

/** Restablecer segundo factor (an official, for a person who lost it): why, for the audit trail. */
export const factorResetSchema = z.strictObject({
  reason: z
    .string({ error: 'Escriba el motivo del restablecimiento.' })
    .trim()
    .min(10, 'Escriba el motivo del restablecimiento (al menos 10 caracteres).')
    .max(500, 'El motivo puede tener hasta 500 caracteres.'),
});
