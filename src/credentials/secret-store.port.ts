/** Where a secret lives: tables keep only this, never the value. */
export type SecretRef = { name: string; version: string };

/**
 * Every ClientSecret and subscription key goes through here: Key Vault in Azure, an encrypted development
 * store locally. Writing always creates a new version; earlier versions stay readable by reference.
 */
export type SecretStore = {
  put(name: string, value: string): Promise<SecretRef>;
  get(ref: SecretRef): Promise<string>;
  /** Retires one version: it can no longer be read (Key Vault: enabled = false). Idempotent. */
  disable(ref: SecretRef): Promise<void>;
};

/** Key Vault names: letters, digits and `-`, at most 127 characters. */
export function secretName(...parts: string[]): string {
  const name = parts
    .join('-')
    .replace(/[^A-Za-z0-9-]/g, '-')
    .replace(/-+/g, '-');
  if (name.length > 127) throw new Error('Nombre de secreto demasiado largo');
  return name;
}
