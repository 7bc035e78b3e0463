import * as z from 'zod';

/** Default of MAIL_THROTTLE_MAX_HOURS: 7 days, time enough to drain 500 notices at 10 an hour (~50 h) and more. */
export const DEFAULT_MAIL_THROTTLE_MAX_HOURS = 168;

/**
 * Sending e-mail under the mail service's limits. While the mail service asks to wait (ACS 429 with Retry-After),
 * a notice goes back to the queue hidden for that time and is tried again, for as long as its event is younger
 * than MAIL_THROTTLE_MAX_HOURS (from its `occurredAt`); older, the error is thrown and the message ends in
 * notifications-poison after its tries, where the ops alert sees it.
 */
export const mailSettings = {
  MAIL_THROTTLE_MAX_HOURS: z.coerce
    .number()
    .int('debe ser un número entero de horas')
    .min(1, 'mínimo 1 hora')
    .max(720, 'máximo 720 horas (30 días)')
    .default(DEFAULT_MAIL_THROTTLE_MAX_HOURS),
};
