import type { EnvironmentView } from '../../../../../src/credentials/credentials.schemas';
import { CopyButton } from '../../../components/copy-button';
import { formatDateTime } from '../../../lib/format';
import { useRevealedSecret } from '../hooks/use-revealed-secret';
import { SecretError } from './secret-error';
import { StepUpNotice } from './step-up-notice';

/**
 * The replaced ClientSecret while its overlap lasts: still working until `validUntil`, so the HIS can be
 * switched to the new one without downtime. Labelled clearly as the earlier key.
 */
export function PreviousKey({
  environment,
  previous,
}: {
  environment: EnvironmentView;
  previous: NonNullable<EnvironmentView['previous']>;
}) {
  const { secret, visible, error, resumed, load, toggle } = useRevealedSecret(environment.environment, 'anterior');
  const id = `anterior-${environment.environment}`;
  return (
    <section class="previous-key" aria-labelledby={id}>
      <h4 id={id}>Llave anterior de {environment.label} (periodo de transición)</h4>
      <StepUpNotice action={resumed} label={`${environment.label} (llave anterior)`} />
      <p>
        Reemplazada el {formatDateTime(previous.replacedAt)}; sigue funcionando hasta el{' '}
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
