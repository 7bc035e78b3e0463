import { useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { TextField } from '../../../components/fields';
import { formatDateTime } from '../../../lib/format';
import { useSubmission } from '../../../lib/forms';
import type { OfficerEnvironment } from '../api/get-provider';
import { getProviderSecret } from '../api/get-provider-secret';

/**
 * For audit: every stored ClientSecret version, current and replaced. A typed-in one is revealed one at a
 * time with a reason (on record, limited per hour); a generated one is the delegate's alone.
 */
export function SecretVersions({
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
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  const reasonId = `motivo-${environment}`;
  // The reason's own error shows at its field; the rest (limit reached, blocked, not allowed) below the list.
  const general = submission.summary(['reason']).filter((item) => !item.field);
  const revealable = versions.some((version) => !version.generated && !version.retiredAt);
  async function reveal(version: string) {
    const result = await submission.run(() => getProviderSecret(nit, environment, version, reason));
    if (result) setShown((current) => ({ ...current, [version]: result.clientSecret }));
  }
  return (
    <details class="versions">
      <summary>
        Versiones del ClientSecret de {label} ({versions.length})
      </summary>
      {revealable && (
        <TextField
          id={reasonId}
          label={`Motivo para ver un ClientSecret de ${label}`}
          required
          value={reason}
          onInput={setReason}
          maxLength={300}
          spellcheck
          hint="Queda en la trazabilidad del prestador. Cada funcionario tiene un número limitado de revelaciones por hora."
          error={submission.errors.reason}
        />
      )}
      <ul>
        {versions.map((version) => (
          <li key={version.version}>
            {version.current ? 'Vigente' : `Reemplazada el ${formatDateTime(version.replacedAt!)} por ${version.replacedBy}`}
            {version.retiredAt
              ? ` · retirada el ${formatDateTime(version.retiredAt)}`
              : version.validUntil
                ? ` · sigue funcionando hasta el ${formatDateTime(version.validUntil)}`
                : ''}{' '}
            {version.retiredAt ? null : version.generated ? (
              <span class="hint">Generado en Entra ID: solo el delegado del prestador puede verlo.</span>
            ) : shown[version.version] ? (
              <code class="secret">{shown[version.version]}</code>
            ) : (
              <button
                type="button"
                class="button button--small button--secondary"
                disabled={submission.busy}
                onClick={() => reveal(version.version)}
                aria-label={`Mostrar versión ${version.current ? 'vigente' : 'anterior'} del ClientSecret de ${label}`}
              >
                Mostrar
              </button>
            )}
          </li>
        ))}
      </ul>
      {general.length > 0 && (
        <p class="field-error" role="alert">
          {general.map((item) => item.message).join(' ')}
        </p>
      )}
    </details>
  );
}
