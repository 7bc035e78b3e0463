import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import { conflict, notFound } from '../kernel/app-error';
import type { EventPublisher } from '../notifications/event-publisher';
import type { Clock } from '../platform/clock';
import type { RequestMeta } from '../kernel/request-meta';
import { newestFirstKey } from '../platform/storage/keys';
import { hasKeys, KeyFileChangedError, statusLabelOf, type KeyFile, type KeyRequest } from '../key-files/key-file';
import { delegateNit } from '../key-files/key-file-access';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { PendingQueue } from './pending-queue';
import type { Radicados } from './radicado';
import { requestAvailability } from './request-rules';
import { toRequestSummary } from './request-summary';
import { PERSONAL_DATA_VERSION, TERMS_VERSION, type KeyRequestInput, type RequestSummary } from './requests.schemas';

type Deps = {
  keyFiles: KeyFileRepository;
  pendingQueue: PendingQueue;
  radicados: Radicados;
  events: EventPublisher;
  audit: AuditLog;
  clock: Clock;
  /** PREPRODUCTION_AUTO_ISSUE on and pre-production generating in Entra ID: the queue worker issues its keys. */
  autoIssuePreproduction?: boolean;
  /** OFFICER_ALERT_MODE=digest: false, no e-mail per request; the officials get the timer's summary (officer-digest.ts). */
  alertEachRequest?: boolean;
  /**
   * A provider with keys asked again (Resolicitud): its Actualizar Token card says so from now on. Best effort:
   * the queue worker does the same for the request's `request.received` event.
   */
  searchCardChanged: (nit: string) => Promise<void>;
};

/** Paso 1 (6.4.1.1): the delegate asks for keys; the ministry is told through the queue. */
export function createRequestService(deps: Deps) {
  const {
    keyFiles,
    pendingQueue,
    radicados,
    events,
    audit,
    clock,
    autoIssuePreproduction,
    alertEachRequest = true,
    searchCardChanged,
  } = deps;
  function assertAllowed(file: KeyFile, kind: KeyRequestInput['kind']) {
    const availability = requestAvailability(file)[kind];
    if (!availability.allowed) {
      throw conflict(file.pendingKind ? 'solicitud-pendiente' : 'tipo-de-solicitud-incorrecto', availability.message!);
    }
  }

  /** Whether the stored file carries this pending request; unreadable counts as not known to be saved. */
  const holdsRequest = async (nit: string, requestId: string) =>
    (await keyFiles.getFile(nit).catch(() => undefined))?.pendingRequestId === requestId;

  return {
    async submit(user: SessionUser, input: KeyRequestInput, meta: RequestMeta) {
      const nit = delegateNit(user);
      const file = await keyFiles.getFile(nit);
      assertAllowed(file, input.kind);

      const now = clock.now();
      const id = newestFirstKey(now, randomBytes(4).toString('hex'));
      // Taken before the save: a save that then fails leaves a gap in the year's numbers, never a reuse.
      const radicado = await radicados.allocate({ nit, requestId: id });
      const request: KeyRequest = {
        id,
        radicado,
        nit,
        kind: input.kind,
        createdAt: now,
        createdBy: user.username,
        techVendorName: input.techVendorName,
        softwareName: input.softwareName,
        techLead: input.techLead,
        dataProtectionOfficer: input.dataProtectionOfficer,
        ...(input.reason && { reason: input.reason }),
        termsVersion: TERMS_VERSION,
        termsAcceptedAt: now,
        personalDataVersion: PERSONAL_DATA_VERSION,
        personalDataAcceptedAt: now,
        status: 'pending',
      };
      const updated: KeyFile = {
        ...file,
        everRequested: true,
        pendingRequestId: request.id,
        pendingKind: request.kind,
        pendingSince: now,
        rejection: undefined,
        updatedAt: now,
      };

      const event = alertEachRequest ? await events.record({ type: 'request.submitted', nit, requestId: request.id }) : undefined;
      const receipt = await events.record({ type: 'request.received', nit, requestId: request.id });
      const autoIssue = autoIssuePreproduction
        ? await events.record({ type: 'request.auto-issue', nit, requestId: request.id })
        : undefined;
      await pendingQueue.add({ nit, requestId: request.id, since: now, radicado, kind: request.kind });
      try {
        await keyFiles.saveRequest(updated, request);
      } catch (error) {
        if (error instanceof KeyFileChangedError) {
          // Someone else saved first (a double click, a second tab): answer with the state that won.
          assertAllowed(await keyFiles.getFile(nit), input.kind);
          throw conflict('expediente-modificado', 'La solicitud cambió mientras se guardaba. Recargue la página e intente de nuevo.');
        }
        // The transaction may have landed with its answer lost: if the file holds this request, it is saved.
        if (!(await holdsRequest(nit, request.id))) throw error;
      }
      if (event) await events.dispatch(event);
      await events.dispatch(receipt);
      if (autoIssue) await events.dispatch(autoIssue);
      if (hasKeys(file)) await searchCardChanged(nit).catch(() => undefined);
      await audit.record({
        subject: `provider:${nit}`,
        action: 'solicitud.creada',
        actor: user.username,
        ip: meta.ip,
        detail: {
          requestId: request.id,
          radicado,
          kind: request.kind,
          termsVersion: TERMS_VERSION,
          personalDataVersion: PERSONAL_DATA_VERSION,
        },
      });
      return {
        id: request.id,
        radicado,
        status: 'pending' as const,
        statusLabel: statusLabelOf(updated),
        createdAt: now.toISOString(),
        kind: request.kind,
      };
    },

    /** One request of the delegate's own provider; any other id is 404, and the attempt is audited. */
    async get(user: SessionUser, id: string, meta: RequestMeta): Promise<RequestSummary> {
      const nit = delegateNit(user);
      const request = await keyFiles.getRequest(nit, id);
      if (!request) {
        await audit.record({
          subject: `provider:${nit}`,
          action: 'acceso.no-encontrado',
          actor: user.username,
          ip: meta.ip,
          detail: { recurso: `solicitud ${id.slice(0, 64)}` },
        });
        throw notFound('La solicitud no existe.');
      }
      return toRequestSummary(request);
    },
  };
}
export type RequestService = ReturnType<typeof createRequestService>;
