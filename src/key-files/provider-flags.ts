import type { KeyFile } from './key-file';

/**
 * What an official must notice on a row of Actualizar Token before touching a provider's keys: a Resolicitud
 * waiting (it belongs in Asignar Token) and a rejection (its date). The web writes them as text, not colour.
 * The search index keeps them on each provider's card (search-rows.ts), so a result page reads no key file.
 */
export const flagsOf = (file: KeyFile) => ({
  pendingRenewal: file.pendingKind === 'renewal',
  ...(file.lastOutcome === 'rejected' && !file.pendingKind && file.rejection && { rejectedAt: file.rejection.at }),
});
export type ProviderFlags = ReturnType<typeof flagsOf>;

/** What the search card of a provider takes from its key file: the keys' expiry dates and the row's flags. */
export const cardStateOf = (file: KeyFile) => ({
  expiresOn: { preproduction: file.environments.preproduction?.expiresOn, production: file.environments.production?.expiresOn },
  flags: flagsOf(file),
});
export type CardState = ReturnType<typeof cardStateOf>;
