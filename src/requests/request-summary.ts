import type { KeyRequest } from '../key-files/key-file';
import { requestKinds } from '../key-files/key-file.schemas';
import type { RequestSummary } from './requests.schemas';

/** A request as the delegate's and the official's pages list it. */
export function toRequestSummary(request: KeyRequest): RequestSummary {
  const statusLabel =
    request.status === 'pending'
      ? requestKinds[request.kind].statusLabel
      : request.status === 'assigned'
        ? 'Se ha asignado token'
        : 'Solicitud rechazada';
  return {
    id: request.id,
    ...(request.radicado && { radicado: request.radicado }),
    kind: request.kind,
    kindLabel: requestKinds[request.kind].button,
    createdAt: request.createdAt.toISOString(),
    createdBy: request.createdBy,
    status: request.status,
    statusLabel,
    ...(request.resolvedAt && { resolvedAt: request.resolvedAt.toISOString() }),
    ...(request.reason && { reason: request.reason }),
    ...(request.rejectionReason && { rejectionReason: request.rejectionReason }),
  };
}
