import { useState } from 'preact/hooks';

/** "Copiar": copies a value (or what `load` fetches) and announces it to screen readers. */
export function CopyButton({ label, value, load }: { label: string; value?: string; load?: () => Promise<string> }) {
  const [message, setMessage] = useState('');
  async function copy() {
    try {
      const text = value ?? (await load!());
      await navigator.clipboard.writeText(text);
      setMessage(`${label} copiado.`);
    } catch {
      setMessage(`No se pudo copiar ${label}. Selecciónelo y cópielo a mano.`);
    }
    setTimeout(() => setMessage(''), 4000);
  }
  return (
    <>
      <button type="button" class="button button--small button--secondary" onClick={copy} aria-label={`Copiar ${label}`}>
        Copiar
      </button>
      <span class="copy-status" role="status" aria-live="polite">
        {message}
      </span>
    </>
  );
}
