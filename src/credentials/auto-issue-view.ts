import type { KeyFile } from '../key-files/key-file';
import { formatBogotaDate, sentence } from '../kernel/bogota-date';

/** The automatic issuance of the request that is pending now, if any (an older request's says nothing of this one). */
const ofPendingRequest = (file: KeyFile) =>
  file.pendingRequestId !== undefined && file.autoIssue?.requestId === file.pendingRequestId ? file.autoIssue : undefined;

export const autoIssuedForPending = (file: KeyFile) => ofPendingRequest(file)?.state === 'issued';

/**
 * What the officials' lists show of a pending request whose pre-production the system tried to issue: which
 * environment is done, and why pre-production still waits when the automatic step failed. Undefined when
 * nothing was attempted (auto-issue off, or a manual-only environment).
 */
export function environmentProgress(file: KeyFile) {
  const auto = ofPendingRequest(file);
  if (!auto) return undefined;
  if (auto.state === 'issued') return { autoIssued: true, labels: ['Preproducción: asignada automáticamente', 'Producción: pendiente'] };
  const tries = auto.attempts ?? 1;
  return {
    autoIssued: false,
    labels: ['Preproducción: pendiente', 'Producción: pendiente'],
    failure: `La emisión automática de Preproducción falló (${tries} ${tries === 1 ? 'intento' : 'intentos'}, el último el ${formatBogotaDate(auto.at)}): ${sentence(auto.reason ?? 'sin detalle')} El sistema la reintenta; si no lo logra, asigne las llaves de Preproducción a mano.`,
  };
}
