import type { SessionUser } from '../accounts/accounts.schemas';
import { describeAudit } from '../audit/audit-sentences';
import type { AuditLog } from '../audit/audit.repository';
import type { DirectoryRepository } from '../directory/directory.repository';
import { AppError, notFound } from '../kernel/app-error';
import { formatBogotaDate } from '../kernel/bogota-date';
import { nitCheckDigit } from '../identity/colombian-ids';
import type { RequestMeta } from '../kernel/request-meta';
import type { Clock } from '../platform/clock';
import { fileVersion, statusOf } from '../key-files/key-file';
import type { KeyFileRepository } from '../key-files/key-file.repository';
import { statusLabels } from '../key-files/key-file.schemas';
import type { Radicados } from '../requests/radicado';
import { requesterOf } from '../requests/requester';
import { toRequestSummary } from '../requests/request-summary';
import { assertOfficer } from './officer-access';
import { environmentsOf, providerSummary } from './officer-views';
import { environmentProgress } from './auto-issue-view';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';
import type { ProviderSearchIndex } from '../search/provider-search.index';
import type { SecretStore } from './secret-store.port';
import type { CredentialSchedule } from './credential-schedule';
import { createListingCheck, type CredentialTypeOf, type CurrentCertificate } from './certificate-expiry';
import { bogotaDay, daysBetween } from './expiry-calendar';
import type { RevealBrakes } from './reveal-brakes';
import { createRadicadoLookup } from './radicado-lookup';
import { flagsOf, type ProviderFlags } from '../key-files/provider-flags';
import { readOnce } from '../kernel/read-once';

export type EnvironmentDefaults = Record<
  EnvironmentName,
  { tenantId?: string | undefined; scope?: string | undefined; endpoint?: string | undefined }
>;

type Deps = {
  keyFiles: KeyFileRepository;
  directory: DirectoryRepository;
  radicados: Pick<Radicados, 'find'>;
  searchIndex: ProviderSearchIndex;
  secrets: SecretStore;
  audit: AuditLog;
  clock: Clock;
  defaults: EnvironmentDefaults;
  schedule: CredentialSchedule;
  /** Environments where «Generar en Entra ID» is configured. */
  generation: Record<EnvironmentName, boolean>;
  brakes: Pick<RevealBrakes, 'admit'>;
  /** The environment's stored certificate: its end date is listed beside the secret's. */
  currentCertificate?: CurrentCertificate;
  /** A certificate-only environment's key file is dated by its certificate: listed once, as «Certificado». */
  credentialTypeOf?: CredentialTypeOf;
};

