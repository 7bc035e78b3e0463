import { useEffect, useState } from 'preact/hooks';
import { usualTimeMessage, type UsualAssignmentTime } from '../../../../../src/dashboard/dashboard.schemas';
import { getAssignmentTime } from '../api/get-assignment-time';

/**
 * «¿Qué sigue?» after «Generar Llaves de Acceso»: the steps until the keys arrive and how long the ministry
 * usually takes (the Tablero's median of the last 30 days). Without enough data, or if the figure cannot be
 * read, the text says what happens without a number: the confirmation never fails for it.
 */
export function WhatHappensNext() {
  const [time, setTime] = useState<UsualAssignmentTime | undefined>();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    getAssignmentTime()
      .then(setTime, () => setTime(undefined))
      .finally(() => setLoaded(true));
  }, []);
  return (
    <section aria-labelledby="que-sigue" class="next-steps">
      <h2 id="que-sigue">¿Qué sigue?</h2>
      <ol>
        <li>Un funcionario del Ministerio revisa la solicitud y los datos del prestador en el directorio.</li>
        <li>
          Si todo está en orden, asigna las llaves de Preproducción y Producción. Si falta algo, rechaza la solicitud y le explica el motivo
          por correo electrónico; entonces puede volver a solicitarlas.
        </li>
        <li>
          Cuando las llaves estén asignadas, usted y el líder técnico reciben un correo electrónico, y usted las ve aquí, en el Paso 2.
        </li>
      </ol>
      <p data-testid="tiempo-habitual" aria-busy={loaded ? undefined : 'true'}>
        {loaded ? <strong>{usualTimeMessage(time)}</strong> : 'Consultando el tiempo habitual de asignación…'}
      </p>
    </section>
  );
}
