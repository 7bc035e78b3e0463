import type { Clock } from '../platform/clock';
import { formatBogotaDate, sentence } from '../kernel/bogota-date';
import { requestKinds } from '../key-files/key-file.schemas';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';
import type { SupportContact } from '../notifications/support-contact';
import type { PendingEntry, PendingQueue } from './pending-queue';

type Deps = {
  pendingQueue: Pick<PendingQueue, 'receivedBetween'>;
  /** Whether the row's request is still the provider's pending one (the queue may hold stale rows). */
  stillPending: (entry: PendingEntry) => Promise<boolean>;
  mailer: Mailer;
  officerEmails: () => Promise<string[]>;
  extraRecipients: string[];
  /** OFFICER_ALERT_DIGEST_HOURS, for the footnote that says when the summary comes. */
  hours: readonly number[];
  publicBaseUrl: string;
  support: SupportContact;
  clock: Clock;
};

const HOUR_MS = 3_600_000;
const NO_DEPARTMENT = 'Sin departamento en el directorio';
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const hourLabel = (hour: number) => `${hour % 12 === 0 ? 12 : hour % 12}:00 ${hour < 12 ? 'a. m.' : 'p. m.'}`;
const listOf = new Intl.ListFormat('es', { type: 'conjunction' });

/** «a las 8:00 a. m., a la 1:00 p. m. y a las 5:00 p. m.»: «a la» for the one o'clock hours, the list joined as Spanish joins it. */
export const digestHoursPhrase = (hours: readonly number[]) =>
  listOf.format(hours.map((hour) => `${hour % 12 === 1 ? 'a la' : 'a las'} ${hourLabel(hour)}`));

/** «Antioquia: 2; Bogotá D.C.: 1»: the groups by name (es-CO order), each with its count. */
function tally(entries: PendingEntry[], labelOf: (entry: PendingEntry) => string): string {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(labelOf(entry), (counts.get(labelOf(entry)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'es'))
    .map(([label, count]) => `${label}: ${count}`)
    .join('; ');
}

/**
 * The queue worker's side of OFFICER_ALERT_MODE=digest: one e-mail to every active official (and MSPS_ALERT_EMAILS)
 * with the requests of the window still waiting: how many, by kind and department, and the oldest one waiting.
 * Identifiers and counts only, never a secret. Nothing is sent when every request of the window was already handled.
 */
export function createOfficerDigestEmail({
  pendingQueue,
  stillPending,
  mailer,
  officerEmails,
  extraRecipients,
  hours,
  publicBaseUrl,
  support,
  clock,
}: Deps) {
  const base = publicBaseUrl.replace(/\/$/, '');
  return async (fromIso: string, toIso: string): Promise<boolean> => {
    const from = new Date(fromIso);
    const to = new Date(toIso);
    const { entries, capped, oldest } = await pendingQueue.receivedBetween(from, to, stillPending);
    if (entries.length === 0) return false;
    const recipients = [...new Set([...(await officerEmails()), ...extraRecipients])];
    if (recipients.length === 0)
      throw new Error('No hay funcionarios MSPS activos ni MSPS_ALERT_EMAILS: el resumen espera en la cola hasta que haya destinatarios.');
    const count = `${capped ? 'Más de ' : ''}${plural(entries.length, 'solicitud nueva', 'solicitudes nuevas')}`;
    const hoursWaiting = oldest && Math.max(0, Math.floor((clock.now().getTime() - oldest.since.getTime()) / HOUR_MS));
    const waiting =
      hoursWaiting === undefined
        ? undefined
        : hoursWaiting === 0
          ? 'lleva menos de una hora esperando'
          : `lleva ${hoursWaiting < 24 ? plural(hoursWaiting, 'hora', 'horas') : plural(Math.floor(hoursWaiting / 24), 'día', 'días')} esperando`;
    await mailer.send(
      renderEmail({
        to: recipients,
        subject: `Resumen de solicitudes de llaves IHCE: ${count.toLowerCase()} hasta el ${formatBogotaDate(to)}`,
        greeting: 'Funcionarios del Ministerio de Salud y Protección Social:',
        paragraphs: [
          `Entre el ${formatBogotaDate(from)} y el ${formatBogotaDate(to)} los prestadores registraron ${count.toLowerCase()} que ${entries.length === 1 ? 'sigue' : 'siguen'} en espera.`,
          `Por tipo: ${tally(entries, (entry) => (entry.kind ? requestKinds[entry.kind].button : 'Sin tipo registrado'))}.`,
          `Por departamento: ${tally(entries, (entry) => entry.department ?? NO_DEPARTMENT)}.`,
          ...(oldest && waiting !== undefined
            ? [
                sentence(
                  `La solicitud más antigua en espera es la del radicado ${oldest.radicado ?? 'sin radicado'} (NIT ${oldest.nit}), registrada el ${formatBogotaDate(oldest.since)}: ${waiting}`,
                ),
              ]
            : []),
          'Ingrese a «Asignar Token» para registrar las llaves de preproducción y producción.',
        ],
        action: { label: 'Ir a Asignar Token', url: `${base}/funcionario/asignar` },
        footnote: `Este resumen reemplaza el aviso por cada solicitud. Llega ${digestHoursPhrase(hours)} (hora de Colombia), solo cuando hay solicitudes nuevas.`,
        support,
      }),
    );
    return true;
  };
}
export type OfficerDigestEmail = ReturnType<typeof createOfficerDigestEmail>;
