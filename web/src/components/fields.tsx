import type { ComponentChildren } from 'preact';

type Common = { id: string; label: string; hint?: string; error?: string | undefined; required?: boolean };

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-ayuda` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function FieldLabel({ id, label, required }: { id: string; label: string; required?: boolean | undefined }) {
  return (
    <label for={id}>
      {label}
      {required && <span aria-hidden="true"> *</span>}
    </label>
  );
}

function Messages({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-ayuda`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </>
  );
}

export function TextField(
  props: Common & {
    value: string;
    onInput: (value: string) => void;
    type?: 'text' | 'password' | 'email' | 'tel' | 'date';
    /** For a date field: the first and last day allowed (AAAA-MM-DD). */
    min?: string;
    max?: string;
    /** Called on each input with whether the browser holds an unfinished or impossible date (its value is then empty). */
    onBadInput?: (bad: boolean) => void;
    autocomplete?: string;
    inputMode?: 'numeric' | 'text' | 'email' | 'tel';
    maxLength?: number;
    spellcheck?: boolean;
  },
) {
  const { id, label, hint, error, required } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldLabel id={id} label={label} required={required} />
      <Messages id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={(event) => {
          const input = event.currentTarget as HTMLInputElement;
          props.onBadInput?.(input.validity.badInput);
          props.onInput(input.value);
        }}
        min={props.min}
        max={props.max}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        spellcheck={props.spellcheck ?? false}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

export function SelectField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
    placeholder?: string;
  },
) {
  const { id, label, hint, error, required } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldLabel id={id} label={label} required={required} />
      <Messages id={id} hint={hint} error={error} />
      <select
        id={id}
        name={id}
        value={props.value}
        onChange={(event) => props.onChange((event.currentTarget as HTMLSelectElement).value)}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField(props: Common & { checked: boolean; onChange: (checked: boolean) => void; children?: ComponentChildren }) {
  const { id, label, hint, error, required } = props;
  return (
    <div class={`field field--checkbox${error ? ' field--error' : ''}`}>
      <Messages id={id} hint={hint} error={error} />
      <div class="checkbox">
        <input
          id={id}
          name={id}
          type="checkbox"
          checked={props.checked}
          onChange={(event) => props.onChange((event.currentTarget as HTMLInputElement).checked)}
          required={required}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, error)}
        />
        <label for={id}>{label}</label>
      </div>
      {props.children}
    </div>
  );
}

export function TextAreaField(props: Common & { value: string; onInput: (value: string) => void; maxLength?: number; rows?: number }) {
  const { id, label, hint, error, required } = props;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <FieldLabel id={id} label={label} required={required} />
      <Messages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={id}
        rows={props.rows ?? 4}
        value={props.value}
        maxLength={props.maxLength}
        onInput={(event) => props.onInput((event.currentTarget as HTMLTextAreaElement).value)}
        required={required}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

/** A text the person accepts (agreement, terms, authorisation), readable in place, with its version. */
export function AgreementText({ summary, version, paragraphs }: { summary: string; version: string; paragraphs: readonly string[] }) {
  return (
    <details class="agreement">
      <summary>
        {summary} (versión {version})
      </summary>
      {paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
    </details>
  );
}
