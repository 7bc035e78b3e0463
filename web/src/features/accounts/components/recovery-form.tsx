import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Captcha } from '../../../components/captcha';
import { ErrorSummary } from '../../../components/error-summary';
import type { FieldErrors } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/forms';
import { onLinkClick } from '../../../lib/router';

type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * «¿Olvidó su contraseña?» and «¿Olvidó su usuario?»: a few fields and the bot check, one request, then the
 * same answer whatever the account (the message comes from the API) and the way back to sign-in.
 */
export function RecoveryForm<T>(props: {
  id: string;
  title: string;
  lead: ComponentChildren;
  /** The fields in the order the error summary lists them (the captcha last). */
  fieldOrder: string[];
  submitLabel: string;
  /** The form's values, given the solved captcha, checked with the API's schema. */
  check: (captcha: string) => Checked<T>;
  send: (data: T) => Promise<{ message: string }>;
  fields: (errors: FieldErrors) => ComponentChildren;
  after?: ComponentChildren;
}) {
  const [captcha, setCaptcha] = useState<string | undefined>();
  const [captchaReset, setCaptchaReset] = useState(0);
  const [sent, setSent] = useState<string | undefined>();
  const submission = useSubmission();

  async function submit(event: Event) {
    event.preventDefault();
    const checked = props.check(captcha ?? '');
    if (!checked.ok) return submission.fail(checked.errors);
    const result = await submission.run(() => props.send(checked.data));
    setCaptchaReset((n) => n + 1);
    if (result) setSent(result.message);
  }

  if (sent) {
    return (
      <div class="narrow">
        <h1 tabIndex={-1} ref={(el) => el?.focus()}>
          {props.title}
        </h1>
        <div class="notice notice--success" role="status">
          {sent}
        </div>
        <p>
          <a href="/ingresar" onClick={onLinkClick}>
            Volver a Ingreso al sistema
          </a>
        </p>
      </div>
    );
  }

  const titleId = `${props.id}-titulo`;
  return (
    <div class="narrow">
      <form class="form" onSubmit={submit} noValidate aria-labelledby={titleId}>
        <h1 id={titleId}>{props.title}</h1>
        <p class="lead">{props.lead}</p>
        <ErrorSummary
          title="Revise los siguientes datos"
          items={submission.summary([...props.fieldOrder, 'captcha'])}
          version={submission.version}
        />
        {props.fields(submission.errors)}
        <Captcha id="captcha" error={submission.errors.captcha} onChange={setCaptcha} resetKey={captchaReset} />
        <div class="actions">
          <button type="submit" class="button" disabled={submission.busy}>
            {submission.busy ? 'Enviando…' : props.submitLabel}
          </button>
        </div>
        {props.after}
      </form>
    </div>
  );
}
