import { useState } from 'preact/hooks';
import { assignCredentialsSchemaFor } from '../../../../../src/credentials/assignment.schemas';
import { environmentLabels, type EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { bogotaToday, entraDefaultExpiry, expiryRange } from '../../../../../src/credentials/key-entry.schemas';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { useSubmission, validate } from '../../../lib/forms';
import type { CertificatesOfProvider } from '../../../../../src/credentials/certificates.schemas';
import type { ProviderFile } from '../api/get-provider';
import { putProviderCredentials } from '../api/put-provider-credentials';
import { EnvironmentFields } from './environment-fields';
import type { VerificationState } from './key-verification';
import { environments, fieldOrder, initialValues, toBody, type Mode, type Revoke, type Values } from './key-form-values';

type PerEnvironment<T> = Record<EnvironmentName, T>;

/** Registrar / Actualizar llaves: both environments in one save, guarded by the file's version (If-Match). */
export function KeyForm({
  file,
  certificates,
  hasKeys,
  onSaved,
  onConflict,
}: {
  file: ProviderFile;
  /** Each environment's credential type and certificate (GET /api/providers/{nit}/certificates); absent: «either». */
  certificates: CertificatesOfProvider | undefined;
  hasKeys: boolean;
  onSaved: (message: string) => void;
  onConflict: () => void;
}) {
  const [initial] = useState<Values>(() => initialValues(file));
  const [values, setValues] = useState<Values>(initial);
  const [modes, setModes] = useState<PerEnvironment<Mode>>({ preproduction: 'manual', production: 'manual' });
  const [revoke, setRevoke] = useState<Revoke>({ preproduction: false, production: false });
  /** A date field holding an unfinished or impossible date (the browser then reports an empty value). */
  const [badDates, setBadDates] = useState<PerEnvironment<boolean>>({ preproduction: false, production: false });
  const [conflict, setConflict] = useState(false);
  const [updateReason, setUpdateReason] = useState('');
  // Keys already there and no request waiting: the official is correcting them, and says why (6.4.2.1).
  const updating = hasKeys && !file.status.startsWith('pending');
  const submission = useSubmission();
  const credentialTypes = {
    preproduction: certificates?.environments.preproduction.credentialType ?? 'either',
    production: certificates?.environments.production.credentialType ?? 'either',
  };
  const today = bogotaToday(new Date());
  const range = expiryRange(today);
  const entraExpiry = entraDefaultExpiry(today);
  // «Verificar llaves» holds for what was typed: changing a key field of an environment clears its verification.
  const [verifications, setVerifications] = useState<PerEnvironment<VerificationState>>({
    preproduction: { confirmed: false },
    production: { confirmed: false },
  });
  const set = (key: keyof Values) => (value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    const [name, field] = key.split('.') as [EnvironmentName, string];
    if (['clientId', 'clientSecret', 'tenantId', 'scope'].includes(field))
      setVerifications((current) => ({ ...current, [name]: { confirmed: false } }));
  };

  /** Generated keys take the longest expiry Entra ID accepts within the policy, unless the official already picked another date. */
  function chooseMode(name: EnvironmentName, mode: Mode) {
    setModes((current) => ({ ...current, [name]: mode }));
    const key = `${name}.expiresOn` as const;
    setValues((current) => {
      if (mode === 'entra' && current[key] === initial[key]) return { ...current, [key]: entraExpiry };
      if (mode === 'manual' && current[key] === entraExpiry && initial[key] !== entraExpiry) return { ...current, [key]: initial[key] };
      return current;
    });
  }

  async function submit(event: Event) {
    event.preventDefault();
    setConflict(false);
    const body = { ...toBody(values, modes, revoke), ...(updateReason.trim() !== '' && { updateReason }) };
    // The server knows what «Verificar llaves» found for these very keys; keys that failed need the explicit confirmation.
    for (const { name } of environments)
      if (modes[name] === 'manual' && verifications[name].confirmed) body[name] = { ...body[name], confirmFailedVerification: true };
    // The same checks the API runs (formats, dates against today, what the keys on file allow), all at once; the API still decides.
    const checked = validate(
      assignCredentialsSchemaFor({
        today,
        current: file.environments,
        generation: file.generation,
        credentialTypes,
        updateReasonRequired: updating,
      }),
      body,
    );
    const errors = checked.ok ? {} : { ...checked.errors };
    for (const { name } of environments)
      if (badDates[name] && values[`${name}.expiresOn`] === '')
        errors[`${name}.expiresOn`] =
          `La fecha de expiración de ${environmentLabels[name]} está incompleta o no existe: revise el día, el mes y el año.`;
    for (const { name, label } of environments)
      if (modes[name] === 'manual' && verifications[name].result?.ok === false && !verifications[name].confirmed)
        errors[`${name}.verification`] =
          `Las llaves de ${label} no pasaron la verificación: corríjalas y pulse «Verificar llaves» de nuevo, o marque «Guardar de todos modos».`;
    if (Object.keys(errors).length > 0) return submission.fail(errors);
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
        {file.generation.preproduction || file.generation.production ? ', o elija que el sistema las genere en Entra ID al guardar' : ''}.
        El ClientSecret y la clave de suscripción (Ocp-Apim-Subscription-Key) se guardan solo en Key Vault.
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
            mode={modes[name]}
            onMode={(mode) => chooseMode(name, mode)}
            expiryRange={range}
            entraExpiry={entraExpiry}
            onBadDate={(bad) => setBadDates((current) => ({ ...current, [name]: bad }))}
            values={values}
            set={set}
            revoke={revoke[name]}
            onRevoke={(checked) => setRevoke((current) => ({ ...current, [name]: checked }))}
            verification={verifications[name]}
            onVerification={(state) => setVerifications((current) => ({ ...current, [name]: state }))}
            errors={submission.errors}
            certificateOnly={credentialTypes[name] === 'certificate'}
            certificate={certificates?.environments[name].certificate}
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