/** What officials read: the Actualizar Token search (Asignar Token is pending-requests.service.ts), a provider's file and trail. */
export function createOfficerConsole({
  keyFiles,
  directory,
  radicados,
  searchIndex,
  secrets,
  audit,
  clock,
  defaults,
  schedule,
  generation,
  brakes,
  currentCertificate = async () => undefined,
  credentialTypeOf,
}: Deps) {
  const findByRadicado = createRadicadoLookup({ radicados, keyFiles, directory });
  /**
   * The page's rows with their flags, which the index keeps on each card; only a card written before it did
   * (until `npm run search:reindex`) costs a point read of its key file.
   */
  const flagged = <T extends { nit: string; flags?: ProviderFlags | undefined }>(items: T[]) =>
    Promise.all(
      items.map(async ({ flags, ...item }) => ({
        ...item,
        checkDigit: nitCheckDigit(item.nit),
        ...(flags ?? flagsOf(await keyFiles.getFile(item.nit))),
      })),
    );

  return {
    async search(officer: SessionUser, query: string, pageSize: number, cursor?: string) {
      assertOfficer(officer);
      const byRadicado = await findByRadicado(query);
      if (byRadicado) return { items: await flagged(byRadicado) };
      const page = await searchIndex.search(query, pageSize, cursor);
      return { items: await flagged(page.items), ...(page.cursor && { cursor: page.cursor }) };
    },

    async file(officer: SessionUser, nit: string) {
      assertOfficer(officer);
      const [provider, file, requests] = await Promise.all([
        directory.getProvider(nit),
        keyFiles.getFile(nit),
        keyFiles.listRequests(nit, 20),
      ]);
      if (!provider && !file.version) throw notFound(`No hay un prestador con NIT ${nit} en el directorio.`);
      const status = statusOf(file);
      const pending = file.pendingRequestId ? requests.find((request) => request.id === file.pendingRequestId) : undefined;
      const latest = pending ?? requests[0];
      const requester = latest && (await requesterOf(directory, nit, latest.createdBy));
      return {
        version: fileVersion(file),
        provider: { ...providerSummary(provider, nit), sites: provider?.sites ?? [] },
        status,
        statusLabel: statusLabels[status],
        pendingSince: file.pendingSince?.toISOString(),
        rejection: file.rejection,
        /** Which environments of the pending request are done, and why pre-production still waits if its automatic issuance failed. */
        progress: environmentProgress(file),
        request: latest && {
          ...toRequestSummary(latest),
          requester,
          techVendorName: latest.techVendorName,
          softwareName: latest.softwareName,
          techLead: latest.techLead,
          dataProtectionOfficer: latest.dataProtectionOfficer,
        },
        requests: requests.map(toRequestSummary),
        environments: environmentsOf(file),
        defaults,
        generation,
      };
    },

    /**
     * «Por vencer» (next 60 days, soonest first) and «Vencidas» (oldest first): one row per provider, environment and
     * credential; a certificate-only environment's key file dated by its certificate is the certificate's row alone.
     * Each row reads its key file and directory entry, a certificate row its certificate; a NIT's rows share them.
     */
    async expiring(officer: SessionUser, filter: 'por-vencer' | 'vencidas', pageSize: number, cursor?: string) {
      assertOfficer(officer);
      const today = bogotaDay(clock.now());
      const listing = createListingCheck({ keyFiles, currentCertificate, credentialTypeOf });
      const providerOf = readOnce((nit: string) => directory.getProvider(nit));
      const items = [];
      let token = cursor;
      for (let read = 0; read < 5 && items.length === 0; read++) {
        const { rows, cursor: next } = await schedule.expiringPage(filter, pageSize, token);
        token = next;
        const checked = await Promise.all(
          rows.map(async (row) => ({ row, file: await listing.getFile(row.nit), provider: await providerOf(row.nit) })),
        );
        for (const { row, file, provider } of checked) {
          const standing = await listing.standing(row);
          if (standing === 'stale') await schedule.dropExpiry(row).catch(() => undefined);
          if (standing !== 'listed') continue;
          items.push({
            ...providerSummary(provider, row.nit),
            environment: row.environment,
            environmentLabel: environmentLabels[row.environment],
            credential: row.credential,
            credentialLabel: row.credential === 'certificate' ? 'Certificado' : 'ClientSecret',
            expiresOn: row.expiresOn,
            daysLeft: daysBetween(today, row.expiresOn),
            ...flagsOf(file),
          });
        }
        if (!token) break;
      }
      return { items, ...(token && { cursor: token }) };
    },

    async auditTrail(officer: SessionUser, nit: string) {
      assertOfficer(officer);
      const records = await audit.list(`provider:${nit}`, 200);
      // `sentence`: what «Trazabilidad» shows (Spanish, local dates, no key or id); `detail` stays for tools.
      return { items: records.map((record) => ({ ...record, at: record.at.toISOString(), sentence: describeAudit(record) })) };
    },

    /**
     * An official reads a typed-in ClientSecret, current or earlier, for audit: with a reason, counted against
     * the official's hourly limit and burst brake, always on record. A generated one is the delegate's alone.
     */
    async revealSecret(
      officer: SessionUser,
      nit: string,
      env: EnvironmentName,
      { version, reason }: { version?: string | undefined; reason: string },
      meta: RequestMeta,
    ) {
      assertOfficer(officer);
      const credentials = (await keyFiles.getFile(nit)).environments[env];
      const previous = credentials?.previousSecrets.find((p) => p.ref.version === version);
      const isCurrent = !version || version === credentials?.clientSecretRef?.version;
      const ref = isCurrent ? credentials?.clientSecretRef : previous?.ref;
      if (!ref) throw notFound('Esa versión del ClientSecret no existe para este prestador.');
      if (previous?.retiredAt) {
        throw new AppError(
          'secreto-retirado',
          410,
          `Esa versión del ClientSecret se retiró el ${formatBogotaDate(previous.retiredAt)} al terminar su periodo de transición: ya no se puede leer.`,
        );
      }
      if (isCurrent ? credentials?.source === 'entra' : previous?.entra) throw generatedSecret();
      await brakes.admit(officer, nit, meta);
      const clientSecret = await secrets.get(ref).catch((error: unknown) => {
        throw new AppError(
          'almacen-de-secretos-no-disponible',
          503,
          'No fue posible leer el secreto del almacén seguro en este momento. Intente de nuevo en unos minutos.',
          { cause: error },
        );
      });
      await audit.record({
        subject: `provider:${nit}`,
        action: 'secreto.revelado',
        actor: officer.username,
        ip: meta.ip,
        detail: { ambiente: env, versionSecreto: ref.version, motivo: reason },
      });
      return { clientSecret, version: ref.version };
    },
  };
}
export type OfficerConsole = ReturnType<typeof createOfficerConsole>;

const generatedSecret = () =>
  new AppError(
    'secreto-generado',
    403,
    'Este ClientSecret se generó en Microsoft Entra ID y solo lo puede ver el delegado del prestador: ningún funcionario lo revela. Si pudo quedar expuesto, genere uno nuevo con «Actualizar Token».',
  );
