import type { DirectoryRepository } from '../directory/directory.repository';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';
import type { KeyFileRepository } from '../requests/key-file.repository';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';

type Deps = { keyFiles: KeyFileRepository; directory: DirectoryRepository; mailer: Mailer; publicBaseUrl: string };

/**
 * Runs in the queue worker: tells the provider's delegates and the technical lead of its latest request
 * what the ministry did. What changed, never the secret: they read it in Paso 2.
 */
export function createDelegateNotice({ keyFiles, directory, mailer, publicBaseUrl }: Deps) {
  /** The provider's delegates, plus the technical lead of the request that was assigned (never of a rejected one). */
  async function recipientsOf(nit: string, assignedRequestId?: string) {
    const [delegates, request, provider] = await Promise.all([
      directory.delegatesOf(nit),
      assignedRequestId ? keyFiles.getRequest(nit, assignedRequestId) : Promise.resolve(undefined),
      directory.getProvider(nit),
    ]);
    const to = [...new Set([...delegates.map((d) => d.email), ...(request ? [request.techLead.email] : [])])];
    return { to, providerName: provider?.name ?? `NIT ${nit}` };
  }
  const link = { label: 'Ver las llaves', url: `${publicBaseUrl.replace(/\/$/, '')}/` };

  return {
    async credentialsAssigned(event: { nit: string; change: 'assigned' | 'updated'; assignmentId: string; requestId?: string | undefined; replacedSecrets: EnvironmentName[] }): Promise<boolean | undefined> {
      const { nit, change, replacedSecrets } = event;
      const file = await keyFiles.getFile(nit);
      // The save this event announces never landed (it lost to another official, say): nothing to tell.
      if (file.lastAssignmentId !== event.assignmentId) return undefined;
      const { to, providerName } = await recipientsOf(nit, event.requestId);
      if (to.length === 0) return false;
      const lines = (['preproduction', 'production'] as const)
        .filter((env) => file.environments[env])
        .map((env) => {
          const credentials = file.environments[env]!;
          const secret = replacedSecrets.includes(env) ? ' El ClientSecret es nuevo: el anterior dejará de funcionar.' : '';
          return `${environmentLabels[env]}: ClientID ${credentials.clientId}, vence el ${credentials.expiresOn}.${secret}`;
        });
      await mailer.send(
        renderEmail({
          to,
          subject: change === 'assigned' ? `Llaves de acceso IHCE asignadas: ${providerName}` : `Llaves de acceso IHCE actualizadas: ${providerName}`,
          greeting: 'Delegado Administrativo y líder técnico:',
          paragraphs: [
            change === 'assigned'
              ? `El Ministerio de Salud y Protección Social asignó las llaves de acceso de ${providerName} (NIT ${nit}). Estado: «Se ha asignado token».`
              : `El Ministerio de Salud y Protección Social actualizó las llaves de acceso de ${providerName} (NIT ${nit}).`,
            ...lines,
            'Por seguridad este correo no incluye el ClientSecret. El Delegado Administrativo lo ve en «Paso 2 – Visualización de las llaves» y puede descargar la configuración para el proveedor tecnológico.',
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
          to,
          subject: `Solicitud de llaves IHCE rechazada: ${providerName}`,
          greeting: 'Delegado Administrativo:',
          paragraphs: [
            `El Ministerio de Salud y Protección Social rechazó la solicitud de llaves de ${providerName} (NIT ${nit}). Estado: «Solicitud rechazada».`,
            `Motivo: ${request.rejectionReason ?? 'sin motivo registrado'}.`,
            'Puede corregir los datos y solicitar de nuevo con «Resolicitud Token».',
          ],
          action: link,
        }),
      );
      return true;
    },
  };
}
export type DelegateNotice = ReturnType<typeof createDelegateNotice>;
