import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorSummary } from '../components/error-summary';
import { TextAreaField, TextField } from '../components/fields';
import { useSubmission } from '../forms';
import { formatDate, formatDateTime } from '../my-keys';
import { auditActionLabels, type AuditItem, type EnvironmentName, type OfficerEnvironment, type ProviderFile } from '../officer-types';
import { onLinkClick } from '../router';

const environments: { name: EnvironmentName; label: string }[] = [
  { name: 'preproduction', label: 'Preproducción' },
  { name: 'production', label: 'Producción' },
];
const fields = ['clientId', 'clientSecret', 'expiresOn', 'tenantId', 'scope', 'endpoint', 'subscriptionKey'] as const;
/** «Revocar de inmediato»: the replaced secret leaked, so it must not keep working through the overlap. */
type Revoke = Record<EnvironmentName, boolean>;
type Field = (typeof fields)[number];
type Values = Record<`${EnvironmentName}.${Field}`, string>;

function initialValues(file: ProviderFile): Values {
  const values = {} as Values;
  for (const { name } of environments) {
    const current = file.environments[name];
    const defaults = file.defaults[name];
    values[`${name}.clientId`] = current?.clientId ?? '';
    values[`${name}.clientSecret`] = '';
    values[`${name}.expiresOn`] = current?.expiresOn ?? '';
    values[`${name}.tenantId`] = current?.tenantId ?? defaults.tenantId ?? '';
    values[`${name}.scope`] = current?.scope ?? defaults.scope ?? '';
    values[`${name}.endpoint`] = current?.endpoint ?? defaults.endpoint ?? '';
    values[`${name}.subscriptionKey`] = '';
  }
  return values;
}

