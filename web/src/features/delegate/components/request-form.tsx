import { useState } from 'preact/hooks';
import type { RequestKind } from '../../../../../src/key-files/key-file.schemas';
import { keyRequestSchema, personalDataAuthorization, requestTerms } from '../../../../../src/requests/requests.schemas';
import { ErrorSummary } from '../../../components/error-summary';
import { AgreementText, CheckboxField, TextAreaField, TextField } from '../../../components/fields';
import { useSubmission, validate } from '../../../lib/forms';
import { createMyRequest, type SavedRequest } from '../api/create-my-request';
import type { MyKeys } from '../api/get-my-credentials';

const fieldOrder = [
  'techVendorName',
  'softwareName',
  'techLead.name',
  'techLead.email',
  'techLead.noInstitutionalDomain',
  'techLead.phone',
  'dataProtectionOfficer.name',
  'dataProtectionOfficer.phone',
  'reason',
  'acceptsTerms',
  'authorizesPersonalData',
];

export function RequestForm({ kind, keys, onSaved }: { kind: RequestKind; keys: MyKeys; onSaved: (saved: SavedRequest) => void }) {
  const previous = keys.previousRequest;
  const [values, setValues] = useState({
    techVendorName: previous?.techVendorName ?? '',
    softwareName: previous?.softwareName ?? '',
    'techLead.name': previous?.techLead.name ?? '',
    'techLead.email': previous?.techLead.email ?? '',
    'techLead.phone': previous?.techLead.phone ?? '',
    'dataProtectionOfficer.name': previous?.dataProtectionOfficer.name ?? '',
    'dataProtectionOfficer.phone': previous?.dataProtectionOfficer.phone ?? '',
    reason: '',
  });
  const [noInstitutionalDomain, setNoInstitutionalDomain] = useState(previous?.techLead.noInstitutionalDomain ?? false);
  const [acceptsTerms, setAcceptsTerms] = useState(false);
  const [authorizesPersonalData, setAuthorizesPersonalData] = useState(false);
  const submission = useSubmission();
  const { errors } = submission;
  const set = (field: keyof typeof values) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    const body = {
      kind,
      techVendorName: values.techVendorName,
      softwareName: values.softwareName,
      techLead: {
        name: values['techLead.name'],
        email: values['techLead.email'],
        phone: values['techLead.phone'],
        ...(noInstitutionalDomain && { noInstitutionalDomain: true }),
      },
      dataProtectionOfficer: { name: values['dataProtectionOfficer.name'], phone: values['dataProtectionOfficer.phone'] },
      ...(kind === 'renewal' && values.reason.trim() !== '' && { reason: values.reason }),
      acceptsTerms,
      authorizesPersonalData,
    };
    const checked = validate(keyRequestSchema, body);
    if (!checked.ok) return submission.fail(checked.errors);
    const result = await submission.run(() => createMyRequest(checked.data));
    if (result) onSaved(result);
  }

  const phoneHint = 'Celular de 10 dígitos que empieza por 3, o fijo de 10 dígitos que empieza por 60. Puede anteponer +57.';
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="solicitud-datos">
      <h2 id="solicitud-datos">Datos de la solicitud</h2>
      {previous && (
        <p class="hint">El formulario trae los datos de la solicitud anterior de su entidad. Revíselos y actualícelos si cambiaron.</p>
      )}
      <p class="hint">Los campos marcados con * son obligatorios.</p>
      <ErrorSummary title="Revise los siguientes datos" items={submission.summary(fieldOrder)} version={submission.version} />
      <TextField
        id="techVendorName"
        label="Nombre del proveedor tecnológico del Sistema de Información Hospitalario"
        required
        value={values.techVendorName}
        onInput={set('techVendorName')}
        maxLength={150}
        error={errors.techVendorName}
      />
      <TextField
        id="softwareName"
        label="Nombre del software del Sistema de Información Hospitalario"
        required
        value={values.softwareName}
        onInput={set('softwareName')}
        maxLength={150}
        error={errors.softwareName}
      />
      <fieldset class="group">
        <legend>Líder técnico responsable de la implementación de IHCE en el prestador</legend>
        <TextField
          id="techLead.name"
          label="Nombre del líder técnico responsable de la implementación de IHCE en el prestador"
          required
          value={values['techLead.name']}
          onInput={set('techLead.name')}
          autocomplete="name"
          maxLength={120}
          error={errors['techLead.name']}
        />
        <TextField
          id="techLead.email"
          label="Correo electrónico institucional del líder técnico responsable de la implementación de IHCE en el prestador"
          type="email"
          required
          value={values['techLead.email']}
          onInput={set('techLead.email')}
          autocomplete="email"
          inputMode="email"
          maxLength={254}
          hint="El correo de la entidad, no uno personal de Gmail, Hotmail, Outlook, Yahoo u otro servicio gratuito."
          error={errors['techLead.email']}
        />
        <CheckboxField
          id="techLead.noInstitutionalDomain"
          label="El prestador no tiene dominio de correo institucional: el líder técnico usa un correo de un servicio gratuito"
          checked={noInstitutionalDomain}
          onChange={setNoInstitutionalDomain}
          error={errors['techLead.noInstitutionalDomain']}
        />
        <TextField
          id="techLead.phone"
          label="Teléfono de contacto del líder técnico responsable de la implementación de IHCE en el prestador"
          type="tel"
          required
          value={values['techLead.phone']}
          onInput={set('techLead.phone')}
          autocomplete="tel"
          inputMode="tel"
          maxLength={20}
          hint={phoneHint}
          error={errors['techLead.phone']}
        />
      </fieldset>
      <fieldset class="group">
        <legend>Responsable de la protección de datos en el prestador</legend>
        <TextField
          id="dataProtectionOfficer.name"
          label="Nombre del responsable de la protección de datos en el prestador"
          required
          value={values['dataProtectionOfficer.name']}
          onInput={set('dataProtectionOfficer.name')}
          maxLength={120}
          error={errors['dataProtectionOfficer.name']}
        />
        <TextField
          id="dataProtectionOfficer.phone"
          label="Teléfono de contacto del responsable de la protección de datos en el prestador"
          type="tel"
          required
          value={values['dataProtectionOfficer.phone']}
          onInput={set('dataProtectionOfficer.phone')}
          inputMode="tel"
          maxLength={20}
          hint={phoneHint}
          error={errors['dataProtectionOfficer.phone']}
        />
      </fieldset>
      {kind === 'renewal' && (
        <TextAreaField
          id="reason"
          label="Motivo de la resolicitud (opcional)"
          value={values.reason}
          onInput={set('reason')}
          maxLength={1000}
          hint="Si quiere, cuéntele al Ministerio por qué solicita llaves nuevas: cambio de proveedor tecnológico, exposición del ClientSecret, vencimiento próximo."
          error={errors.reason}
        />
      )}
      <CheckboxField
        id="acceptsTerms"
        label="Aceptación términos para la solicitud de token"
        required
        checked={acceptsTerms}
        onChange={setAcceptsTerms}
        error={errors.acceptsTerms}
      >
        <AgreementText summary="Leer los términos" version={requestTerms.version} paragraphs={requestTerms.paragraphs} />
      </CheckboxField>
      <CheckboxField
        id="authorizesPersonalData"
        label="Autorización de datos personales"
        required
        checked={authorizesPersonalData}
        onChange={setAuthorizesPersonalData}
        error={errors.authorizesPersonalData}
      >
        <AgreementText
          summary="Leer la autorización"
          version={personalDataAuthorization.version}
          paragraphs={personalDataAuthorization.paragraphs}
        />
      </CheckboxField>
      <div class="actions">
        <button type="submit" class="button" disabled={submission.busy}>
          {submission.busy ? 'Enviando solicitud…' : 'Generar Llaves de Acceso'}
        </button>
      </div>
    </form>
  );
}
