import type { StepUpAction } from '../hooks/step-up';

const texts: Record<StepUpAction, (label: string) => string> = {
  mostrar: (label) => `Confirmó que es usted. El ClientSecret de ${label} se muestra abajo.`,
  copiar: (label) => `Confirmó que es usted. Pulse de nuevo «Copiar» para copiar el ClientSecret de ${label}.`,
  descargar: (label) => `Confirmó que es usted. La configuración de ${label} se está descargando.`,
};

/** Back from the second factor: says what was done with the button the person had pressed. */
export function StepUpNotice({ action, label }: { action: StepUpAction | undefined; label: string }) {
  if (!action) return null;
  return (
    <p class="notice notice--success" role="status">
      {texts[action](label)}
    </p>
  );
}

/** Before the step-up: why production asks for the second factor. */
export function StepUpHint() {
  return (
    <p class="hint">
      Por seguridad, para ver, copiar o descargar las llaves de Producción le pediremos confirmar que es usted con su segundo factor (llave
      de acceso o aplicación de autenticación). La confirmación vale 10 minutos.
    </p>
  );
}
