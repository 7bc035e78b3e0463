import * as z from 'zod';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import { AppError, conflict } from '../kernel/app-error';
import type { RequestMeta } from '../kernel/request-meta';
import type { EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import { fileVersion, hasKeys, KeyFileChangedError, type KeyFile } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { PendingQueue } from './pending-queue';

export const rejectionSchema = z.strictObject({
  reason: z
    .string({ error: 'Escriba el motivo del rechazo.' })
    .trim()
    .min(10, 'Escriba el motivo del rechazo (al menos 10 caracteres): el delegado lo verá para corregir su solicitud.')
    .max(1000, 'El motivo no puede tener más de 1000 caracteres.')
    .refine(
      (value) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f<>]/.test(value),
      'El motivo no puede contener los caracteres < > ni de control.',
    ),
});

type Deps = {
  keyFiles: KeyFileRepository;
  pendingQueue: PendingQueue;
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
  /** A rejected Resolicitud: the provider's Actualizar Token card says so. Best effort: the queue worker repeats it. */
  searchCardChanged: (nit: string) => Promise<void>;
};

/** Rechazar (beyond the seed): the official turns a pending request down with a reason the delegate sees. */
export function createRequestReview({ keyFiles, pendingQueue, events, audit, clock, searchCardChanged }: Deps) {
  return {
    async reject(officer: SessionUser, nit: string, reason: string, options: RequestMeta & { ifMatch?: string | undefined }) {
      if (officer.role !== 'officer') throw new AppError('acceso-denegado', 403, 'Solo un funcionario MSPS puede rechazar solicitudes.');
      const file = await keyFiles.getFile(nit);
      if (options.ifMatch !== undefined && options.ifMatch !== fileVersion(file)) {
        throw conflict(
          'expediente-modificado',
          'Otro funcionario cambió este prestador mientras usted lo revisaba. Recargue y vuelva a intentarlo.',
        );
      }
      const pending = file.pendingRequestId ? await keyFiles.getRequest(nit, file.pendingRequestId) : undefined;
      if (!pending || !file.pendingSince)
        throw conflict('sin-solicitud-pendiente', 'Este prestador no tiene una solicitud pendiente para rechazar.');

      const now = clock.now();
      const updated: KeyFile = {
        ...file,
        pendingRequestId: undefined,
        pendingKind: undefined,
        pendingSince: undefined,
        lastOutcome: 'rejected',
        rejection: { reason, at: now.toISOString(), by: officer.username },
        updatedAt: now,
      };
      const event = await events.record({ type: 'request.rejected', nit, requestId: pending.id });
      try {
        await keyFiles.saveFile(updated, {
          ...pending,
          status: 'rejected',
          resolvedAt: now,
          resolvedBy: officer.username,
          rejectionReason: reason,
        });
      } catch (error) {
        if (error instanceof KeyFileChangedError)
          throw conflict(
            'expediente-modificado',
            'Otro funcionario cambió este prestador al mismo tiempo. Recargue y vuelva a intentarlo.',
          );
        throw error;
      }
      await pendingQueue.remove({ nit, since: file.pendingSince }).catch(() => undefined);
      await events.dispatch(event);
      if (hasKeys(file)) await searchCardChanged(nit).catch(() => undefined);
      await audit.record({
        subject: `provider:${nit}`,
        action: 'solicitud.rechazada',
        actor: officer.username,
        ip: options.ip,
        detail: { requestId: pending.id, motivo: reason.slice(0, 500) },
      });
      return { nit, requestId: pending.id };
    },
  };
}
export type RequestReview = ReturnType<typeof createRequestReview>;
