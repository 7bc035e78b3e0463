import { useState } from 'preact/hooks';
import { assignCredentialsSchema, updateReasonProblem, type EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { useSubmission, validate } from '../../../lib/forms';
import type { ProviderFile } from '../api/get-provider';
import { putProviderCredentials } from '../api/put-provider-credentials';
import { EnvironmentFields } from './environment-fields';
import { environments, fieldOrder, initialValues, toBody, type Mode, type Revoke, type Values } from './key-form-values';

/** Registrar / Actualizar llaves: both environments in one save, guarded by the file's version (If-Match). */
export function KeyForm({
  file,
  hasKeys,
  onSaved,
  onConflict,
}: {
  file: ProviderFile;
  hasKeys: boolean;
  onSaved: (message: string) => void;
  onConflict: () => void;
}) {
  const [values, setValues] = useState<Values>(() => initialValues(file));
  const [modes, setModes] = useState<Record<EnvironmentName, Mode>>({ preproduction: 'manual', production: 'manual' });
  const [revoke, setRevoke] = useState<Revoke>({ preproduction: false, production: false });
  const [conflict, setConflict] = useState(false);
  const [updateReason, setUpdateReason] = useState('');
  // Keys already there and no request waiting: the official is correcting them, and says why (6.4.2.1).
  const updating = hasKeys && !file.status.startsWith('pending');
  const submission = useSubmission();
  const set = (key: keyof Values) => (value: string) => setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    setConflict(false);
    const body = { ...toBody(values, modes, revoke), ...(updateReason.trim() !== '' && { updateReason }) };
    // The same schema the API parses this body with, so its field errors (ids and texts) are the API's own; the API still decides.
    const checked = validate(assignCredentialsSchema, body);
    const reasonProblem = updateReasonProblem({ hasKeys, pendingRequest: file.status.startsWith('pending'), updateReason });
    if (!checked.ok || reasonProblem)
      return submission.fail({ ...(checked.ok ? {} : checked.errors), ...(reasonProblem && { updateReason: reasonProblem }) });
    const result = await submission.run(async () => {
      try {
        return await putProviderCredentials(file.provider.nit, file.version, body);
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 409) setConflict(true);
        throw failure;
      }
    });
    if (result) onSaved(result.message);
  }

  return (
    <form class="form form--wide" onSubmit={submit} noValidate aria-labelledby="llaves-titulo">
      <h2 id="llaves-titulo">{hasKeys ? 'Actualizar llaves' : 'Registrar llaves'}</h2>
      <p class="hint">
        Registre las llaves generadas en Microsoft Entra ID para cada ambiente
        {file.generation.preproduction || file.generation.production ? ', o pulse «Generar en Entra ID» para que el sistema las cree' : ''}.
        El ClientSecret y la subscription key se guardan solo en Key Vault.
      </p>
      <ErrorSummary
        title="Revise los siguientes datos"
        items={submission.summary([...fieldOrder, 'updateReason'])}
        version={submission.version}
      />
      {conflict && (
        <div class="notice notice--error">
          <button type="button" class="button button--secondary" onClick={onConflict}>
            Recargar datos actuales
          </button>
        </div>
      )}
      <div class="environments">
        {environments.map(({ name, label }) => (
          <EnvironmentFields
            key={name}
            file={file}
            name={name}
            label={label}
            entra={modes[name] === 'entra'}
            onToggleMode={() => setModes((current) => ({ ...current, [name]: current[name] === 'entra' ? 'manual' : 'entra' }))}
            values={values}
            set={set}
            revoke={revoke[name]}
            onRevoke={(checked) => setRevoke((current) => ({ ...current, [name]: checked }))}
            errors={submission.errors}
          />
        ))}
      </div>
      {updating && (
        <TextAreaField
          id="updateReason"
          label="Motivo de la actualización"
          required={updating}
          value={updateReason}
          onInput={setUpdateReason}
          maxLength={500}
          hint="Qué información era inconsistente y qué se corrigió. Queda en la trazabilidad y el delegado lo ve en su historial."
          error={submission.errors.updateReason}
        />
      )}
      <div class="actions">
        <button type="submit" class="button" disabled={submission.busy}>
          {submission.busy ? 'Guardando…' : 'Guardar'}
        </button>
      </div>
    </form>
  );
}
