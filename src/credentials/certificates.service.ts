import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { AppError, notFound } from '../kernel/app-error';
import type { RequestMeta } from '../kernel/request-meta';
import { delegateNit } from '../key-files/key-file-access';
import type { Clock } from '../platform/clock';
import { ConcurrencyError } from '../platform/storage/concurrency';
import type { Leases } from '../platform/storage/lease';
import type { Version } from '../platform/storage/table';
import type { AppRegistrar } from './app-registrar.port';
import { checkCertificate, pemOf, type CertificateSummary } from './certificate-check';
import { createCertificateRegistration } from './certificate-registration';
import { certificateLeaseKey, createCertificateRestore } from './certificate-restore';
import type { CertificateRecord, CertificateRepository } from './certificate.repository';
import { registrationLabels, type CertificatesOfProvider, type CertificateView, type CredentialType } from './certificates.schemas';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import { assertOfficer } from './officer-access';

type Deps = {
  certificates: CertificateRepository;
  registrar: AppRegistrar;
  directory: DirectoryRepository;
  audit: AuditLog;
  clock: Clock;
  /** Lock rows (table `certificates`, partition `bloqueo`): one upload per NIT and environment at a time. */
  leases: Leases;
  credentialTypes: Record<EnvironmentName, CredentialType>;
  /** Expiry calendar (certificate-expiry.ts): dates a registered certificate, drops the replaced one's reminders. */
  planExpiry?: (nit: string, env: EnvironmentName, record: CertificateRecord) => Promise<void>;
  log?: (message: string, error?: unknown) => void;
};

const environments: EnvironmentName[] = ['preproduction', 'production'];

function viewOf(env: EnvironmentName, record: CertificateRecord): CertificateView {
  const { derBase64: _der, serialNumber: _serial, entra, ...rest } = record;
  return { environment: env, ...rest, registrationLabel: registrationLabels[record.registration], ...(entra && { appId: entra.appId }) };
}

/** The same certificate is already kept and on its way (or on the application): nothing to do. */
const alreadyThere = (record: CertificateRecord | undefined, summary: CertificateSummary) =>
  record?.thumbprintSha256 === summary.thumbprintSha256 && record.registration !== 'pending';
const finishedFirst = () =>
  new AppError(
    'certificado-modificado',
    409,
    'Otra carga de certificado para este ambiente terminó primero; recargue la página y revise cuál quedó antes de cargar otro.',
  );
const stillRunning = () =>
  new AppError(
    'certificado-en-carga',
    409,
    'Otra carga de certificado para este ambiente sigue en curso; espere un minuto, recargue la página y revise cuál quedó.',
  );

/**
 * «Certificado en lugar de secreto»: the delegate uploads the public certificate of an environment; it is checked,
 * added to the provider's application through Microsoft Graph when the environment generates in Entra ID (otherwise
 * an official registers it by hand and marks it), kept in the `certificates` table and audited.
 */
