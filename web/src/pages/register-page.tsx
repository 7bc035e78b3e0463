import { useState } from 'preact/hooks';
import {
  confidentialityAgreement,
  entityTypes,
  registrationSchema,
  type RegistrationSummary,
} from '../../../src/accounts/accounts.schemas';
import { documentTypes, SEPARATORS_RULE } from '../../../src/identity/colombian-ids';
import { apiWithStatus } from '../api';
import { Captcha } from '../components/captcha';
import { ErrorSummary } from '../components/error-summary';
import { AgreementText, CheckboxField, SelectField, TextField } from '../components/fields';
import { useSubmission, validate } from '../forms';
import { onLinkClick } from '../router';

type UserType = 'delegate' | 'officer';
const documentOptions = documentTypes.map((t) => ({ value: t.code, label: `${t.code} – ${t.label}` }));
const numberHint = `Sin espacios, sin comas, sin guiones, sin puntos y sin dígito de verificación.`;

/** Registro de Usuarios (seed 6.2): Delegado Administrativo or Otro Usuario (ministry staff). */
export function RegisterPage() {
  const [userType, setUserType] = useState<UserType | undefined>();
  const [summary, setSummary] = useState<{ data: RegistrationSummary; resent: boolean } | undefined>();

  if (summary) return <RegistrationDone summary={summary.data} resent={summary.resent} />;
  return (
    <>
      <h1>Registro de Usuarios</h1>
      <p class="lead">
        Sistema <strong>IHCE – Administración de Llaves de acceso</strong>. Seleccione el tipo de usuario con el que se va a registrar.
      </p>
      <fieldset class="user-types">
        <legend>Tipo de usuario</legend>
        <label class={`user-type${userType === 'delegate' ? ' user-type--selected' : ''}`}>
          <input
            type="radio"
            name="tipo-usuario"
            value="delegate"
            checked={userType === 'delegate'}
            onChange={() => setUserType('delegate')}
          />
          <span>
            <strong>Delegado Administrativo</strong>
            <span class="user-type__text">Representa a un Prestador de Servicios de Salud y solicita sus llaves de acceso.</span>
          </span>
        </label>
        <label class={`user-type${userType === 'officer' ? ' user-type--selected' : ''}`}>
          <input
            type="radio"
            name="tipo-usuario"
            value="officer"
            checked={userType === 'officer'}
            onChange={() => setUserType('officer')}
          />
          <span>
            <strong>Otro Usuario</strong>
            <span class="user-type__text">
              Funcionario del Ministerio de Salud y Protección Social que asigna las llaves (rol IHCE MSPS).
            </span>
          </span>
        </label>
      </fieldset>
      {userType && <RegistrationForm key={userType} userType={userType} onDone={(data, resent) => setSummary({ data, resent })} />}
    </>
  );
}

function RegistrationForm({ userType, onDone }: { userType: UserType; onDone: (summary: RegistrationSummary, resent: boolean) => void }) {
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
    const result = await submission.run(() => apiWithStatus<RegistrationSummary>('POST', 'registrations', checked.data));
    setCaptchaReset((n) => n + 1);
    if (result) onDone(result.data, result.status === 200);
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

function RegistrationDone({ summary, resent }: { summary: RegistrationSummary; resent: boolean }) {
  return (
    <section aria-labelledby="resumen-titulo">
      <h1 id="resumen-titulo" tabIndex={-1} ref={(el) => el?.focus()}>
        Resumen del registro
      </h1>
      <div class="notice notice--success" role="status">
        {resent
          ? 'Su registro ya existía y estaba pendiente de activación: le enviamos un enlace de activación nuevo.'
          : 'El registro se realizó de manera correcta.'}
      </div>
      <dl class="summary">
        <div>
          <dt>Usuario asignado</dt>
          <dd class="summary__username">{summary.username}</dd>
        </div>
        <div>
          <dt>Nombre</dt>
          <dd>{summary.fullName}</dd>
        </div>
        <div>
          <dt>Rol</dt>
          <dd>{summary.roleLabel}</dd>
        </div>
        {summary.entity && (
          <div>
            <dt>Entidad</dt>
            <dd>
              {summary.entity.name} (NIT {summary.entity.nit})
            </dd>
          </div>
        )}
        <div>
          <dt>Correo registrado</dt>
          <dd>{summary.maskedEmail}</dd>
        </div>
      </dl>
      <p>
        <strong>Anote y conserve el usuario asignado por el sistema</strong>: lo necesitará para ingresar en futuras ocasiones.
      </p>
      <p>
        Enviamos a {summary.maskedEmail} un enlace para activar la cuenta y definir su contraseña. El enlace vale por 24 horas y sirve una
        sola vez. Si no lo ve, revise la carpeta de correo no deseado.
      </p>
      <p>
        <a href="/ingresar" onClick={onLinkClick}>
          Ir a Ingreso al sistema
        </a>
      </p>
    </section>
  );
}
