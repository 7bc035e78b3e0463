import { formatBogotaDate } from '../kernel/bogota-date';
import { renderEmail } from '../notifications/email-layout';
import type { Mailer } from '../notifications/mailer.port';
import type { ImportKind } from '../directory/directory-import.service';
import type { UploadJob } from '../directory/directory-upload.repository';

type Deps = {
  uploadOf: (id: string) => Promise<UploadJob | undefined>;
  /** The official's name and e-mail, from the directory (undefined: no longer an official). */
  recipientOf: (username: string) => Promise<{ fullName: string; email: string } | undefined>;
  mailer: Mailer;
  publicBaseUrl: string;
};

const labels: Record<ImportKind, string> = { providers: 'Prestadores', delegates: 'Delegados', officers: 'Funcionarios' };

/** The summary of a finished web import of the directory («Directorio»), to the official who started it. */
export function createDirectoryUploadEmail({ uploadOf, recipientOf, mailer, publicBaseUrl }: Deps) {
  return async (uploadId: string): Promise<boolean> => {
    const job = await uploadOf(uploadId);
    if (!job || (job.state !== 'done' && job.state !== 'failed')) return false;
    const to = await recipientOf(job.officer);
    if (!to) return false;
    const ok = job.state === 'done';
    const lines = (job.result ?? []).map((r) =>
      r.imported
        ? `${labels[r.kind]}: ${r.rows} filas leídas; ${r.created} nuevos, ${r.updated} actualizados, ${r.unchanged} sin cambios, ${r.removed} retirados.`
        : `${labels[r.kind]}: no se importó${r.errors?.length ? ` (${r.errors.length} línea(s) con errores; la primera, línea ${r.errors[0]!.line}: ${r.errors[0]!.message})` : ' (otro archivo de la carga tiene errores)'}.`,
    );
    await mailer.send(
      renderEmail({
        to: [to.email],
        subject: ok ? 'Directorio importado – IHCE Llaves de acceso' : 'La importación del directorio no se aplicó – IHCE Llaves de acceso',
        greeting: `Hola, ${to.fullName}:`,
        paragraphs: [
          ok
            ? `Terminó la importación del directorio que usted inició el ${formatBogotaDate(job.createdAt)}. Este es el resumen:`
            : `La importación del directorio que usted inició el ${formatBogotaDate(job.createdAt)} no se aplicó: nada se cambió en el directorio.`,
          ...lines,
          'El registro de auditoría de la importación queda con su usuario.',
        ],
        action: { label: 'Ver el directorio', url: `${publicBaseUrl.replace(/\/$/, '')}/funcionario/directorio?carga=${job.id}` },
      }),
    );
    return true;
  };
}
