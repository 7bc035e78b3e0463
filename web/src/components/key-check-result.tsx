import type { KeyCheckView } from '../../../src/credentials/key-check.schemas';

/**
 * The outcome of «Probar llaves» / «Verificar llaves» in plain Spanish: the token's lifetime and roles, or what
 * is wrong and what to do, with Entra ID's raw code (and its own text, for the software vendor).
 */
export function KeyCheckResult({ result }: { result: KeyCheckView }) {
  if (result.ok)
    return (
      <div class="notice notice--success key-check" data-key-check="ok">
        <p>
          <strong>{result.message}</strong>
        </p>
        <p>{result.rolesMessage}</p>
      </div>
    );
  return (
    <div class="notice notice--error key-check" data-key-check="failed">
      <p>
        <strong>{result.problem}</strong>
      </p>
      <p>{result.action}</p>
      {result.code && (
        <p>
          Código de Microsoft Entra ID: <code>{result.code}</code>
        </p>
      )}
      {result.entraDescription && (
        <details>
          <summary>Respuesta de Microsoft Entra ID (para el proveedor tecnológico)</summary>
          <p>
            <code>
              {result.entraError ? `${result.entraError}: ` : ''}
              {result.entraDescription}
            </code>
          </p>
        </details>
      )}
    </div>
  );
}
