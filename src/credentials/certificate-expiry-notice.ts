import type { DirectoryRepository } from '../directory/directory.repository';
import { formatBogotaDate } from '../kernel/bogota-date';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';
import type { SupportContact } from '../notifications/support-contact';
import { createExpiryCheck, shortThumbprint, type CurrentCertificate } from './certificate-expiry';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import { stageLabel, type ReminderStage } from './expiry-calendar';

type Deps = {
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  mailer: Mailer;
  currentCertificate: CurrentCertificate;
  publicBaseUrl: string;
  support: SupportContact;
};

/** «El certificado vence en N días»: the certificate's reminder, at the same stages as the secret's (credential-lifecycle). */
export function createCertificateExpiryNotice({ keyFiles, directory, mailer, currentCertificate, publicBaseUrl, support }: Deps) {
  const check = createExpiryCheck({ keyFiles, currentCertificate });
  const link = { label: 'Cargar un certificado nuevo', url: `${publicBaseUrl.replace(/\/$/, '')}/` };

  /** The provider's delegates and the technical lead of its latest assigned request, as for the secret's reminder. */
  async function recipientsOf(nit: string) {
    const [delegates, requests, provider] = await Promise.all([
      directory.delegatesOf(nit),
      keyFiles.listRequests(nit, 10),
      directory.getProvider(nit),
    ]);
    const lead = requests.find((request) => request.status === 'assigned')?.techLead.email;
    return { to: [...new Set([...delegates.map((d) => d.email), ...(lead ? [lead] : [])])], providerName: provider?.name ?? `NIT ${nit}` };
  }

  return {
    async certificateExpiring(event: {
      nit: string;
      environment: EnvironmentName;
      expiresOn: string;
      thumbprintSha256: string;
      stage: ReminderStage;
      daysLeft: number;
    }): Promise<boolean | undefined> {
      // Replaced (or its end date changed) since the reminder was queued: the new certificate has reminders of its own.
      const record = await check.certificateOf({ ...event, credential: 'certificate' });
      if (!record) return false;
      const { to, providerName } = await recipientsOf(event.nit);
      if (to.length === 0) return false;
      const label = environmentLabels[event.environment];
      const expired = event.stage === 'expired';
      const ends = formatBogotaDate(record.notAfter);
      const which = `el certificado «${record.subject}» (huella digital SHA-256 ${shortThumbprint(record.thumbprintSha256)})`;
      await mailer.send(
        renderEmail({
          support,
          to,
          subject: expired
            ? `Certificado IHCE de ${label} vencido: ${providerName}`
            : `Certificado IHCE de ${label} ${stageLabel(event.stage, event.daysLeft).replace(/^vencen/, 'vence')}: ${providerName}`,
          greeting: 'Delegado Administrativo y líder técnico:',
          paragraphs: [
            expired
              ? `En ${label}, ${which} de ${providerName} (NIT ${event.nit}) venció el ${ends} (hora de Bogotá). El Sistema de Información Hospitalario ya no puede obtener tokens de IHCE con ese certificado.`
              : `En ${label}, ${which} de ${providerName} (NIT ${event.nit}) vence el ${ends} (hora de Bogotá).`,
            expired
              ? 'Pida al proveedor tecnológico un certificado nuevo y cárguelo en «Paso 2 – Visualización de las llaves» (o envíele un enlace de un solo uso para que lo cargue él).'
              : 'Antes de esa fecha, pida al proveedor tecnológico un certificado nuevo y cárguelo en «Paso 2 – Visualización de las llaves» (o envíele un enlace de un solo uso para que lo cargue él). El certificado actual sigue funcionando hasta que vence, así que el cambio no corta el servicio: el proveedor pasa a firmar con la llave nueva cuando quede registrada.',
            'La llave privada nunca se envía al Ministerio: solo se carga el certificado público (.cer, .crt o .pem).',
          ],
          action: link,
        }),
      );
      return true;
    },
  };
}
export type CertificateExpiryNotice = ReturnType<typeof createCertificateExpiryNotice>;
