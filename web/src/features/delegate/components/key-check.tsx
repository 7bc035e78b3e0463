import { useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { KeyCheckView } from '../../../../../src/credentials/key-check.schemas';
import { KeyCheckResult } from '../../../components/key-check-result';
import { createMyKeyCheck } from '../api/create-my-key-check';

/** «Probar llaves»: the server asks the environment's token endpoint for a token with these keys; the secret stays on the server. */
export function KeyCheck({ environment, label }: { environment: EnvironmentName; label: string }) {
  const [result, setResult] = useState<KeyCheckView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await createMyKeyCheck(environment));
    } catch (failure) {
      setResult(undefined);
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="key-check-panel">
      <p>
        <button type="button" class="button button--secondary" onClick={run} disabled={busy}>
          {busy ? 'Probando…' : 'Probar llaves'}
          <span class="visually-hidden"> de {label}</span>
        </button>
      </p>
      <p class="hint">Pide un token al Ministerio con estas llaves, sin mostrar el ClientSecret. El token no se guarda.</p>
      <div role="status" aria-live="polite">
        {result && <KeyCheckResult result={result} />}
        {error && <p class="notice notice--error">{error}</p>}
      </div>
    </div>
  );
}
