import { formatBogotaDate, sentence } from '../kernel/bogota-date';
import type { KeyFile } from '../key-files/key-file';
import { requestKinds, type RequestKind } from '../key-files/key-file.schemas';

export type Availability = { allowed: boolean; message?: string };

/**
 * Inscripción only before the provider ever requested, Resolicitud only after, and never while a request
 * waits. Each refusal names the button to use instead.
 */
export function requestAvailability(file: KeyFile): Record<RequestKind, Availability> {
  if (file.pendingKind && file.pendingSince) {
    const message = `Ya hay una solicitud pendiente (${requestKinds[file.pendingKind].button}) desde el ${sentence(formatBogotaDate(file.pendingSince))} Espere la respuesta del Ministerio antes de solicitar de nuevo.`;
    return { first: { allowed: false, message }, renewal: { allowed: false, message } };
  }
  if (!file.everRequested) {
    return {
      first: { allowed: true },
      renewal: { allowed: false, message: 'Su entidad aún no ha solicitado llaves de acceso: use «Inscripción Token».' },
    };
  }
  return {
    first: { allowed: false, message: 'Su entidad ya solicitó llaves de acceso anteriormente: use «Resolicitud Token».' },
    renewal: { allowed: true },
  };
}
