import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod';
import type { SessionUser } from '../accounts/accounts.schemas';
import type { AuditLog } from '../audit/audit.repository';
import { AppError } from '../kernel/app-error';
import type { RequestMeta } from '../kernel/request-meta';
import { delegateNit } from '../key-files/key-file-access';
import type { Clock } from '../platform/clock';
import type { Storage } from '../platform/storage/storage';
import type { Version } from '../platform/storage/table';
import { checkCertificate } from './certificate-check';
import type { CertificateView } from './certificates.schemas';
import type { Certificates } from './certificates.service';
import { environmentLabels, type EnvironmentName } from './credentials.schemas';

/**
 * «Enlace para el proveedor»: the delegate creates a link the technical lead opens without an account to upload
 * the certificate once. The token exists only in the link (the URL fragment); the table keeps its SHA-256
 * (`certificates` table, partition `enlace`), so a copy of the table opens nothing.
 */
export const LINK_TTL_HOURS = 72;
const PARTITION = 'enlace';
const linkRowSchema = z.object({
  nit: z.string(),
  environment: z.enum(['preproduction', 'production']),
  createdBy: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().optional(),
});
type LinkRow = z.infer<typeof linkRowSchema>;

export const certificateLinkCreateSchema = z.strictObject({
  environment: z.enum(['preproduction', 'production'], { error: 'El ambiente debe ser preproduction o production.' }),
});
export const certificateLinkUploadSchema = z.strictObject({
  token: z.string({ error: 'Falta el enlace.' }).regex(/^[A-Za-z0-9_-]{43}$/, 'El enlace está incompleto: cópielo entero.'),
  certificate: z
    .string({ error: 'Adjunte el certificado público (archivo .cer, .crt o .pem).' })
    .min(1, 'Adjunte el certificado público (archivo .cer, .crt o .pem).'),
});

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const gone = (message: string) => new AppError('enlace-no-valido', 410, message);

export function createCertificateLinks(deps: {
  storage: Storage;
  certificates: Certificates;
  audit: AuditLog;
  clock: Clock;
  publicBaseUrl: string;
}) {
  const table = deps.storage.tableOf<LinkRow>('certificates');

  async function claim(token: string): Promise<LinkRow & { hash: string; version: Version }> {
    const hash = hashOf(token);
    const row = await table.get(PARTITION, hash);
    if (!row) throw new AppError('enlace-no-valido', 404, 'El enlace no es válido. Pida al delegado del prestador uno nuevo.');
    const link = linkRowSchema.parse(row);
    if (link.usedAt)
      throw gone('Este enlace ya se usó: cada enlace sirve una sola vez. Pida al delegado uno nuevo si necesita cargar otro certificado.');
    if (link.expiresAt <= deps.clock.now().toISOString()) throw gone('Este enlace venció. Pida al delegado del prestador uno nuevo.');
    return { ...link, hash, version: row.version };
  }

  return {
    /** A new single-use link for one environment, valid LINK_TTL_HOURS; the token is returned once and only hashed here. */
    async create(user: SessionUser, environment: EnvironmentName, meta: RequestMeta) {
      const nit = delegateNit(user);
      deps.certificates.assertAccepts(environment);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(deps.clock.now().getTime() + LINK_TTL_HOURS * 3_600_000).toISOString();
      await table.insert({ partitionKey: PARTITION, rowKey: hashOf(token), nit, environment, createdBy: user.username, expiresAt });
      await deps.audit.record({
        subject: `provider:${nit}`,
        action: 'certificado.enlace-creado',
        actor: user.username,
        ip: meta.ip,
        detail: { ambiente: environment, venceEl: expiresAt },
      });
      return { url: `${deps.publicBaseUrl}/certificado-proveedor#token=${token}`, expiresAt, environment };
    },

    /**
     * The vendor's upload through the link: the certificate is checked first (a wrong file does not spend the
     * link), then the link is taken under its version (two uploads at once: one wins), then stored as the delegate's would be.
     */
    async upload(token: string, text: string, meta: RequestMeta): Promise<CertificateView & { environmentLabel: string }> {
      const link = await claim(token);
      deps.certificates.assertAccepts(link.environment);
      checkCertificate(text, deps.clock.now());
      const taken = await table.update(
        { partitionKey: PARTITION, rowKey: link.hash, usedAt: deps.clock.now().toISOString() },
        { mode: 'merge', version: link.version },
      );
      if (taken.status !== 'updated') throw gone('Este enlace ya se usó: cada enlace sirve una sola vez.');
      try {
        const view = await deps.certificates.store(
          link.nit,
          link.environment,
          text,
          `Enlace de un solo uso (creado por ${link.createdBy})`,
          meta,
        );
        return { ...view, environmentLabel: environmentLabels[link.environment] };
      } catch (error) {
        // Entra ID or storage failed: the link is given back so that the vendor can try again.
        await table
          .upsert({
            partitionKey: PARTITION,
            rowKey: link.hash,
            nit: link.nit,
            environment: link.environment,
            createdBy: link.createdBy,
            expiresAt: link.expiresAt,
          })
          .catch(() => undefined);
        throw error;
      }
    },
  };
}
export type CertificateLinks = ReturnType<typeof createCertificateLinks>;
