import { formatBogotaDate } from '../kernel/bogota-date';
import { plural } from '../kernel/plural';
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
  /** `undefined`: the job is not closed yet (the event is left for a later delivery); `false`: nothing to send. */
  return async (uploadId: string): Promise<boolean | undefined> => {
    const job = await uploadOf(uploadId);
    if (!job) return false;
    if (job.state !== 'done' && job.state !== 'failed') return undefined;
    const to = await recipientOf(job.officer);
    if (!to) return false;
    const ok = job.state === 'done';
    const lines = (job.result ?? []).map((r) =>
      r.imported
        ? `${labels[r.kind]}: ${plural(r.rows, 'fila leída', 'filas leídas')}; ${plural(r.created, 'nuevo')}, ${plural(r.updated, 'actualizado')}, ${r.unchanged} sin cambios, ${plural(r.removed, 'retirado')}.`
        : `${labels[r.kind]}: no se importó${r.errors?.length ? ` (${plural(r.errors.length, 'línea con errores', 'líneas con errores')}; la primera, línea ${r.errors[0]!.line}: ${r.errors[0]!.message})` : ' (otro archivo de la carga tiene errores)'}.`,
    );
    const started = formatBogotaDate(job.createdAt);
    const opening = job.interrupted
      ? interruptedText(job.written ?? 0, started)
      : ok
        ? `Terminó la importación del directorio que usted inició el ${started}. Este es el resumen:`
        : `La importación del directorio que usted inició el ${started} no se aplicó: nada se cambió en el directorio.`;
    await mailer.send(
      renderEmail({
        to: [to.email],
        subject: ok
          ? 'Directorio importado – IHCE Llaves de acceso'
          : job.interrupted
            ? 'La importación del directorio se interrumpió – IHCE Llaves de acceso'
            : 'La importación del directorio no se aplicó – IHCE Llaves de acceso',
        greeting: `Hola, ${to.fullName}:`,
        paragraphs: [
          opening,
          ...(job.reason ? [job.reason] : []),
          ...lines,
          'El registro de auditoría de la importación queda con su usuario.',
        ],
        action: { label: 'Ver el directorio', url: `${publicBaseUrl.replace(/\/$/, '')}/funcionario/directorio?carga=${job.id}` },
      }),
    );
    return true;
  };
}

/** A job that died half-way: how many rows it wrote, and that a new upload of the same files writes only the rest. */
export function interruptedText(written: number, started: string): string {
  return written === 0
    ? `La importación del directorio que usted inició el ${started} se interrumpió antes de escribir: nada se cambió en el directorio. Vuelva a cargar el archivo.`
    : `La importación del directorio que usted inició el ${started} se interrumpió después de escribir ${plural(written, 'fila')}; vuelva a cargar el archivo: solo se escribirá lo que falta.`;
}
