import type { DirectoryRepository } from '../directory/directory.repository';
import { formatBogotaDate, sentence } from '../kernel/bogota-date';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { requestKinds } from '../key-files/key-file.schemas';
import { renderEmail } from '../notifications/email-layout';
import type { SupportContact } from '../notifications/support-contact';
import type { Mailer } from '../notifications/mailer.port';
import { requesterOf } from './requester';

type Deps = { keyFiles: KeyFileRepository; directory: DirectoryRepository; mailer: Mailer; publicBaseUrl: string; support: SupportContact };

/**
 * Runs in the queue worker: the acknowledgement (acuse de recibo) of a request, to the delegate who made it and
 * to the technical lead it names, with its radicado, what was asked and what happens next. Undefined while the
 * request is not (yet) in the file, so the event is neither sent nor marked as handled.
 */
export function createRequestReceipt({ keyFiles, directory, mailer, publicBaseUrl, support }: Deps) {
  return async function send(nit: string, requestId: string): Promise<boolean | undefined> {
    const [request, provider] = await Promise.all([keyFiles.getRequest(nit, requestId), directory.getProvider(nit)]);
    if (!request) return undefined;
    const requester = await requesterOf(directory, nit, request.createdBy);
    const to = [...new Set([...(requester.inDirectory ? [requester.email] : []), request.techLead.email])];
    const name = provider?.name ?? `NIT ${nit}`;
    const kind = requestKinds[request.kind];
    const radicado = request.radicado ?? 'sin radicado';
    await mailer.send(
      renderEmail({
        support,
        to,
        subject: `Solicitud de llaves IHCE recibida – radicado ${radicado}: ${name}`,
        greeting: 'Delegado Administrativo y líder técnico:',
        paragraphs: [
          sentence(
            `El Ministerio de Salud y Protección Social recibió la solicitud de llaves de acceso de ${name} (NIT ${nit}) el ${formatBogotaDate(request.createdAt)}`,
          ),
          `Número de radicado: ${radicado}. Cítelo en cualquier comunicación con el Ministerio sobre esta solicitud.`,
          `Tipo de solicitud: ${kind.button}. Se solicitaron las llaves de acceso (ClientID y ClientSecret) de los ambientes de Preproducción y Producción. Estado: «${kind.statusLabel}».`,
          `Proveedor tecnológico: ${request.techVendorName}. Software: ${request.softwareName}. Líder técnico de la implementación: ${request.techLead.name}.`,
          'Qué sigue: un funcionario del Ministerio revisa la solicitud y registra las llaves. Recibirá otro correo cuando estén asignadas, o si la solicitud es rechazada, con el motivo. El Delegado Administrativo verá las llaves en «Paso 2 – Visualización de las llaves».',
        ],
        action: { label: 'Ver el estado de la solicitud', url: `${publicBaseUrl.replace(/\/$/, '')}/` },
        footnote: 'Por seguridad, ningún correo del Ministerio incluye el ClientSecret.',
      }),
    );
    return true;
  };
}
