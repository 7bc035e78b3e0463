import { useEffect, useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { getMySecret, type MySecret, type SecretVersion } from '../api/get-my-secret';
import { isStepUpRequired, startStepUp, takeStepUpIntent, type StepUpAction } from './step-up';

/**
 * «Mostrar» / «Copiar» of one secret: fetched once on first use (each fetch is audited by the API), kept in
 * memory only, shown or hidden on demand. Production needs a recent second factor: the person is sent to
 * confirm it and, back here, the secret is shown (`resumed` says which button sent them).
 */
export function useRevealedSecret(environment: EnvironmentName, version: SecretVersion = 'vigente') {
  const [secret, setSecret] = useState<MySecret | undefined>();
  const [visible, setVisible] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [resumed, setResumed] = useState<StepUpAction | undefined>();

  async function load(action: StepUpAction = 'copiar'): Promise<MySecret> {
    if (secret) return secret;
    try {
      const loaded = await getMySecret(environment, version);
      setSecret(loaded);
      return loaded;
    } catch (failure) {
      if (isStepUpRequired(failure)) startStepUp({ environment, version, action });
      throw failure;
    }
  }

  async function show() {
    try {
      await load('mostrar');
      setVisible(true);
    } catch (failure) {
      if (!isStepUpRequired(failure)) setError((failure as Error).message);
    }
  }

  async function toggle() {
    setError(undefined);
    setResumed(undefined);
    if (visible) return setVisible(false);
    await show();
  }

  useEffect(() => {
    const action = takeStepUpIntent(environment, version);
    if (!action) return;
    setResumed(action);
    if (action !== 'descargar') void show();
  }, []);

  return { secret: visible ? secret : undefined, visible, error, resumed, load: () => load('copiar'), toggle };
}
