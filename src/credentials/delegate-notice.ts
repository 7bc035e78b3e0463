import type { DirectoryRepository } from '../directory/directory.repository';
import { renderEmail } from '../notifications/email-layout';
import type { SupportContact } from '../notifications/support-contact';
import { formatBogotaDate, formatBogotaDay, sentence } from '../kernel/bogota-date';
import type { Mailer } from '../notifications/mailer.port';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { KeyRequest, PreviousSecret } from '../key-files/key-file';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import { stageLabel, type ReminderStage } from './expiry-calendar';

/** What an environment accepts and the provider's certificate there (absent: secrets only). */
export type NoticeCertificates = {
  credentialTypeOf(env: EnvironmentName): 'certificate' | 'secret' | 'either';
  current(nit: string, env: EnvironmentName): Promise<{ thumbprintSha1: string; registration: 'entra' | 'pending' | 'manual' } | undefined>;
};
type Deps = {
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  mailer: Mailer;
  publicBaseUrl: string;
  support: SupportContact;
  certificates?: NoticeCertificates | undefined;
};

/**
 * Runs in the queue worker: tells the provider's delegates and the technical lead of its latest request
 * what the ministry did. What changed, never the secret: they read it in Paso 2.
 */
export function createDelegateNotice({ keyFiles, directory, mailer, publicBaseUrl, support, certificates }: Deps) {
  const certificateOnly = (env: EnvironmentName) => certificates?.credentialTypeOf(env) === 'certificate';

  /** A certificate-only environment: no ClientSecret is issued, so the line says what the delegate must do instead. */
  async function certificateLine(nit: string, env: EnvironmentName, replaced: PreviousSecret | undefined, revoked: boolean) {
    const label = environmentLabels[env];
    const certificate = await certificates!.current(nit, env);
    const state = !certificate
      ? ` ${label} acepta solo certificado: el Ministerio no emite ClientSecret. Cargue el certificado público (.cer) de ${label} en «Paso 2 – Visualización de las llaves», sección «Certificados (autenticación sin secreto)», o envíe al proveedor tecnológico el enlace para cargarlo; hasta entonces el sistema no puede obtener tokens en ${label}.`
      : certificate.registration === 'pending'
        ? ` ${label} acepta solo certificado: el certificado cargado (huella SHA-1 ${certificate.thumbprintSha1}) está pendiente de registro por el Ministerio en Microsoft Entra ID.`
        : ` ${label} acepta solo certificado: se usa el certificado cargado (huella SHA-1 ${certificate.thumbprintSha1}), ya registrado en la aplicación; la llave privada queda solo con el proveedor tecnológico.`;
    const previous = !replaced
      ? ''
      : revoked
        ? ` El ClientSecret anterior fue revocado y dejó de funcionar el ${formatBogotaDate(replaced.replacedAt)}.`
        : replaced.validUntil
          ? ` El ClientSecret anterior seguirá funcionando hasta el ${formatBogotaDate(replaced.validUntil)} y después se retira: cambie la configuración al certificado antes de esa fecha.`
          : '';
    return state + previous;
  }

  /** The provider's delegates, plus the technical lead of the request that was assigned (never of a rejected one). */
  async function recipientsOf(nit: string, assignedRequestId?: string | 'latest-assigned') {
    const [delegates, request, provider] = await Promise.all([
      directory.delegatesOf(nit),
      assignedRequestId === 'latest-assigned'
        ? keyFiles.listRequests(nit, 10).then((requests) => requests.find((item) => item.status === 'assigned'))
        : assignedRequestId
          ? keyFiles.getRequest(nit, assignedRequestId)
          : Promise.resolve(undefined),
      directory.getProvider(nit),
    ]);
    const to = [...new Set([...delegates.map((d) => d.email), ...(request ? [request.techLead.email] : [])])];
    return { to, providerName: provider?.name ?? `NIT ${nit}`, request };
  }
  const base = publicBaseUrl.replace(/\/$/, '');
  const link = { label: 'Ver las llaves', url: `${base}/` };
  /** A rejection leaves no keys to see: the button opens the delegate's request history. */
  const requestLink = { label: 'Ver la solicitud', url: `${base}/#historial` };

  return {
    async credentialsAssigned(event: {
      nit: string;
      change: 'assigned' | 'updated';
      assignmentId: string;
      requestId?: string | undefined;
      replacedSecrets: EnvironmentName[];
      revokedSecrets?: EnvironmentName[] | undefined;
      automatic?: true | undefined;
    }): Promise<boolean | undefined> {
      const { nit, change, replacedSecrets } = event;
      const file = await keyFiles.getFile(nit);
      // The save this event announces never landed (it lost to another official, say): nothing to tell.
      if (file.lastAssignmentId !== event.assignmentId) return undefined;
      const { to, providerName, request } = await recipientsOf(nit, event.requestId);
      const numbered = request?.radicado ? ` – radicado ${request.radicado}` : '';
      if (to.length === 0) return false;
      // Issued by the system: only pre-production is news, production still waits for an official.
      const listed = (event.automatic ? (['preproduction'] as const) : (['preproduction', 'production'] as const)).filter(
        (env) => file.environments[env],
      );
      const lines = await Promise.all(
        listed.map(async (env) => {
          const credentials = file.environments[env]!;
          const previous = credentials.previousSecrets[0];
          // Revoked at once: its overlap ended when it was replaced (events queued before `revokedSecrets` tell it that way).
          const revoked =
            event.revokedSecrets?.includes(env) || (previous?.validUntil !== undefined && previous.validUntil <= previous.replacedAt);
          const replaced = replacedSecrets.includes(env) ? previous : undefined;
          const secret = certificateOnly(env)
            ? await certificateLine(nit, env, replaced, revoked)
            : !replacedSecrets.includes(env)
              ? ''
              : revoked && previous
                ? ` El ClientSecret es nuevo; el anterior fue revocado y dejó de funcionar el ${formatBogotaDate(previous.replacedAt)}: configure el nuevo cuanto antes.`
                : previous?.validUntil
                  ? ` El ClientSecret es nuevo; el anterior seguirá funcionando hasta el ${formatBogotaDate(previous.validUntil)}: cambie la configuración antes de esa fecha.`
                  : ' El ClientSecret es nuevo: el anterior dejará de funcionar.';
          return `${environmentLabels[env]}: ClientID ${credentials.clientId}, vence el ${formatBogotaDay(credentials.expiresOn)}.${secret}`;
        }),
      );
      await mailer.send(
        renderEmail({
          support,
          to,
          subject: event.automatic
            ? `Llaves de acceso IHCE de Preproducción asignadas automáticamente${numbered}: ${providerName}`
            : change === 'assigned'
              ? `Llaves de acceso IHCE asignadas${numbered}: ${providerName}`
              : `Llaves de acceso IHCE actualizadas${numbered}: ${providerName}`,
          greeting: 'Delegado Administrativo y líder técnico:',
          paragraphs: [
            ...(event.automatic
              ? automaticLines(providerName, nit)
              : [
                  change === 'assigned'
                    ? `El Ministerio de Salud y Protección Social asignó las llaves de acceso de ${providerName} (NIT ${nit}). Estado: «Se ha asignado token».`
                    : `El Ministerio de Salud y Protección Social actualizó las llaves de acceso de ${providerName} (NIT ${nit}).`,
                ]),
            ...(request ? [radicadoLine(request)] : []),
            ...lines,
            listed.length > 0 && listed.every(certificateOnly)
              ? 'Estas llaves no llevan ClientSecret: el Sistema de Información Hospitalario se autentica con su certificado (aserción de cliente firmada con la llave privada, que nunca sale del proveedor tecnológico). El Delegado Administrativo ve los datos en «Paso 2 – Visualización de las llaves» y puede descargar la configuración, con las instrucciones de la aserción, para el proveedor tecnológico.'
              : 'Por seguridad este correo no incluye el ClientSecret. El Delegado Administrativo lo ve en «Paso 2 – Visualización de las llaves» y puede descargar la configuración para el proveedor tecnológico.',
          ],
          action: link,
        }),
      );
      return true;
    },

    /** «Sus llaves vencen en N días» (or expired): what to do, never the secret. */
    async credentialsExpiring(event: {
      nit: string;
      environment: EnvironmentName;
      expiresOn: string;
      stage: ReminderStage;
      daysLeft: number;
    }): Promise<boolean | undefined> {
      const credentials = (await keyFiles.getFile(event.nit)).environments[event.environment];
      // Renewed since the reminder was scheduled: nothing to warn about.
      if (!credentials || credentials.expiresOn !== event.expiresOn) return false;
      const { to, providerName } = await recipientsOf(event.nit, 'latest-assigned');
      if (to.length === 0) return false;
      const label = environmentLabels[event.environment];
      const expired = event.stage === 'expired';
      await mailer.send(
        renderEmail({
          support,
          to,
          subject: expired
            ? `Llaves IHCE de ${label} vencidas: ${providerName}`
            : `Llaves IHCE de ${label} ${stageLabel(event.stage, event.daysLeft)}: ${providerName}`,
          greeting: 'Delegado Administrativo y líder técnico:',
          paragraphs: [
            expired
              ? `Las llaves de acceso de ${label} de ${providerName} (NIT ${event.nit}) vencieron el ${formatBogotaDay(event.expiresOn)}. El Sistema de Información Hospitalario ya no puede obtener tokens de IHCE en ese ambiente.`
              : `Las llaves de acceso de ${label} de ${providerName} (NIT ${event.nit}) vencen el ${formatBogotaDay(event.expiresOn)} (${stageLabel(event.stage, event.daysLeft)}). ClientID: ${credentials.clientId}.`,
            'Para renovarlas, ingrese al sistema y use «Resolicitud Token» indicando el motivo; el Ministerio asignará llaves nuevas y las anteriores seguirán funcionando unos días mientras cambia la configuración.',
          ],
          action: link,
        }),
      );
      return true;
    },

    async requestRejected(nit: string, requestId: string): Promise<boolean | undefined> {
      const request = await keyFiles.getRequest(nit, requestId);
      if (!request || request.status !== 'rejected') return undefined;
      const { to, providerName } = await recipientsOf(nit);
      if (to.length === 0) return false;
      await mailer.send(
        renderEmail({
          support,
          to,
          subject: `Solicitud de llaves IHCE rechazada – radicado ${request.radicado ?? 'sin radicado'}: ${providerName}`,
          greeting: 'Delegado Administrativo:',
          paragraphs: [
            `El Ministerio de Salud y Protección Social rechazó la solicitud de llaves de ${providerName} (NIT ${nit}). Estado: «Solicitud rechazada».`,
            radicadoLine(request),
            `Motivo: ${sentence(request.rejectionReason ?? 'sin motivo registrado')}`,
            'Puede corregir los datos y solicitar de nuevo con «Resolicitud Token».',
          ],
          action: requestLink,
        }),
      );
      return true;
    },
  };
}
export type DelegateNotice = ReturnType<typeof createDelegateNotice>;

/** The e-mail of an automatic issuance says so, and that production is still to come. */
const automaticLines = (providerName: string, nit: string) => [
  `El sistema asignó automáticamente las llaves de Preproducción de ${providerName} (NIT ${nit}), sin esperar la revisión de un funcionario: Preproducción no maneja datos de pacientes. Estado: «Preproducción asignada automáticamente; Producción en revisión».`,
  'Las llaves de Producción siguen en revisión por el Ministerio de Salud y Protección Social: recibirá otro correo cuando se asignen.',
];

const radicadoLine = (request: KeyRequest) => `Número de radicado de la solicitud: ${request.radicado ?? 'sin radicado'}.`;
