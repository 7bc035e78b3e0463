import type { ProviderFile } from '../api/get-provider';

type Progress = ProviderFile['progress'];

/**
 * Which environments of a pending request are done when pre-production is issued automatically
 * (PREPRODUCTION_AUTO_ISSUE), and why it still waits if the automatic step failed. Nothing otherwise.
 */
export function EnvironmentProgress({ progress, detailed = false }: { progress: Progress; detailed?: boolean }) {
  if (!progress) return detailed ? null : <>Ambos pendientes</>;
  return (
    <div class="environment-progress" data-auto-issue={progress.autoIssued ? 'issued' : 'failed'}>
      <ul class="environment-progress__list">
        {progress.labels.map((label) => (
          <li key={label}>{label}</li>
        ))}
      </ul>
      {progress.failure && <p class={detailed ? 'notice notice--error' : 'environment-progress__failure'}>{progress.failure}</p>}
    </div>
  );
}
