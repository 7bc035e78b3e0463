import type { KeyFileRepository } from '../key-files/key-file.repository';
import type { CertificateRecord } from './certificate.repository';
import type { CredentialSchedule } from './credential-schedule';
import type { EnvironmentName } from './credentials.schemas';
import { bogotaDay } from './expiry-calendar';
import { readOnce } from '../kernel/read-once';

/**
 * A certificate's end date in the expiry calendar, beside the secret's: reminders, «Por vencer» / «Vencidas» and the
 * Tablero's 30/60/90 days. A certificate ends at its `notAfter` instant; its expiry day is that instant's day in Bogotá.
 */
export const certificateExpiresOn = (record: Pick<CertificateRecord, 'notAfter'>) => bogotaDay(new Date(record.notAfter));

/** The SHA-256 thumbprint as an e-mail shows it: enough to match it with Paso 2, short enough to read. */
export const shortThumbprint = (sha256: string) => `${sha256.slice(0, 8)}…${sha256.slice(-8)}`;

/** Only a registered certificate works, so only it is dated (a pending one is, once an official marks it). */
const datedOf = (record: CertificateRecord | undefined) =>
  record && record.registration !== 'pending'
    ? { expiresOn: certificateExpiresOn(record), thumbprintSha256: record.thumbprintSha256 }
    : undefined;

export type CurrentCertificate = (nit: string, env: EnvironmentName) => Promise<CertificateRecord | undefined>;

/** Dates the environment's certificate as stored now, and takes the one it replaced out of the calendar. Idempotent. */
export function planCertificateExpiry(schedule: Pick<CredentialSchedule, 'planCertificate'>) {
  return (nit: string, env: EnvironmentName, record: CertificateRecord | undefined) =>
    schedule.planCertificate(nit, env, datedOf(record), record?.previous && certificateExpiresOn(record.previous));
}

export type CredentialTypeOf = (env: EnvironmentName) => 'certificate' | 'secret' | 'either';

type ExpiryRowLike = {
  nit: string;
  environment: EnvironmentName;
  expiresOn: string;
  credential?: 'secret' | 'certificate';
  thumbprintSha256?: string | undefined;
};

/**
 * Whether a calendar row still dates what is stored (rows may be stale: replaced keys or certificates). A certificate
 * row is current while the same certificate, registered, ends that day; the record is returned for the caller.
 */
export function createExpiryCheck(deps: {
  keyFiles: Pick<KeyFileRepository, 'getFile'>;
  currentCertificate: CurrentCertificate;
  credentialTypeOf?: CredentialTypeOf | undefined;
}) {
  async function certificateOf(row: ExpiryRowLike): Promise<CertificateRecord | undefined> {
    const record = await deps.currentCertificate(row.nit, row.environment);
    const dated = datedOf(record);
    return dated && dated.thumbprintSha256 === row.thumbprintSha256 && dated.expiresOn === row.expiresOn ? record : undefined;
  }
  return {
    certificateOf,
    coveredByCertificate,
    isCurrent,
    /**
     * What a list of the calendar does with a row (the officials' «Por vencer» / «Vencidas», the Tablero's 30/60/90
     * days): `stale`, replaced since (drop it); `covered`, the certificate's own row says it (as in the reminders);
     * else `listed`.
     */
    async standing(row: ExpiryRowLike): Promise<'stale' | 'covered' | 'listed'> {
      if (!(await isCurrent(row))) return 'stale';
      return (await coveredByCertificate(row)) ? 'covered' : 'listed';
    },
  };

  /**
   * A secret row of a certificate-only environment dated like its registered certificate: the key file's date is the
   * certificate's there (certificate-follow.ts), and the certificate's own row (reminder, list entry) already says it.
   */
  async function coveredByCertificate(row: ExpiryRowLike): Promise<boolean> {
    if (row.credential === 'certificate' || deps.credentialTypeOf?.(row.environment) !== 'certificate') return false;
    return datedOf(await deps.currentCertificate(row.nit, row.environment))?.expiresOn === row.expiresOn;
  }
  async function isCurrent(row: ExpiryRowLike): Promise<boolean> {
    if (row.credential === 'certificate') return (await certificateOf(row)) !== undefined;
    return (await deps.keyFiles.getFile(row.nit)).environments[row.environment]?.expiresOn === row.expiresOn;
  }
}
export type ExpiryCheck = ReturnType<typeof createExpiryCheck>;

/**
 * The check of one listing: each key file and certificate read once, however many rows name it. A certificate-only
 * environment's secret row and certificate row (adjacent keys, same day) share the certificate's read, and the key
 * file read for a row's flags is the one its check uses. `keep`: how many of each are held (readOnce).
 */
export function createListingCheck(deps: Parameters<typeof createExpiryCheck>[0], keep?: number) {
  const getFile = readOnce((nit: string) => deps.keyFiles.getFile(nit), keep);
  const currentCertificate = readOnce((nit: string, env: EnvironmentName) => deps.currentCertificate(nit, env), keep);
  return { ...createExpiryCheck({ ...deps, keyFiles: { getFile }, currentCertificate }), getFile };
}
