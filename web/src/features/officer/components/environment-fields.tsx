import type { FieldErrors } from '../../../lib/api-client';
import { TextField } from '../../../components/fields';
import { formatDate, formatDateTime } from '../../../lib/format';
import { apiAccessLabels, keyFieldLabels, type EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';
import type { ProviderFile } from '../api/get-provider';
import { CertificateOnlyStatus } from './certificate-only-status';
import type { Field, Mode, Values } from './key-form-values';
import { KeyModeChoice } from './key-mode-choice';
import { KeyVerification, type VerificationState } from './key-verification';
import { SecretVersions } from './secret-versions';

/** One environment of the key form: how the keys will be created, the keys, «Revocar de inmediato», and what is on file. */
export function EnvironmentFields({
  file,
  name,
  label,
  mode,
  onMode,
  expiryRange,
  entraExpiry,
  onBadDate,
  values,
  set,
  revoke,
  onRevoke,
  verification,
  onVerification,
  errors,
  certificateOnly,
  certificate,
}: {
  file: ProviderFile;
  name: EnvironmentName;
  label: string;
  mode: Mode;
  onMode: (mode: Mode) => void;
  /** The days the policy allows (tomorrow … 24 months), for the date field's min and max. */
  expiryRange: { min: string; max: string };
  /** The date proposed when the keys are generated in Entra ID. */
  entraExpiry: string;
  onBadDate: (bad: boolean) => void;
  values: Values;
  set: (key: keyof Values) => (value: string) => void;
  revoke: boolean;
  onRevoke: (checked: boolean) => void;
  verification: VerificationState;
  onVerification: (state: VerificationState) => void;
  errors: FieldErrors;
  /** …_CREDENTIAL_TYPE=certificate: no ClientSecret is typed, generated or verified here. */
  certificateOnly: boolean;
  /** The provider's certificate for this environment, if uploaded. */
  certificate: CertificateView | undefined;
}) {
  const current = file.environments[name];
  const error = (field: Field) => errors[`${name}.${field}`];
  const entra = mode === 'entra';
  // Revoking needs a ClientSecret on file that this save replaces: in a certificate-only environment only «Generar» does.
  const revocable = current !== undefined && (!certificateOnly || (entra && current.secretVersions.some((version) => version.current)));
  return (
    <fieldset class="group">
      <legend>{label}</legend>
      {file.generation[name] && (
        <KeyModeChoice
          name={name}
          label={label}
          nit={file.provider.nit}
          mode={mode}
          hasKeys={current !== undefined}
          certificateOnly={certificateOnly}
          proposedExpiry={entraExpiry}
          onChange={onMode}
          error={errors[`${name}.mode`]}
        />
      )}
      {!entra && (
        <>
          <TextField
            id={`${name}.clientId`}
            label={`ClientID de ${label}`}
            required
            value={values[`${name}.clientId`]}
            onInput={set(`${name}.clientId`)}
            maxLength={36}
            hint="GUID del registro de aplicación (Application ID)."
            error={error('clientId')}
          />
          {!certificateOnly && (
            <TextField
              id={`${name}.clientSecret`}
              label={`ClientSecret de ${label}`}
              type="password"
              required={!current}
              autocomplete="new-password"
              value={values[`${name}.clientSecret`]}
              onInput={set(`${name}.clientSecret`)}
              maxLength={512}
              hint={
                current
                  ? 'Déjelo vacío para conservar el actual; si escribe uno nuevo, el anterior sigue visible para el delegado durante el periodo de transición.'
                  : 'Valor del secreto de cliente generado en Entra ID.'
              }
              error={error('clientSecret')}
            />
          )}
        </>
      )}
      {certificateOnly && <CertificateOnlyStatus name={name} label={label} certificate={certificate} />}
      <TextField
        id={`${name}.expiresOn`}
        label={`Fecha de expiración de ${label}`}
        type="date"
        min={expiryRange.min}
        max={expiryRange.max}
        onBadInput={onBadDate}
        required
        value={values[`${name}.expiresOn`]}
        onInput={set(`${name}.expiresOn`)}
        maxLength={10}
        hint={`Desde mañana (${formatDate(expiryRange.min)}) hasta el ${formatDate(expiryRange.max)}, 24 meses como máximo. Si su navegador la pide como texto, escríbala AAAA-MM-DD.`}
        error={error('expiresOn')}
      />
      {!entra && (
        <TextField
          id={`${name}.tenantId`}
          label={`${keyFieldLabels.tenantId} de ${label}`}
          required
          value={values[`${name}.tenantId`]}
          onInput={set(`${name}.tenantId`)}
          maxLength={36}
          error={error('tenantId')}
        />
      )}
      <TextField
        id={`${name}.scope`}
        label={`${keyFieldLabels.scope} de ${label}`}
        required
        value={values[`${name}.scope`]}
        onInput={set(`${name}.scope`)}
        maxLength={200}
        error={error('scope')}
      />
      {!entra && !certificateOnly && (
        <KeyVerification
          nit={file.provider.nit}
          name={name}
          label={label}
          values={values}
          state={verification}
          onChange={onVerification}
          error={errors[`${name}.verification`]}
        />
      )}
      <TextField
        id={`${name}.endpoint`}
        label={`${keyFieldLabels.endpoint} de ${label}`}
        required
        value={values[`${name}.endpoint`]}
        onInput={set(`${name}.endpoint`)}
        maxLength={300}
        error={error('endpoint')}
      />
      <TextField
        id={`${name}.subscriptionKey`}
        label={`${keyFieldLabels.subscriptionKey} de API Management de ${label}`}
        type="password"
        autocomplete="new-password"
        value={values[`${name}.subscriptionKey`]}
        onInput={set(`${name}.subscriptionKey`)}
        maxLength={256}
        hint={current?.hasSubscriptionKey ? 'Déjela vacía para conservar la actual.' : 'Opcional.'}
        error={error('subscriptionKey')}
      />
      {revocable && (
        <div class="checkbox">
          <input
            type="checkbox"
            id={`${name}.revokePrevious`}
            checked={revoke}
            onChange={(event) => onRevoke((event.currentTarget as HTMLInputElement).checked)}
            aria-describedby={`${name}-revocar-ayuda`}
          />
          <label for={`${name}.revokePrevious`}>Revocar de inmediato el ClientSecret anterior de {label}</label>
          <p class="hint" id={`${name}-revocar-ayuda`}>
            Solo si se expuso: con un ClientSecret nuevo, el anterior deja de funcionar al guardar, sin periodo de transición.
          </p>
          {errors[`${name}.revokePrevious`] && <p class="field-error">{errors[`${name}.revokePrevious`]}</p>}
        </div>
      )}
      {current && (
        <>
          <p class="hint">
            {current.source === 'entra' ? `Generadas en Entra ID (aplicación ${current.application ?? ''})` : 'Registradas a mano'} por{' '}
            {current.assignedBy} el {formatDateTime(current.assignedAt)}; vencen el {formatDate(current.expiresOn)}.
          </p>
          {current.apiAccess && (
            <p
              class={current.apiAccess === 'pending' ? 'hint api-access api-access--pending' : 'hint api-access'}
              data-api-access={current.apiAccess}
            >
              {apiAccessLabels[current.apiAccess]}
            </p>
          )}
          <SecretVersions nit={file.provider.nit} environment={name} label={label} versions={current.secretVersions} />
        </>
      )}
    </fieldset>
  );
}
