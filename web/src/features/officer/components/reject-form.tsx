import { useState } from 'preact/hooks';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField } from '../../../components/fields';
import { useSubmission } from '../../../lib/forms';
import { createProviderRejection } from '../api/create-provider-rejection';

/** Rechazar: turns the pending request down, with a reason the delegate reads and receives by e-mail. */
export function RejectForm({ nit, version, onDone }: { nit: string; version: string; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const submission = useSubmission();
  async function submit(event: Event) {
    event.preventDefault();
    const result = await submission.run(() => createProviderRejection(nit, version, { reason }));
    if (result) onDone(result.message);
  }
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="rechazar-titulo">
      <h2 id="rechazar-titulo">Rechazar la solicitud</h2>
      <ErrorSummary title="No se pudo rechazar" items={submission.summary(['reason'])} version={submission.version} />
      <TextAreaField
        id="reason"
        label="Motivo del rechazo"
        required
        value={reason}
        onInput={setReason}
        maxLength={1000}
        hint="El delegado lo verá y recibirá por correo; podrá corregir y solicitar de nuevo."
        error={submission.errors.reason}
      />
      <div class="actions">
        <button type="submit" class="button button--danger" disabled={submission.busy}>
          {submission.busy ? 'Rechazando…' : 'Rechazar'}
        </button>
      </div>
    </form>
  );
}
