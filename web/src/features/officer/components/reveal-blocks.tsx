import { useEffect, useState } from 'preact/hooks';
import { formatDateTime } from '../../../lib/format';
import { useSubmission } from '../../../lib/forms';
import { deleteRevealBlock } from '../api/delete-reveal-block';
import { listRevealBlocks, type RevealBlock } from '../api/list-reveal-blocks';

/**
 * Colleagues whose ClientSecret reveals were blocked after a burst. Any other official may lift a block
 * once they have looked at what happened; the blocked official cannot lift their own.
 */
export function RevealBlocks({ me }: { me: string }) {
  const [items, setItems] = useState<RevealBlock[]>([]);
  const [done, setDone] = useState<string | undefined>();
  const submission = useSubmission();
  const load = () =>
    listRevealBlocks()
      .then((page) => setItems(page.items))
      .catch(() => setItems([]));
  useEffect(() => void load(), []);
  async function lift(username: string) {
    const result = await submission.run(() => deleteRevealBlock(username).then(() => true));
    if (result) {
      setDone(`Se desbloquearon las revelaciones de ${username}. Quedó registrado a su nombre.`);
      await load();
    }
  }
  if (items.length === 0 && !done) return null;
  return (
    <section aria-labelledby="bloqueos-titulo" class="reveal-blocks">
      <h2 id="bloqueos-titulo">Revelaciones bloqueadas</h2>
      <p>
        Estos funcionarios pidieron ver los ClientSecret de demasiados prestadores en una hora. El sistema bloqueó sus revelaciones y avisó
        a seguridad del Ministerio. Revise la trazabilidad de los prestadores (cada revelación tiene su motivo) antes de desbloquear; nadie
        puede desbloquearse a sí mismo.
      </p>
      {done && <p role="status">{done}</p>}
      {submission.summary([]).length > 0 && (
        <p class="field-error" role="alert">
          {submission
            .summary([])
            .map((item) => item.message)
            .join(' ')}
        </p>
      )}
      <ul>
        {items.map((item) => (
          <li key={item.username}>
            {item.username}: {item.providers} prestadores, bloqueado el {formatDateTime(item.blockedAt)}{' '}
            {item.username === me ? (
              <span class="hint">Otro funcionario debe desbloquearlo.</span>
            ) : (
              <button
                type="button"
                class="button button--small button--secondary"
                disabled={submission.busy}
                onClick={() => lift(item.username)}
                aria-label={`Desbloquear revelaciones de ${item.username}`}
              >
                Desbloquear revelaciones
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
