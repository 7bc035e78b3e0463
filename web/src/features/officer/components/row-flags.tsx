import type { ProviderFlags } from '../../../../../src/key-files/provider-flags';

const day = (iso: string) => new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeZone: 'America/Bogota' }).format(new Date(iso));

/** Actualizar Token: what to notice on a row, in words (the colour only repeats them). */
export function RowFlags({ flags }: { flags: ProviderFlags }) {
  if (!flags.pendingRenewal && !flags.rejectedAt) return null;
  return (
    <ul class="row-flags" aria-label="Avisos">
      {flags.pendingRenewal && <li class="row-flag row-flag--renewal">Resolicitud pendiente</li>}
      {flags.rejectedAt && <li class="row-flag row-flag--rejected">Rechazada el {day(flags.rejectedAt)}</li>}
    </ul>
  );
}
