import { useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { KeyCheckView } from '../../../../../src/credentials/key-check.schemas';
import { KeyCheckResult } from '../../../components/key-check-result';
import { ApiError } from '../../../lib/api-client';
import { createProviderKeyCheck } from '../api/create-provider-key-check';
import type { Values } from './key-form-values';

/** The last «Verificar llaves» of an environment, for what is typed now (a change to a key field clears it). */
export type VerificationState = { result?: KeyCheckView | undefined; confirmed: boolean };

/** «Verificar llaves»: asks the environment's token endpoint for a token with what was typed, before «Guardar». */
export function KeyVerification({
  nit,
  name,
  label,
  values,
  state,
  onChange,
  error,
}: {
  nit: string;
  name: EnvironmentName;
  label: string;
  values: Values;
  state: VerificationState;
  onChange: (state: VerificationState) => void;
  error?: string | undefined;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  async function verify() {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await createProviderKeyCheck(nit, name, {
        clientId: values[`${name}.clientId`].trim(),
        clientSecret: values[`${name}.clientSecret`].trim(),
        tenantId: values[`${name}.tenantId`].trim(),
        scope: values[`${name}.scope`].trim(),
      });
      onChange({ result, confirmed: false });
    } catch (failure) {
      onChange({ confirmed: false });
      const fields = failure instanceof ApiError ? Object.values(failure.fields) : [];
      setProblem(fields.length > 0 ? fields.join(' ') : (failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  // Failed here, or the server refused «Guardar» because these very keys failed an earlier verification.
  const failed = (state.result && !state.result.ok) || error !== undefined;
  return (
    <div class="key-check-panel">
      <p>
        <button type="button" class="button button--secondary" onClick={verify} disabled={busy}>
          {busy ? 'Verificando…' : 'Verificar llaves'}
          <span class="visually-hidden"> de {label}</span>
        </button>
      </p>
      <p class="hint">Pide un token a Entra ID con el ClientID, el ClientSecret, el tenant y el scope escritos, antes de guardar.</p>
      <div role="status" aria-live="polite">
        {state.result && <KeyCheckResult result={state.result} />}
        {problem && <p class="notice notice--error">{problem}</p>}
      </div>
      {failed && (
        <div class="checkbox">
          <input
            type="checkbox"
            id={`${name}.verification`}
            checked={state.confirmed}
            onChange={(event) => onChange({ ...state, confirmed: (event.currentTarget as HTMLInputElement).checked })}
          />
          <label for={`${name}.verification`}>Guardar de todos modos las llaves de {label}, aunque no pasaron la verificación</label>
          {error && <p class="field-error">{error}</p>}
        </div>
      )}
    </div>
  );
}
