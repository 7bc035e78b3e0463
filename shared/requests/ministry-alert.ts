import type { DirectoryRepository } from '../directory/directory.repository';
import { nitCheckDigit } from '../identity/colombian-ids';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';
import type { KeyFileRepository } from './key-file.repository';
import { formatBogotaDate } from './request-rules';
import { requestKinds } from './requests.schemas';

type Deps = {
  keyFiles: KeyFileRepository;
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
export function createMinistryAlert({ keyFiles, directory, mailer, officerEmails, extraRecipients, publicBaseUrl }: Deps) {
  return {
    async send(nit: string, requestId: string): Promise<boolean | undefined> {
      const [request, provider] = await Promise.all([keyFiles.getRequest(nit, requestId), directory.getProvider(nit)]);
      if (!request) return undefined;
      const recipients = [...new Set([...(await officerEmails()), ...extraRecipients])];
      if (recipients.length === 0) {
        throw new Error('No hay funcionarios MSPS activos ni MSPS_ALERT_EMAILS: la alerta espera en la cola hasta que haya destinatarios.');
      }
      const name = provider?.name ?? `NIT ${nit}`;
      const kind = requestKinds[request.kind];
      const codes = provider?.sites.map((site) => `${site.habilitationCode} (${site.municipality}, ${site.department})`).join('; ') ?? 'sin datos en el directorio';
      await mailer.send(
        renderEmail({
          to: recipients,
          subject: `Nueva solicitud de llaves IHCE: ${name} (NIT ${nit})`,
          greeting: 'Funcionarios del Ministerio de Salud y Protección Social:',
          paragraphs: [
            `${name} (NIT ${nit}-${nitCheckDigit(nit)}) registró una ${kind.button} el ${formatBogotaDate(request.createdAt)}. Estado: «${kind.statusLabel}».`,
            `Códigos de habilitación: ${codes}.`,
            `Proveedor tecnológico: ${request.techVendorName}. Software: ${request.softwareName}.`,
            `Líder técnico de la implementación: ${request.techLead.name}, ${request.techLead.email}, ${request.techLead.phone}.`,
            ...(request.reason ? [`Motivo de la resolicitud: ${request.reason}`] : []),
            'Ingrese a «Asignar Token» para registrar las llaves de preproducción y producción.',
          ],
          action: { label: 'Ver la solicitud', url: `${publicBaseUrl.replace(/\/$/, '')}/funcionario/prestadores/${nit}` },
        }),
      );
      return true;
    },
  };
}
export type MinistryAlert = ReturnType<typeof createMinistryAlert>;
