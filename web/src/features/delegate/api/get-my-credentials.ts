import { useEffect, useState } from 'preact/hooks';
import type { MyCredentials } from '../../../../../src/credentials/my-credentials.service';
import { apiRequest } from '../../../lib/api-client';

/** The delegate's key file: state, availability of each request kind, history, and the keys without secrets. */
export type MyKeys = Awaited<ReturnType<MyCredentials['view']>>;

/** GET /api/my/credentials. */
export function getMyCredentials(): Promise<MyKeys> {
  return apiRequest<MyKeys>('GET', 'my/credentials');
}

/** Loads the delegate's key file once. */
export function useMyKeys(): { keys: MyKeys | undefined; error: string | undefined } {
  const [keys, setKeys] = useState<MyKeys | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    getMyCredentials().then(setKeys, (failure: Error) => setError(failure.message));
  }, []);
  return { keys, error };
}
