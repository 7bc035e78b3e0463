import type { DirectoryRepository } from '../directory/directory.repository';
import { nitCheckDigit } from '../identity/colombian-ids';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { formatBogotaDate, formatBogotaDay, sentence } from '../kernel/bogota-date';
import { requestKinds } from '../key-files/key-file.schemas';

type Deps = {
  keyFiles: KeyFileRepository;
  /** The reminders sent on a day (from the credential schedule's log). */
  remindersOf: (day: string) => Promise<
    {
      nit: string;
      environment: 'preproduction' | 'production';
      expiresOn: string;
      stage: string;
      daysLeft: number;
      credential?: 'secret' | 'certificate';
    }[]
  >;
  directory: DirectoryRepository;
  mailer: Mailer;
  officerEmails: () => Promise<string[]>;
  extraRecipients: string[];
  publicBaseUrl: string;
};

/**
 * Runs in the queue worker: tells the ministry that a provider asked for keys. Carries who asked and how to
 * reach the technical lead; never a secret. Answers undefined when the request is not (yet) in the file,
 * so the event is neither sent nor marked as handled.
 */
const DIGEST_ROWS = 200;

export function createMinistryAlert({ keyFiles, directory, mailer, officerEmails, extraRecipients, publicBaseUrl, remindersOf }: Deps) {
  async function recipients() {
    const to = [...new Set([...(await officerEmails()), ...extraRecipients])];
    if (to.length === 0)
      throw new Error('No hay funcionarios MSPS activos ni MSPS_ALERT_EMAILS: el aviso espera en la cola hasta que haya destinatarios.');
    return to;
  }
  const base = publicBaseUrl.replace(/\/$/, '');

  return {
    /** One e-mail a day with every expiry reminder sent to providers that day, soonest first. */
    async expiryDigest(day: string): Promise<boolean | undefined> {
      const entries = (await remindersOf(day)).sort((a, b) => a.daysLeft - b.daysLeft || a.nit.localeCompare(b.nit));
      if (entries.length === 0) return false;
      const to = await recipients();
      const shown = entries.slice(0, DIGEST_ROWS);
      const names = await Promise.all(
        shown.map((entry) => directory.getProvider(entry.nit).then((provider) => provider?.name ?? `NIT ${entry.nit}`)),
      );
      const expired = entries.filter((entry) => entry.daysLeft < 0).length;
      await mailer.send(
        renderEmail({
          to,
          subject: `Vencimiento de llaves IHCE: ${entries.length} ${entries.length === 1 ? 'aviso' : 'avisos'} del ${formatBogotaDay(day)}`,
          greeting: 'Funcionarios del Ministerio de Salud y Protección Social:',
          paragraphs: [
            `Hoy se avisó a ${entries.length} ${entries.length === 1 ? 'prestador' : 'prestadores'} del vencimiento de sus llaves (${expired} ya vencidas).`,
            ...shown.map((entry, index) => {
              const certificate = entry.credential === 'certificate';
              const env = `${entry.environment === 'preproduction' ? 'Preproducción' : 'Producción'}${certificate ? ' (certificado)' : ''}`;
              const when =
                entry.daysLeft < 0
                  ? `${certificate ? 'vencido' : 'vencidas'} desde el ${formatBogotaDay(entry.expiresOn)}`
                  : `${certificate ? 'vence' : 'vencen'} el ${formatBogotaDay(entry.expiresOn)} (en ${entry.daysLeft} ${entry.daysLeft === 1 ? 'día' : 'días'})`;
              return `${names[index]} (NIT ${entry.nit}), ${env}: ${when}.`;
            }),
            ...(entries.length > shown.length
              ? [`Y ${entries.length - shown.length} más: véalos en «Actualizar Token», filtro «Por vencer» o «Vencidas».`]
              : []),
          ],
          action: { label: 'Ver llaves por vencer', url: `${base}/funcionario/actualizar?filtro=por-vencer` },
        }),
      );
      return true;
    },

    async send(nit: string, requestId: string): Promise<boolean | undefined> {
      const [request, provider] = await Promise.all([keyFiles.getRequest(nit, requestId), directory.getProvider(nit)]);
      if (!request) return undefined;
      const to = await recipients();
      const name = provider?.name ?? `NIT ${nit}`;
      const kind = requestKinds[request.kind];
      const codes =
        provider?.sites.map((site) => `${site.habilitationCode} (${site.municipality}, ${site.department})`).join('; ') ??
        'sin datos en el directorio';
      await mailer.send(
        renderEmail({
          to,
          subject: `Nueva solicitud de llaves IHCE – radicado ${request.radicado ?? 'sin radicado'}: ${name} (NIT ${nit})`,
          greeting: 'Funcionarios del Ministerio de Salud y Protección Social:',
          paragraphs: [
            `${name} (NIT ${nit}-${nitCheckDigit(nit)}) registró una ${kind.button} el ${sentence(formatBogotaDate(request.createdAt))} Estado: «${kind.statusLabel}».`,
            `Número de radicado: ${request.radicado ?? 'sin radicado'}.`,
            `Códigos de habilitación: ${codes}.`,
            `Proveedor tecnológico: ${request.techVendorName}. Software: ${request.softwareName}.`,
            `Líder técnico de la implementación: ${request.techLead.name}, ${request.techLead.email}, ${request.techLead.phone}.`,
            ...(request.reason ? [`Motivo de la resolicitud: ${request.reason}`] : []),
            'Ingrese a «Asignar Token» para registrar las llaves de preproducción y producción.',
          ],
          action: { label: 'Ver la solicitud', url: `${base}/funcionario/prestadores/${nit}` },
        }),
      );
      return true;
    },
  };
}
export type MinistryAlert = ReturnType<typeof createMinistryAlert>;
