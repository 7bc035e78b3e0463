import { useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { getMySecret, type MySecret, type SecretVersion } from '../api/get-my-secret';

/**
 * «Mostrar» / «Copiar» of one secret: fetched once on first use (each fetch is audited by the API), kept in
 * memory only, shown or hidden on demand.
 */
export function useRevealedSecret(environment: EnvironmentName, version: SecretVersion = 'vigente') {
  const [secret, setSecret] = useState<MySecret | undefined>();
  const [visible, setVisible] = useState(false);
  const [error, setError] = useState<string | undefined>();
  async function load(): Promise<MySecret> {
    if (secret) return secret;
    const loaded = await getMySecret(environment, version);
    setSecret(loaded);
    return loaded;
  }
  async function toggle() {
    setError(undefined);
    if (visible) return setVisible(false);
    try {
      await load();
      setVisible(true);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  return { secret: visible ? secret : undefined, visible, error, load, toggle };
}
