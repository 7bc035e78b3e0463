import type { Clock } from '../platform/clock';
import { queueNames, type Storage } from '../platform/storage/storage';

/**
 * What the operations probe found, each as the line an alert rule in infra/app/monitoring.bicep looks for:
 * a fixed marker first (`IHCE-…`), then Spanish text for whoever reads the alert.
 */
export type ProbeFinding = { level: 'error' | 'warning'; message: string };

/** Notifications waiting longer than this are late (the ministry's alert and the delegates' e-mails). */
export const NOTIFICATION_MAX_AGE_MINUTES = 15;

/**
 * Looks at the queues without taking anything: how many messages sit in each poison queue (the platform put
 * them there after the last retry) and how long the oldest visible notification has waited.
 */
export function createQueueProbe(deps: { storage: Pick<Storage, 'queueOf' | 'queueName'>; clock: Clock }) {
  const { storage, clock } = deps;

  async function poisoned(): Promise<ProbeFinding[]> {
    const findings: ProbeFinding[] = [];
    for (const name of queueNames) {
      const poison = storage.queueOf(`${name}-poison`);
      const count = await poison.count();
      if (count > 0) {
        findings.push({
          level: 'error',
          message: `IHCE-COLA-ENVENENADA: ${poison.name} tiene ${count} mensaje(s) que fallaron todos los reintentos; revíselos y reenvíelos con npm run queue:replay.`,
        });
      }
    }
    return findings;
  }

  async function late(): Promise<ProbeFinding[]> {
    const queue = storage.queueOf('notifications');
    const inserted = (await queue.peek(32)).flatMap((message) => (message.insertedOn ? [message.insertedOn.getTime()] : []));
    if (inserted.length === 0) return [];
    const minutes = Math.floor((clock.now().getTime() - Math.min(...inserted)) / 60_000);
    if (minutes <= NOTIFICATION_MAX_AGE_MINUTES) return [];
    return [
      {
        level: 'warning',
        message: `IHCE-COLA-ATRASADA: el mensaje más antiguo de ${queue.name} lleva ${minutes} minutos esperando (máximo ${NOTIFICATION_MAX_AGE_MINUTES}); el envío de correos está detenido o limitado.`,
      },
    ];
  }

  return {
    async run(): Promise<ProbeFinding[]> {
      return [...(await poisoned()), ...(await late())];
    },
  };
}
export type QueueProbe = ReturnType<typeof createQueueProbe>;
