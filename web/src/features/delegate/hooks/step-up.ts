import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { ApiError } from '../../../lib/api-client';
import { navigate } from '../../../lib/router';
import type { SecretVersion } from '../api/get-my-secret';

/** What the person pressed before being sent to confirm their second factor: done for them on return. */
export type StepUpAction = 'mostrar' | 'copiar' | 'descargar';
type Intent = { environment: EnvironmentName; version: SecretVersion; action: StepUpAction };

const KEY = 'ihce.paso-adicional';
/** Where the second-factor page sends the delegate back: Paso 2 on the home page. */
export const STEP_UP_RETURN = '/';

/** The API's refusal of a production secret without a recent second factor. */
export const isStepUpRequired = (error: unknown): boolean => error instanceof ApiError && error.code === 'segundo-factor-requerido';

/** Remembers the action (never a secret) for this tab and opens the second-factor page with the way back. */
export function startStepUp(intent: Intent): void {
  sessionStorage.setItem(KEY, JSON.stringify(intent));
  navigate(`/segundo-factor?volver=${encodeURIComponent(STEP_UP_RETURN)}`);
}

/** The action pending for this key, once: it is forgotten as it is taken. */
export function takeStepUpIntent(environment: EnvironmentName, version: SecretVersion): StepUpAction | undefined {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return undefined;
  try {
    const intent = JSON.parse(stored) as Intent;
    if (intent.environment !== environment || intent.version !== version) return undefined;
    sessionStorage.removeItem(KEY);
    return intent.action;
  } catch {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
}
