import { useState } from 'preact/hooks';
import type { EnvironmentView } from '../../../src/credentials/credentials.schemas';
import { api } from '../api';
import { CopyButton } from '../components/copy-button';
import { formatDate, formatDateTime } from '../my-keys';

type Secret = { clientSecret: string; subscriptionKey?: string };

/**
 * «Mostrar» / «Copiar» of one secret: fetched once on first use (each fetch is audited by the API), kept in
 * memory only, shown or hidden on demand.
 */
function useRevealedSecret(path: string) {
  const [secret, setSecret] = useState<Secret | undefined>();
  const [visible, setVisible] = useState(false);
  const [error, setError] = useState<string | undefined>();
  async function load(): Promise<Secret> {
    if (secret) return secret;
    const loaded = await api<Secret>('GET', path);
    setSecret(loaded);
    return loaded;
  }
  async function toggle() {
    setError(undefined);
    if (visible) return setVisible(false);
    try {
      await load();
      setVisible(true);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  return { secret: visible ? secret : undefined, visible, error, load, toggle };
}

function SecretError({ error }: { error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" role="alert">
      {error}
    </p>
  );
}

/** Paso 2 – Visualización de las llaves (seed 6.4.1.2): one card per environment. */
export function KeysPanel({ environments }: { environments: EnvironmentView[] }) {
  return (
    <section aria-labelledby="paso-2">
      <h2 id="paso-2">Paso 2 – Visualización de las llaves</h2>
      <p>
        Entregue estos datos al proveedor tecnológico de su Sistema de Información Hospitalario. El ClientSecret es confidencial: muéstrelo
        solo cuando lo vaya a usar.
      </p>
      <div class="environments">
        {environments.map((environment) => (
          <EnvironmentCard key={environment.environment} environment={environment} />
        ))}
      </div>
    </section>
  );
}

/**
 * The replaced ClientSecret while its overlap lasts: still working until `validUntil`, so the HIS can be
 * switched to the new one without downtime. Labelled clearly as the earlier key.
 */
function PreviousKey({ environment, previous }: { environment: EnvironmentView; previous: NonNullable<EnvironmentView['previous']> }) {
  const { secret, visible, error, load, toggle } = useRevealedSecret(`my/credentials/${environment.environment}/secret?version=anterior`);
  const id = `anterior-${environment.environment}`;
  return (
    <section class="previous-key" aria-labelledby={id}>
      <h4 id={id}>Llave anterior de {environment.label} (periodo de transición)</h4>
      <p>
        Reemplazada el {formatDateTime(previous.replacedAt)}. Sigue funcionando hasta el{' '}
        <strong>{formatDateTime(previous.validUntil)}</strong>: antes de esa fecha configure la llave vigente en su sistema.
      </p>
      <dl class="keys">
        <div>
          <dt>ClientID anterior</dt>
          <dd>
            <code>{previous.clientId}</code>
            <CopyButton label={`ClientID anterior de ${environment.label}`} value={previous.clientId} />
          </dd>
        </div>
        <div>
          <dt>ClientSecret anterior</dt>
          <dd>
            <code class="secret" aria-live="polite">
              {secret?.clientSecret ?? '••••••••••••••••'}
            </code>
            <button
              type="button"
              class="button button--small button--secondary"
              onClick={toggle}
              aria-pressed={visible}
              aria-label={`${visible ? 'Ocultar' : 'Mostrar'} ClientSecret anterior de ${environment.label}`}
            >
              {visible ? 'Ocultar' : 'Mostrar'}
            </button>
            <CopyButton label={`ClientSecret anterior de ${environment.label}`} load={async () => (await load()).clientSecret} />
          </dd>
        </div>
      </dl>
      <SecretError error={error} />
    </section>
  );
}

function EnvironmentCard({ environment }: { environment: EnvironmentView }) {
  const { secret, visible, error, load: loadSecret, toggle } = useRevealedSecret(`my/credentials/${environment.environment}/secret`);
  const id = `ambiente-${environment.environment}`;

  const expiry =
    environment.daysLeft >= 0
      ? `${formatDate(environment.expiresOn)} (${environment.daysLeft === 1 ? 'queda 1 día' : `quedan ${environment.daysLeft} días`})`
      : `${formatDate(environment.expiresOn)} (vencida hace ${-environment.daysLeft} días)`;

  const rows: { label: string; value: string }[] = [
    { label: 'Tenant', value: environment.tenantId },
    { label: 'Scope', value: environment.scope },
    { label: 'Endpoint', value: environment.endpoint },
    { label: 'URL del token', value: environment.tokenUrl },
  ];

  return (
    <article class="environment" aria-labelledby={id}>
      <h3 id={id}>{environment.label}</h3>
      <dl class="keys">
        <div>
          <dt>ClientID</dt>
          <dd>
            <code>{environment.clientId}</code>
            <CopyButton label={`ClientID de ${environment.label}`} value={environment.clientId} />
          </dd>
        </div>
        <div>
          <dt>ClientSecret</dt>
          <dd>
            <code class="secret" aria-live="polite">
              {visible && secret ? secret.clientSecret : '••••••••••••••••'}
            </code>
            <button
              type="button"
              class="button button--small"
              onClick={toggle}
              aria-pressed={visible}
              aria-label={`${visible ? 'Ocultar' : 'Mostrar'} ClientSecret de ${environment.label}`}
            >
              {visible ? 'Ocultar' : 'Mostrar'}
            </button>
            <CopyButton label={`ClientSecret de ${environment.label}`} load={async () => (await loadSecret()).clientSecret} />
          </dd>
        </div>
        {environment.hasSubscriptionKey && visible && secret?.subscriptionKey && (
          <div>
            <dt>Subscription key (Ocp-Apim-Subscription-Key)</dt>
            <dd>
              <code class="secret">{secret.subscriptionKey}</code>
              <CopyButton label={`subscription key de ${environment.label}`} value={secret.subscriptionKey} />
            </dd>
          </div>
        )}
        <div>
          <dt>Fecha de expiración</dt>
          <dd>
            <span class={environment.daysLeft < 30 ? 'expiry expiry--soon' : 'expiry'}>{expiry}</span>
          </dd>
        </div>
        {rows.map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              <code>{row.value}</code>
              <CopyButton label={`${row.label} de ${environment.label}`} value={row.value} />
            </dd>
          </div>
        ))}
      </dl>
      <SecretError error={error} />
      <p class="hint">Vigentes desde el {formatDateTime(environment.assignedAt)}.</p>
      {environment.previous && <PreviousKey environment={environment} previous={environment.previous} />}
      <p>
        <a class="button button--secondary" href={`/api/my/credentials/${environment.environment}/postman`} download>
          Descargar configuración<span class="visually-hidden"> de {environment.label}</span> (Postman)
        </a>
      </p>
    </article>
  );
}