/** Ingresar Info / Actualizar Info (seed imagen 18): the request, the keys form for both environments, Rechazar, the trail. */
export function ProviderPage({ nit }: { nit: string }) {
  const [file, setFile] = useState<ProviderFile | undefined>();
  const [trail, setTrail] = useState<AuditItem[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  async function reload(message?: string) {
    try {
      const [loaded, audit] = await Promise.all([
        api<ProviderFile>('GET', `providers/${nit}`),
        api<{ items: AuditItem[] }>('GET', `providers/${nit}/audit`),
      ]);
      setFile(loaded);
      setTrail(audit.items);
      setSaved(message);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  useEffect(() => void reload(), [nit]);

  if (error)
    return (
      <div class="notice notice--error" role="alert">
        {error}
      </div>
    );
  if (!file) return <p aria-busy="true">Cargando…</p>;
  const hasKeys = Object.keys(file.environments).length > 0;
  return (
    <>
      <h1>{file.provider.name}</h1>
      <p class="lead">
        NIT {file.provider.nit}-{file.provider.checkDigit} · {file.provider.department} / {file.provider.municipality} · Códigos de
        habilitación: {file.provider.habilitationCodes.join(', ') || '—'}
      </p>
      <div class={`status status--${file.status}`}>
        <span class="status__label">Estado:</span> <strong>{file.statusLabel}</strong>
        {file.pendingSince && <span> · desde el {formatDateTime(file.pendingSince)}</span>}
        {file.rejection && <p class="status__detail">Motivo del rechazo: {file.rejection.reason}</p>}
      </div>
      {saved && (
        <div class="notice notice--success" role="status" tabIndex={-1} ref={(el) => el?.focus()}>
          {saved}
        </div>
      )}
      {file.request && <RequestDetails request={file.request} />}
      <KeysForm key={file.version} file={file} hasKeys={hasKeys} onSaved={(message) => reload(message)} onConflict={() => reload()} />
      {file.status.startsWith('pending') && <RejectForm nit={nit} version={file.version} onDone={(message) => reload(message)} />}
      <AuditTrail items={trail} />
      <p>
        <a href={hasKeys ? '/funcionario/actualizar' : '/funcionario/asignar'} onClick={onLinkClick}>
          Volver a {hasKeys ? 'Actualizar Token' : 'Asignar Token'}
        </a>
      </p>
    </>
  );
}

function RequestDetails({ request }: { request: NonNullable<ProviderFile['request']> }) {
  const rows: [string, string][] = [
    ['Tipo de solicitud', `${request.kindLabel} (${request.statusLabel})`],
    ['Fecha', formatDateTime(request.createdAt)],
    ['Solicitó', request.createdBy],
    ['Proveedor tecnológico del Sistema de Información Hospitalario', request.techVendorName],
    ['Software del Sistema de Información Hospitalario', request.softwareName],
    ['Líder técnico', `${request.techLead.name} · ${request.techLead.email} · ${request.techLead.phone}`],
    ['Responsable de la protección de datos', `${request.dataProtectionOfficer.name} · ${request.dataProtectionOfficer.phone}`],
    ...(request.reason ? ([['Motivo de la resolicitud', request.reason]] as [string, string][]) : []),
  ];
  return (
    <section aria-labelledby="datos-solicitud">
      <h2 id="datos-solicitud">Datos de la solicitud</h2>
      <dl class="summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type Mode = 'manual' | 'entra';
/** In «Generar en Entra ID» mode these come from Entra ID, not from the official. */
const generatedFields: Field[] = ['clientId', 'clientSecret', 'tenantId'];

function KeysForm({
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
  const submission = useSubmission();
  const set = (key: keyof Values) => (value: string) => setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: Event) {
    event.preventDefault();
    setConflict(false);
    const body = Object.fromEntries(
      environments.map(({ name }) => {
        const entra = modes[name] === 'entra';
        const sent = fields
          .filter((field) => !(entra && generatedFields.includes(field)))
          .map((field) => [field, values[`${name}.${field}`].trim()])
          .filter(([field, value]) => value !== '' || !['clientSecret', 'subscriptionKey'].includes(field!));
        return [name, { ...(entra && { mode: 'entra' }), ...Object.fromEntries(sent), ...(revoke[name] && { revokePrevious: true }) }];
      }),
    );
    const result = await submission.run(async () => {
      try {
        return await api<{ message: string }>('PUT', `providers/${file.provider.nit}/credentials`, body, { 'If-Match': file.version });
      } catch (failure) {
        if ((failure as { status?: number }).status === 409) setConflict(true);
        throw failure;
      }
    });
    if (result) onSaved(result.message);
  }

  const order = environments.flatMap(({ name }) => [
    `${name}.mode`,
    ...fields.map((field) => `${name}.${field}`),
    `${name}.revokePrevious`,
  ]);
  return (
    <form class="form form--wide" onSubmit={submit} noValidate aria-labelledby="llaves-titulo">
      <h2 id="llaves-titulo">{hasKeys ? 'Actualizar llaves' : 'Registrar llaves'}</h2>
      <p class="hint">
        Registre las llaves generadas en Microsoft Entra ID para cada ambiente
        {file.generation.preproduction || file.generation.production ? ', o pulse «Generar en Entra ID» para que el sistema las cree' : ''}.
        El ClientSecret y la subscription key se guardan solo en Key Vault.
      </p>
      <ErrorSummary title="Revise los siguientes datos" items={submission.summary(order)} version={submission.version} />
      {conflict && (
        <div class="notice notice--error">
          <button type="button" class="button button--secondary" onClick={onConflict}>
            Recargar datos actuales
          </button>
        </div>
      )}
      <div class="environments">
        {environments.map(({ name, label }) => {
          const current = file.environments[name];
          const error = (field: Field) => submission.errors[`${name}.${field}`];
          const entra = modes[name] === 'entra';
          return (
            <fieldset key={name} class="group">
              <legend>{label}</legend>
              {file.generation[name] && (
                <div class="generate">
                  <button
                    type="button"
                    id={`${name}.mode`}
                    class={entra ? 'button button--small' : 'button button--small button--secondary'}
                    aria-pressed={entra}
                    aria-describedby={
                      submission.errors[`${name}.mode`] ? `${name}-generar-ayuda ${name}-modo-error` : `${name}-generar-ayuda`
                    }
                    onClick={() => setModes((currentModes) => ({ ...currentModes, [name]: entra ? 'manual' : 'entra' }))}
                  >
                    Generar en Entra ID<span class="visually-hidden"> para {label}</span>
                  </button>
                  <p class="hint" id={`${name}-generar-ayuda`}>
                    {entra
                      ? `Al guardar, el sistema creará o reutilizará la aplicación IHCE-${name === 'preproduction' ? 'PRE' : 'PRD'}-${file.provider.nit} en Entra ID y generará un ClientSecret nuevo que va directo a Key Vault, sin pasar por sus manos.${current ? ' El secreto actual seguirá funcionando durante el periodo de transición.' : ''} Pulse de nuevo para registrar las llaves a mano.`
                      : 'Crea la aplicación y el secreto en Entra ID sin copiarlos a mano.'}
                  </p>
                  {submission.errors[`${name}.mode`] && (
                    <p class="field-error" id={`${name}-modo-error`}>
                      {submission.errors[`${name}.mode`]}
                    </p>
                  )}
                </div>
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
                </>
              )}
              <TextField
                id={`${name}.expiresOn`}
                label={`Fecha de expiración de ${label}`}
                required
                value={values[`${name}.expiresOn`]}
                onInput={set(`${name}.expiresOn`)}
                maxLength={10}
                hint="AAAA-MM-DD, posterior a hoy y a lo sumo 24 meses."
                error={error('expiresOn')}
              />
              {!entra && (
                <TextField
                  id={`${name}.tenantId`}
                  label={`Tenant de ${label}`}
                  required
                  value={values[`${name}.tenantId`]}
                  onInput={set(`${name}.tenantId`)}
                  maxLength={36}
                  error={error('tenantId')}
                />
              )}
              <TextField
                id={`${name}.scope`}
                label={`Scope de ${label}`}
                required
                value={values[`${name}.scope`]}
                onInput={set(`${name}.scope`)}
                maxLength={200}
                error={error('scope')}
              />
              <TextField
                id={`${name}.endpoint`}
                label={`Endpoint de ${label}`}
                required
                value={values[`${name}.endpoint`]}
                onInput={set(`${name}.endpoint`)}
                maxLength={300}
                error={error('endpoint')}
              />
              <TextField
                id={`${name}.subscriptionKey`}
                label={`Subscription key de API Management de ${label}`}
                type="password"
                autocomplete="new-password"
                value={values[`${name}.subscriptionKey`]}
                onInput={set(`${name}.subscriptionKey`)}
                maxLength={256}
                hint={current?.hasSubscriptionKey ? 'Déjela vacía para conservar la actual.' : 'Opcional.'}
                error={error('subscriptionKey')}
              />
              {current && (
                <div class="checkbox">
                  <input
                    type="checkbox"
                    id={`${name}.revokePrevious`}
                    checked={revoke[name]}
                    onChange={(event) =>
                      setRevoke((currentRevoke) => ({ ...currentRevoke, [name]: (event.currentTarget as HTMLInputElement).checked }))
                    }
                    aria-describedby={`${name}-revocar-ayuda`}
                  />
                  <label for={`${name}.revokePrevious`}>Revocar de inmediato el ClientSecret anterior de {label}</label>
                  <p class="hint" id={`${name}-revocar-ayuda`}>
                    Solo si se expuso: con un ClientSecret nuevo, el anterior deja de funcionar al guardar, sin periodo de transición.
                  </p>
                  {submission.errors[`${name}.revokePrevious`] && <p class="field-error">{submission.errors[`${name}.revokePrevious`]}</p>}
                </div>
              )}
              {current && (
                <>
                  <p class="hint">
                    {current.source === 'entra' ? `Generadas en Entra ID (aplicación ${current.application ?? ''})` : 'Registradas a mano'}{' '}
                    por {current.assignedBy} el {formatDateTime(current.assignedAt)}. Vence el {formatDate(current.expiresOn)}.
                  </p>
                  <SecretVersions nit={file.provider.nit} environment={name} label={label} versions={current.secretVersions} />
                </>
              )}
            </fieldset>
          );
        })}
      </div>
      <div class="actions">
        <button type="submit" class="button" disabled={submission.busy}>
          {submission.busy ? 'Guardando…' : 'Guardar'}
        </button>
      </div>
    </form>
  );
}

/** For audit: every stored ClientSecret version, current and replaced, revealed one at a time (each reveal is on record). */
function SecretVersions({
  nit,
  environment,
  label,
  versions,
}: {
  nit: string;
  environment: EnvironmentName;
  label: string;
  versions: OfficerEnvironment['secretVersions'];
}) {
  const [shown, setShown] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  async function reveal(version: string) {
    try {
      const result = await api<{ clientSecret: string }>('GET', `providers/${nit}/credentials/${environment}/secret?version=${version}`);
      setShown((current) => ({ ...current, [version]: result.clientSecret }));
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  return (
    <details class="versions">
      <summary>
        Versiones del ClientSecret de {label} ({versions.length})
      </summary>
      <ul>
        {versions.map((version) => (
          <li key={version.version}>
            {version.current ? 'Vigente' : `Reemplazada el ${formatDateTime(version.replacedAt!)} por ${version.replacedBy}`}
            {version.retiredAt
              ? ` · retirada el ${formatDateTime(version.retiredAt)}`
              : version.validUntil
                ? ` · sigue funcionando hasta el ${formatDateTime(version.validUntil)}`
                : ''}{' '}
            {version.retiredAt ? null : shown[version.version] ? (
              <code class="secret">{shown[version.version]}</code>
            ) : (
              <button
                type="button"
                class="button button--small button--secondary"
                onClick={() => reveal(version.version)}
                aria-label={`Mostrar versión ${version.current ? 'vigente' : 'anterior'} del ClientSecret de ${label}`}
              >
                Mostrar
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}

function RejectForm({ nit, version, onDone }: { nit: string; version: string; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  async function submit(event: Event) {
    event.preventDefault();
    const result = await submission.run(() =>
      api<{ message: string }>('POST', `providers/${nit}/rejections`, { reason }, { 'If-Match': version }),
    );
    if (result) onDone(result.message);
  }
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="rechazar-titulo">
      <h2 id="rechazar-titulo">Rechazar la solicitud</h2>
      <ErrorSummary title="No se pudo rechazar" items={submission.summary(['reason'])} version={submission.version} />
      <TextAreaField
        id="reason"
        label="Motivo del rechazo"
        required
        value={reason}
        onInput={setReason}
        maxLength={1000}
        hint="El delegado lo verá y recibirá por correo; podrá corregir y solicitar de nuevo."
        error={submission.errors.reason}
      />
      <div class="actions">
        <button type="submit" class="button button--danger" disabled={submission.busy}>
          {submission.busy ? 'Rechazando…' : 'Rechazar'}
        </button>
      </div>
    </form>
  );
}

function AuditTrail({ items }: { items: AuditItem[] }) {
  return (
    <section aria-labelledby="auditoria">
      <h2 id="auditoria">Trazabilidad</h2>
      {items.length === 0 ? (
        <p>Sin eventos registrados.</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Fecha</th>
                <th scope="col">Evento</th>
                <th scope="col">Usuario</th>
                <th scope="col">Desde</th>
                <th scope="col">Detalle</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <tr key={index}>
                  <td>{formatDateTime(item.at)}</td>
                  <td>{auditActionLabels[item.action] ?? item.action}</td>
                  <td>{item.actor}</td>
                  <td>{item.ip ?? '—'}</td>
                  <td>
                    {item.detail
                      ? Object.entries(item.detail)
                          .map(([key, value]) => `${key}: ${String(value)}`)
                          .join(' · ')
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
