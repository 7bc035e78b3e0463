import { useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { formatDateTime } from '../../../lib/format';
import type { OfficerEnvironment } from '../api/get-provider';
import { getProviderSecret } from '../api/get-provider-secret';

/** For audit: every stored ClientSecret version, current and replaced, revealed one at a time (each reveal is on record). */
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
  const [error, setError] = useState<string | undefined>();
  async function reveal(version: string) {
    try {
      const result = await getProviderSecret(nit, environment, version);
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
