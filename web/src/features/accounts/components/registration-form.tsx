import { useState } from 'preact/hooks';
import {
  confidentialityAgreement,
  entityTypes,
  registrationSchema,
  type RegistrationSummary,
} from '../../../../../src/accounts/accounts.schemas';
import { SEPARATORS_RULE } from '../../../../../src/identity/colombian-ids';
import { documentOptions } from './document-options';
import { Captcha } from '../../../components/captcha';
import { ErrorSummary } from '../../../components/error-summary';
import { AgreementText, CheckboxField, SelectField, TextField } from '../../../components/fields';
import { useSubmission, validate } from '../../../lib/forms';
import { createRegistration } from '../api/create-registration';

export type UserType = 'delegate' | 'officer';
const numberHint = `Sin espacios, sin comas, sin guiones, sin puntos y sin dígito de verificación.`;

export function RegistrationForm({
  userType,
  onDone,
}: {
  userType: UserType;
  onDone: (summary: RegistrationSummary, resent: boolean) => void;
}) {
  const [entityType, setEntityType] = useState('PSS');
  const [nit, setNit] = useState('');
  const [idType, setIdType] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [captcha, setCaptcha] = useState<string | undefined>();
  const [accepts, setAccepts] = useState(false);
  const [captchaReset, setCaptchaReset] = useState(0);
  const submission = useSubmission();
  const { errors } = submission;
  const isDelegate = userType === 'delegate';
  const order = ['userType', 'entityType', 'nit', 'idType', 'idNumber', 'captcha', 'acceptsConfidentiality'];

  async function submit(event: Event) {
    event.preventDefault();
    const input = isDelegate
      ? {
          userType,
          entityType,
          nit: nit.trim(),
          idType,
          idNumber: idNumber.trim(),
          captcha: captcha ?? '',
          acceptsConfidentiality: accepts,
        }
      : { userType, idType, idNumber: idNumber.trim(), captcha: captcha ?? '', acceptsConfidentiality: accepts };
    const checked = validate(registrationSchema, input);
    if (!checked.ok) return submission.fail(checked.errors);
    const result = await submission.run(() => createRegistration(checked.data));
    setCaptchaReset((n) => n + 1);
    if (result) onDone(result.summary, result.resent);
  }

  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="form-registro-titulo">
      <h2 id="form-registro-titulo">
        {isDelegate ? 'Registro de Delegado Administrativo' : 'Registro de Otro Usuario (funcionario MSPS)'}
      </h2>
      <p class="hint">Los campos marcados con * son obligatorios.</p>
      <ErrorSummary title="Revise los siguientes datos" items={submission.summary(order)} version={submission.version} />
      {isDelegate && (
        <>
          <SelectField
            id="entityType"
            label="Tipo de Entidad"
            required
            value={entityType}
            onChange={setEntityType}
            error={errors.entityType}
            options={entityTypes.map((t) => ({ value: t.code, label: t.label }))}
          />
          <TextField
            id="nit"
            label="NIT de la entidad"
            required
            value={nit}
            onInput={setNit}
            inputMode="numeric"
            maxLength={20}
            autocomplete="off"
            hint={`Solo números: ${SEPARATORS_RULE}.`}
            error={errors.nit}
          />
        </>
      )}
      <SelectField
        id="idType"
        label={isDelegate ? 'Tipo identificación delegado' : 'Tipo identificación'}
        required
        value={idType}
        onChange={setIdType}
        error={errors.idType}
        options={documentOptions}
        placeholder="Seleccione…"
      />
      <TextField
        id="idNumber"
        label={isDelegate ? 'Número identificación delegado' : 'Número identificación'}
        required
        value={idNumber}
        onInput={setIdNumber}
        maxLength={20}
        autocomplete="off"
        hint={numberHint}
        error={errors.idNumber}
      />
      <Captcha id="captcha" error={errors.captcha} onChange={setCaptcha} resetKey={captchaReset} />
      <CheckboxField
        id="acceptsConfidentiality"
        label="Acepto el acuerdo de confidencialidad"
        required
        checked={accepts}
        onChange={setAccepts}
        error={errors.acceptsConfidentiality}
      >
        <AgreementText
          summary="Leer el acuerdo de confidencialidad"
          version={confidentialityAgreement.version}
          paragraphs={confidentialityAgreement.paragraphs}
        />
      </CheckboxField>
      <div class="actions">
        <button type="submit" class="button" disabled={submission.busy}>
          {submission.busy ? 'Registrando…' : 'Registrar'}
        </button>
      </div>
    </form>
  );
}
