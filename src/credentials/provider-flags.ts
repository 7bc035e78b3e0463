import type { KeyFile } from '../key-files/key-file';

/**
 * What an official must notice on a row of Actualizar Token before touching a provider's keys: a Resolicitud
 * waiting (it belongs in Asignar Token) and a rejection (its date). The web writes them as text, not colour.
 */
export const flagsOf = (file: KeyFile) => ({
  pendingRenewal: file.pendingKind === 'renewal',
  ...(file.lastOutcome === 'rejected' && !file.pendingKind && file.rejection && { rejectedAt: file.rejection.at }),
});
export type ProviderFlags = ReturnType<typeof flagsOf>;
