import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mailSettings } from '../../src/config/mail';
import { allowedDrainSeconds, simulateDrain, type Limit } from './mail-drain-model';

/** ACS e-mail limits (README «Dominio de correo», learn.microsoft.com service-limits#email, 2026-11-28). */
const DOMAINS: { key: string; label: string; limits: Limit[] }[] = [
  {
    key: 'azure',
    label: 'dominio de Azure (5/min, 10/h)',
    limits: [
      { perWindow: 5, windowSeconds: 60 },
      { perWindow: 10, windowSeconds: 3600 },
    ],
  },
  {
    key: 'propio',
    label: 'dominio propio (30/min, 100/h)',
    limits: [
      { perWindow: 30, windowSeconds: 60 },
      { perWindow: 100, windowSeconds: 3600 },
    ],
  },
];

const hours = (seconds: number) => `${(seconds / 3600).toFixed(1)} h`;

/**
 * 500 notifications queued at once, drained against each domain's limits on a simulated clock (see
 * mail-drain-model.ts for why and how), with the dispatcher's and host.json's retry rules. Target: none
 * poisoned; the floor is the time the limits allow (the slowest window, whole windows).
 */
export function reportMailDrain(options: {
  root: string;
  total: number;
  verdict: (ok: boolean, what: string) => string;
  figure: (key: string, label: string, value: number, unit: string) => void;
}) {
  const host = JSON.parse(readFileSync(path.join(options.root, 'host.json'), 'utf8')) as {
    extensions?: { queues?: { maxDequeueCount?: number; visibilityTimeout?: string } };
  };
  const [h, m, s] = (host.extensions?.queues?.visibilityTimeout ?? '00:00:30').split(':').map(Number);
  // The product's setting with its range checks and default (MAIL_THROTTLE_MAX_HOURS, src/config/mail.ts).
  const budget = mailSettings.MAIL_THROTTLE_MAX_HOURS.safeParse(process.env.MAIL_THROTTLE_MAX_HOURS);
  if (!budget.success) throw new Error(`MAIL_THROTTLE_MAX_HOURS: ${budget.error.issues[0]?.message}`);
  const budgetHours = budget.data;
  const rules = {
    throttleBudgetSeconds: budgetHours * 3600,
    maxDequeueCount: host.extensions?.queues?.maxDequeueCount ?? 5,
    visibilitySeconds: h! * 3600 + m! * 60 + s!,
  };
  console.log(
    `\nCorreo bajo límite (${options.total} avisos en cola a la vez, reloj simulado; reglas: el aviso frenado se reintenta mientras tenga menos de ${budgetHours} h (MAIL_THROTTLE_MAX_HOURS), luego ${rules.maxDequeueCount} intentos cada ${rules.visibilitySeconds} s y notifications-poison):`,
  );
  for (const domain of DOMAINS) {
    const result = simulateDrain(options.total, domain.limits, rules);
    const floor = allowedDrainSeconds(options.total, domain.limits);
    options.figure(
      `correo.${domain.key}.vaciado.h`,
      `Correo bajo límite, ${domain.label}: tiempo de vaciado`,
      result.drainSeconds / 3600,
      'h',
    );
    options.figure(
      `correo.${domain.key}.envenenados`,
      `Correo bajo límite, ${domain.label}: en notifications-poison`,
      result.poisoned,
      'avisos',
    );
    console.log(
      `  ${domain.label}: ${result.sent} enviados, ${result.poisoned} en notifications-poison; vaciado en ${hours(result.drainSeconds)} (piso: ${hours(floor)} que permiten los límites); ${result.throttles} respuestas 429, hasta ${result.maxThrottledOfOne} frenos seguidos de un mismo aviso. Meta: ninguno envenenado ${options.verdict(result.poisoned === 0, `correo bajo límite, ${domain.label}: ${result.poisoned} de ${options.total} avisos terminan en notifications-poison (siguen frenados pasadas ${budgetHours} h desde su creación)`)}`,
    );
  }
}
