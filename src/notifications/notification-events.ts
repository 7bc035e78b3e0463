import * as z from 'zod';

/** Events that end in an e-mail. They carry identifiers only: the worker reads the rest when it sends. */
export const notificationEventSchema = z.discriminatedUnion('type', [
  z.object({ id: z.uuid(), type: z.literal('account.activation-requested'), username: z.string(), occurredAt: z.iso.datetime() }),
  z.object({ id: z.uuid(), type: z.literal('account.password-reset-requested'), username: z.string(), occurredAt: z.iso.datetime() }),
  /** The wrong password that began the account's first wait of a streak: the holder is told (until when, how to undo it). */
  z.object({
    id: z.uuid(),
    type: z.literal('account.locked'),
    username: z.string(),
    lockedUntil: z.iso.datetime(),
    occurredAt: z.iso.datetime(),
  }),
  /** A password set through a reset link (activation excluded): the holder is told, in case it was not them. */
  z.object({
    id: z.uuid(),
    type: z.literal('account.password-changed'),
    username: z.string(),
    changedAt: z.iso.datetime(),
    occurredAt: z.iso.datetime(),
  }),
  /** «¿Olvidó su usuario?»: recorded whether or not an account exists; the worker finds what (if anything) to send. */
  z.object({
    id: z.uuid(),
    type: z.literal('account.username-requested'),
    idType: z.string(),
    idNumber: z.string(),
    occurredAt: z.iso.datetime(),
  }),
  /** An official removed the person's second factors (lost phone or passkey): the person is told at once. */
  z.object({ id: z.uuid(), type: z.literal('account.second-factor-reset'), username: z.string(), occurredAt: z.iso.datetime() }),
  /** A directory import started from the web ended (imported or not): the official who started it gets the summary. */
  z.object({ id: z.uuid(), type: z.literal('directory.import-finished'), uploadId: z.uuid(), occurredAt: z.iso.datetime() }),
  z.object({ id: z.uuid(), type: z.literal('request.submitted'), nit: z.string(), requestId: z.string(), occurredAt: z.iso.datetime() }),
  /** The acknowledgement (acuse de recibo) to the delegate who asked and the technical lead: radicado and next steps. */
  z.object({ id: z.uuid(), type: z.literal('request.received'), nit: z.string(), requestId: z.string(), occurredAt: z.iso.datetime() }),
  /** PREPRODUCTION_AUTO_ISSUE: the queue worker generates the request's pre-production keys in Entra ID (never production). */
  z.object({ id: z.uuid(), type: z.literal('request.auto-issue'), nit: z.string(), requestId: z.string(), occurredAt: z.iso.datetime() }),
  z.object({ id: z.uuid(), type: z.literal('request.rejected'), nit: z.string(), requestId: z.string(), occurredAt: z.iso.datetime() }),
  z.object({
    id: z.uuid(),
    type: z.literal('credentials.assigned'),
    nit: z.string(),
    change: z.enum(['assigned', 'updated']),
    assignmentId: z.string(),
    requestId: z.string().optional(),
    replacedSecrets: z.array(z.enum(['preproduction', 'production'])),
    /** Of those, the ones the official revoked at once («Revocar de inmediato»): they stopped working on saving. */
    revokedSecrets: z.array(z.enum(['preproduction', 'production'])).optional(),
    /** Pre-production issued by the system (PREPRODUCTION_AUTO_ISSUE), not by an official: the e-mail says so. */
    automatic: z.literal(true).optional(),
    occurredAt: z.iso.datetime(),
  }),
  z.object({
    id: z.uuid(),
    type: z.literal('credentials.expiring'),
    nit: z.string(),
    environment: z.enum(['preproduction', 'production']),
    expiresOn: z.iso.date(),
    stage: z.union([z.literal(60), z.literal(30), z.literal(15), z.literal(7), z.literal(1), z.literal('expired')]),
    daysLeft: z.number().int(),
    occurredAt: z.iso.datetime(),
  }),
  /** The same reminders for an environment's certificate (its end date, its SHA-256 thumbprint): upload a new one in time. */
  z.object({
    id: z.uuid(),
    type: z.literal('certificate.expiring'),
    nit: z.string(),
    environment: z.enum(['preproduction', 'production']),
    expiresOn: z.iso.date(),
    thumbprintSha256: z.string(),
    stage: z.union([z.literal(60), z.literal(30), z.literal(15), z.literal(7), z.literal(1), z.literal('expired')]),
    daysLeft: z.number().int(),
    occurredAt: z.iso.datetime(),
  }),
  /** An official's reveals were blocked after a burst: the security mailbox is told (who, when, how many providers; never a secret). */
  z.object({
    id: z.uuid(),
    type: z.literal('officer.reveals-blocked'),
    username: z.string(),
    blockedAt: z.iso.datetime(),
    providers: z.number().int(),
    occurredAt: z.iso.datetime(),
  }),
  /** OFFICER_ALERT_MODE=digest: the officials' summary of the requests received in `[from, to)` (one per window). */
  z.object({
    id: z.uuid(),
    type: z.literal('requests.officer-digest'),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    occurredAt: z.iso.datetime(),
  }),
  /** The ministry's daily summary of the reminders sent that day (one e-mail, not one per provider). */
  z.object({ id: z.uuid(), type: z.literal('credentials.expiry-digest'), day: z.iso.date(), occurredAt: z.iso.datetime() }),
]);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;
export type NotificationEventInput = DistributiveOmit<NotificationEvent, 'id' | 'occurredAt'>;

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
