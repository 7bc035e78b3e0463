import { useEffect, useState } from 'preact/hooks';
import type { MyCredentials } from '../../../../../src/credentials/my-credentials.service';
import { apiRequest } from '../../../lib/api-client';

/** The delegate's key file: state, availability of each request kind, history, and the keys without secrets. */
export type MyKeys = Awaited<ReturnType<MyCredentials['view']>>;

/** GET /api/my/credentials. */
export function getMyCredentials(): Promise<MyKeys> {
  return apiRequest<MyKeys>('GET', 'my/credentials');
}

/** Pre-production may be issued automatically within a minute of a request: Paso 2 looks again meanwhile. */
const WATCH_MS = 2 * 60 * 1000;
const WATCH_EVERY_MS = 5_000;
const awaitingPreproduction = (keys: MyKeys) =>
  keys.status.startsWith('pending') &&
  !keys.environments.preproduction &&
  keys.pendingSince !== undefined &&
  Date.now() - Date.parse(keys.pendingSince) < WATCH_MS;

/** Loads the delegate's key file; while a fresh request may still get its pre-production keys, again every few seconds. */
export function useMyKeys(): { keys: MyKeys | undefined; error: string | undefined } {
  const [keys, setKeys] = useState<MyKeys | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    getMyCredentials().then(setKeys, (failure: Error) => setError(failure.message));
  }, []);
  useEffect(() => {
    if (!keys || !awaitingPreproduction(keys)) return;
    const timer = setTimeout(() => void getMyCredentials().then(setKeys, () => undefined), WATCH_EVERY_MS);
    return () => clearTimeout(timer);
  }, [keys]);
  return { keys, error };
}
