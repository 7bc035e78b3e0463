import { useEffect, useState } from 'preact/hooks';
import type { EnvironmentName } from '../../../../../src/credentials/credentials.schemas';
import { getMyConfiguration } from '../api/get-my-configuration';
import { isStepUpRequired, startStepUp } from './step-up';

/**
 * «Descargar configuración»: fetched first (so a refusal is a message on the page, never a raw error
 * document), then saved as a file. Production without a recent second factor goes to confirm it and, back
 * here (`resume`), the download runs by itself.
 */
export function useConfigurationDownload(environment: EnvironmentName, resume: boolean) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();

  async function download() {
    setError(undefined);
    setSaved(undefined);
    setBusy(true);
    try {
      const { fileName, content } = await getMyConfiguration(environment);
      const url = URL.createObjectURL(new Blob([JSON.stringify(content, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setSaved(`Se descargó el archivo ${fileName}.`);
    } catch (failure) {
      if (isStepUpRequired(failure)) startStepUp({ environment, version: 'vigente', action: 'descargar' });
      else setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (resume) void download();
  }, [resume]);

  return { download, busy, error, saved };
}
