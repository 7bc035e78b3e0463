import type { CertificateView } from '../../../../../src/credentials/certificates.schemas';
import { apiAccessPendingForDelegate, keyFieldLabels, type EnvironmentView } from '../../../../../src/credentials/credentials.schemas';
import { CopyButton } from '../../../components/copy-button';
import { daysLeftText, formatDate, formatDateTime, withStop } from '../../../lib/format';
import { useConfigurationDownload } from '../hooks/use-configuration-download';
import { useRevealedSecret } from '../hooks/use-revealed-secret';
import { KeyCheck } from './key-check';
import { CertificateRows } from './certificate-details';
import { PreviousKey } from './previous-key';
import { SecretError } from './secret-error';
import { StepUpHint, StepUpNotice } from './step-up-notice';

/** `certificateOnly`: the environment accepts only a certificate (…_CREDENTIAL_TYPE=certificate): shown instead of a ClientSecret. */
export function EnvironmentCard({
  environment,
  certificateOnly = false,
  certificate,
}: {
  environment: EnvironmentView;
  certificateOnly?: boolean;
  certificate?: CertificateView | undefined;
}) {
  const { secret, visible, error, resumed, load: loadSecret, toggle } = useRevealedSecret(environment.environment);
  const configuration = useConfigurationDownload(environment.environment, resumed === 'descargar');
  // Only the current version comes with the subscription key.
  const subscriptionKey = secret && 'subscriptionKey' in secret ? secret.subscriptionKey : undefined;
  const id = `ambiente-${environment.environment}`;

  const expiry = `${formatDate(environment.expiresOn)} (${daysLeftText(environment.daysLeft)})`;

  const rows: { label: string; value: string }[] = [
    { label: keyFieldLabels.tenantId, value: environment.tenantId },
    { label: keyFieldLabels.scope, value: environment.scope },
    { label: keyFieldLabels.endpoint, value: environment.endpoint },
    { label: keyFieldLabels.tokenUrl, value: environment.tokenUrl },
  ];

  return (
    <article class="environment" aria-labelledby={id}>
      <h3 id={id}>{environment.label}</h3>
      {environment.environment === 'production' && <StepUpHint />}
      <StepUpNotice action={resumed} label={environment.label} />
      <dl class="keys">
        <div>
          <dt>ClientID</dt>
          <dd>
            <code>{environment.clientId}</code>
            <CopyButton label={`ClientID de ${environment.label}`} value={environment.clientId} />
          </dd>
        </div>
        {certificateOnly ? (
          <>
            <div>
              <dt>Autenticación</dt>
              <dd>Certificado (client assertion): este ambiente no usa ClientSecret.</dd>
            </div>
            {certificate ? (
              <CertificateRows certificate={certificate} label={environment.label} />
            ) : (
              <div>
                <dt>Certificado</dt>
                <dd>Aún no cargado: cárguelo en «Certificados», más abajo.</dd>
              </div>
            )}
          </>
        ) : (
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
        )}
        {environment.hasSubscriptionKey && visible && subscriptionKey && (
          <div>
            <dt>{keyFieldLabels.subscriptionKey}</dt>
            <dd>
              <code class="secret">{subscriptionKey}</code>
              <CopyButton label={`clave de suscripción de ${environment.label}`} value={subscriptionKey} />
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
      <KeyCheck environment={environment.environment} label={environment.label} />
      <p class="hint">{withStop(`Vigentes desde el ${formatDateTime(environment.assignedAt)}`)}</p>
      {environment.apiAccess === 'pending' && (
        <p class="notice" data-api-access="pending">
          {apiAccessPendingForDelegate}
        </p>
      )}
      {environment.previous && <PreviousKey environment={environment} previous={environment.previous} />}
      <p>
        <button type="button" class="button button--secondary" onClick={configuration.download} disabled={configuration.busy}>
          Descargar configuración<span class="visually-hidden"> de {environment.label}</span> (Postman)
        </button>
        <span class="copy-status" role="status" aria-live="polite">
          {configuration.saved}
        </span>
      </p>
      <SecretError error={configuration.error} />
    </article>
  );
}
