import { useEffect, useRef, useState } from 'preact/hooks';
import { solveChallenge } from '../lib/captcha-solver';
import { getCaptcha } from '../lib/get-captcha';

type State = 'idle' | 'working' | 'done' | 'failed';

const statusText: Record<State, string> = {
  idle: '',
  working: 'Verificando que no es un robot…',
  done: 'Verificación completada.',
  failed: 'No se pudo completar la verificación. Marque la casilla de nuevo.',
};

/**
 * "No soy un robot": a checkbox that, once ticked, solves a proof-of-work challenge from our own server.
 * Nothing to read or click in images, so it works by keyboard and with a screen reader; progress is announced
 * politely and focus never moves: while it works the box is `aria-disabled`, not `disabled`, because a disabled
 * control loses focus to the page body (Enter would no longer submit, a screen-reader user would lose their place).
 * `resetKey` changes after every submission, because each solution is accepted once.
 */
export function Captcha({
  id,
  error,
  onChange,
  resetKey,
}: {
  id: string;
  error?: string | undefined;
  onChange: (payload: string | undefined) => void;
  resetKey: number;
}) {
  const [state, setState] = useState<State>('idle');
  const abort = useRef<AbortController>();

  useEffect(() => {
    abort.current?.abort();
    setState('idle');
    onChange(undefined);
  }, [resetKey]);

  async function start(checked: boolean) {
    abort.current?.abort();
    if (!checked) {
      setState('idle');
      onChange(undefined);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setState('working');
    try {
      const challenge = await getCaptcha();
      const payload = await solveChallenge(challenge, controller.signal);
      if (controller.signal.aborted) return;
      setState(payload ? 'done' : 'failed');
      onChange(payload);
    } catch {
      if (!controller.signal.aborted) setState('failed');
    }
  }

  const describedBy = [`${id}-estado`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field field--checkbox captcha${error ? ' field--error' : ''}`}>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div class="captcha__box">
        <div class="checkbox">
          <input
            id={id}
            type="checkbox"
            checked={state === 'working' || state === 'done'}
            aria-disabled={state === 'working' ? 'true' : undefined}
            onClick={(event) => {
              if (state === 'working') event.preventDefault();
            }}
            onChange={(event) => void start((event.currentTarget as HTMLInputElement).checked)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
          />
          <label for={id}>No soy un robot</label>
        </div>
        <p id={`${id}-estado`} class={`captcha__status captcha__status--${state}`} aria-live="polite">
          {statusText[state]}
        </p>
        <p class="captcha__note">Verificación propia del Ministerio, sin imágenes ni servicios de terceros.</p>
      </div>
    </div>
  );
}
