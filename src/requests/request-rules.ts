import { requestKinds, statusLabels, type KeyFileStatus, type RequestKind } from './requests.schemas';
import type { KeyFile } from '../key-files/key-file.repository';

export function statusOf(file: KeyFile): KeyFileStatus {
  if (file.pendingKind) return file.pendingKind === 'first' ? 'pending-first' : 'pending-renewal';
  if (file.lastOutcome === 'rejected') return 'rejected';
  if (file.environments.preproduction || file.environments.production) return 'assigned';
  return 'none';
}

export const statusLabelOf = (file: KeyFile) => statusLabels[statusOf(file)];

export function formatBogotaDate(date: Date | string): string {
  return new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Bogota' }).format(new Date(date));
}

export type Availability = { allowed: boolean; message?: string };

/**
 * Inscripción only before the provider ever requested, Resolicitud only after, and never while a request
 * waits. Each refusal names the button to use instead.
 */
export function requestAvailability(file: KeyFile): Record<RequestKind, Availability> {
  if (file.pendingKind && file.pendingSince) {
    const message = `Ya hay una solicitud pendiente (${requestKinds[file.pendingKind].button}) desde el ${formatBogotaDate(file.pendingSince)}. Espere la respuesta del Ministerio antes de solicitar de nuevo.`;
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