export function createCertificates(deps: Deps) {
  const { certificates, registrar, directory, audit, clock, leases, credentialTypes } = deps;
  const registration = createCertificateRegistration({ registrar, directory });
  const restore = createCertificateRestore({ certificates, registration, leases, audit, log: deps.log });
  /** The certificate is saved: a failed planning is logged, never an error to its uploader; the daily run repairs it. */
  const planExpiry = (nit: string, env: EnvironmentName, record: CertificateRecord) =>
    deps
      .planExpiry?.(nit, env, record)
      .catch((error: unknown) =>
        deps.log?.(`No se pudo programar el vencimiento del certificado de ${nit} (${env}); el recordatorio diario lo repara`, error),
      );
  async function ofProvider(nit: string): Promise<CertificatesOfProvider> {
    const [preproduction, production] = await Promise.all(environments.map((env) => certificates.get(nit, env)));
    const entry = (env: EnvironmentName, record: CertificateRecord | undefined) => ({
      credentialType: credentialTypes[env],
      ...(record && { certificate: viewOf(env, record) }),
    });
    return { environments: { preproduction: entry('preproduction', preproduction), production: entry('production', production) } };
  }

  async function certificateFor(nit: string, env: EnvironmentName) {
    const record = await certificates.get(nit, env);
    if (!record) throw notFound(`Su entidad no ha cargado un certificado para ${environmentLabels[env]}.`);
    return record;
  }

  function assertAccepts(env: EnvironmentName) {
    if (credentialTypes[env] === 'secret')
      throw new AppError(
        'certificado-no-admitido',
        409,
        `${environmentLabels[env]} usa solo ClientSecret: el Ministerio no recibe certificados para este ambiente.`,
      );
  }

  /** Checks, registers (Graph) and keeps a certificate for the provider `nit`, uploaded by `actor` (a delegate, or a one-time link). */
  async function store(nit: string, env: EnvironmentName, text: string, actor: string, meta: RequestMeta): Promise<CertificateView> {
    assertAccepts(env);
    const now = clock.now();
    const summary = checkCertificate(text, now);
    const seen = await certificates.get(nit, env);
    if (alreadyThere(seen, summary)) {
      await planExpiry?.(nit, env, seen!); // idempotent: a retry after a failed planning gets its reminders
      return viewOf(env, seen!);
    }
    // One upload per NIT and environment at a time: Graph's PATCH of keyCredentials has no If-Match.
    const lease = await leases.acquire(certificateLeaseKey(nit, env));
    if (!lease) throw stillRunning();
    let current: (CertificateRecord & { version: Version }) | undefined;
    let record: CertificateRecord;
    try {
      // Read again under the lease: a free lock says nothing of uploads that finished since `seen` was read.
      current = await certificates.get(nit, env);
      if (current?.version !== seen?.version) {
        if (alreadyThere(current, summary)) return viewOf(env, current!);
        throw finishedFirst();
      }
      const entra = await registration.register(nit, env, summary, current);
      record = {
        ...summary,
        uploadedAt: now.toISOString(),
        uploadedBy: actor,
        registration: entra ? 'entra' : 'pending',
        ...(entra && { entra, registeredAt: now.toISOString(), registeredBy: 'Microsoft Graph' }),
        ...(current &&
          current.thumbprintSha256 !== summary.thumbprintSha256 && {
            previous: { thumbprintSha1: current.thumbprintSha1, notAfter: current.notAfter, replacedAt: now.toISOString() },
          }),
      };
      try {
        await certificates.save(nit, env, record, current?.version);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // Another upload (whose lease this one outlived) or an official won the record: Entra ID follows the record.
        await lease.release();
        if (entra) await restore(nit, env, summary, entra.applicationObjectId, { actor, meta });
        throw finishedFirst();
      }
    } finally {
      await lease.release().catch(() => undefined);
    }
    await audit.record({
      subject: `provider:${nit}`,
      action: current ? 'certificado.reemplazado' : 'certificado.cargado',
      actor,
      ip: meta.ip,
      detail: {
        ambiente: env,
        sujeto: summary.subject,
        huellaSha1: summary.thumbprintSha1,
        huellaSha256: summary.thumbprintSha256,
        venceEl: summary.notAfter,
        registro: record.registration,
        ...(current && { anteriorSha1: current.thumbprintSha1 }),
      },
    });
    await planExpiry(nit, env, record);
    return viewOf(env, record);
  }

  return {
    ofProvider,
    mine: (user: SessionUser) => ofProvider(delegateNit(user)),
    credentialTypeOf: (env: EnvironmentName) => credentialTypes[env],
    /** Every stored certificate (expiry calendar rebuild, the Tablero's CSV). */
    list: () => certificates.list(),
    /** The stored record (for «Probar llaves» of a certificate-only environment). */
    current: (nit: string, env: EnvironmentName) => certificates.get(nit, env),
    /** The thumbprints a client assertion's header names (the configuration download). */
    async thumbprintsOf(nit: string, env: EnvironmentName) {
      const record = await certificates.get(nit, env);
      return record && { thumbprintSha256: record.thumbprintSha256, thumbprintSha1: record.thumbprintSha1 };
    },

    upload: (user: SessionUser, env: EnvironmentName, text: string, meta: RequestMeta) =>
      store(delegateNit(user), env, text, user.username, meta),
    store,
    assertAccepts,

    /** The .cer (PEM text) of the delegate's own certificate. */
    async download(user: SessionUser, env: EnvironmentName) {
      const nit = delegateNit(user);
      const record = await certificateFor(nit, env);
      return { fileName: `ihce-${env}-${nit}.cer`, pem: pemOf(record.derBase64) };
    },

    /** The official's download of a provider's certificate, to register it by hand in the Entra portal. */
    async downloadFor(nit: string, env: EnvironmentName) {
      const record = await certificateFor(nit, env);
      return { fileName: `ihce-${env}-${nit}.cer`, pem: pemOf(record.derBase64) };
    },

    /** «Marcar como registrado»: the official added it by hand to the application in the Entra portal. */
    async markRegistered(officer: SessionUser, nit: string, env: EnvironmentName, meta: RequestMeta): Promise<CertificateView> {
      assertOfficer(officer);
      const current = await certificateFor(nit, env);
      if (current.registration === 'entra') return viewOf(env, current);
      const { version, ...record } = current;
      const registered: CertificateRecord = {
        ...record,
        registration: 'manual',
        registeredAt: clock.now().toISOString(),
        registeredBy: officer.username,
      };
      // The uploads' lease: an upload's PATCH, which read this certificate as pending, would take it off the application.
      const lease = await leases.acquire(certificateLeaseKey(nit, env));
      if (!lease) throw stillRunning();
      try {
        await certificates.save(nit, env, registered, version);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        throw new AppError(
          'certificado-modificado',
          409,
          'El prestador cargó otro certificado mientras usted revisaba. Recargue y revise el nuevo.',
        );
      } finally {
        await lease.release();
      }
      await audit.record({
        subject: `provider:${nit}`,
        action: 'certificado.registrado-a-mano',
        actor: officer.username,
        ip: meta.ip,
        detail: { ambiente: env, huellaSha1: current.thumbprintSha1 },
      });
      await planExpiry(nit, env, registered);
      return viewOf(env, registered);
    },
  };
}
export type Certificates = ReturnType<typeof createCertificates>;
