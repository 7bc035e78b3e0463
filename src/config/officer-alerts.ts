import * as z from 'zod';

/** Default of OFFICER_ALERT_DIGEST_HOURS: the start of the ministry's office day and after its midday break (Bogotá). */
export const DEFAULT_OFFICER_ALERT_DIGEST_HOURS = '8,13';

const hour = z
  .number('cada hora debe ser un número (0 a 23)')
  .int('cada hora debe ser un número entero')
  .min(0, 'horas de 0 a 23')
  .max(23, 'horas de 0 a 23');

/**
 * How the officials hear of new key requests. `each` (default): one e-mail per request to every active official
 * and MSPS_ALERT_EMAILS, as the queue worker handles it. `digest`: no e-mail per request; at each hour of
 * OFFICER_ALERT_DIGEST_HOURS (Bogotá time) one summary of the requests received since the previous one, none
 * when there were none. The guide asks for neither: officials see «Asignar Token (N)» in their menu.
 */
export const officerAlertSettings = {
  OFFICER_ALERT_MODE: z
    .enum(['each', 'digest'], 'debe ser each (un correo por solicitud) o digest (resumen a horas fijas)')
    .default('each'),
  OFFICER_ALERT_DIGEST_HOURS: z
    .string()
    .optional()
    .transform((value) =>
      (value?.trim() ? value : DEFAULT_OFFICER_ALERT_DIGEST_HOURS)
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean)
        .map((entry) => (/^\d{1,2}$/.test(entry) ? Number(entry) : Number.NaN)),
    )
    .pipe(z.array(hour).min(1, 'al menos una hora (0 a 23, hora de Colombia)'))
    .transform((hours) => [...new Set(hours)].sort((a, b) => a - b)),
};
