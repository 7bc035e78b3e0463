import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { ApiError, type FieldErrors } from './api-client';
import '../../../src/kernel/zod-es';

/** One line of a form's error summary: with `field`, it links to that field. */
export type SummaryItem = { field?: string; message: string };

/** Field errors from a schema, keyed by field id, first message per field. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return { ok: false, errors };
}

/** Submission state shared by every form: field errors, a general message, and a counter that re-focuses the summary. */
export function useSubmission() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);

  const fail = (fieldErrors: FieldErrors, general?: string) => {
    setErrors(fieldErrors);
    setMessage(general);
    setVersion((v) => v + 1);
  };

  return {
    errors,
    busy,
    version,
    summary(fieldOrder: string[]): SummaryItem[] {
      const items: SummaryItem[] = [];
      if (message) items.push({ message });
      for (const field of fieldOrder) if (errors[field]) items.push({ field, message: errors[field]! });
      for (const [field, text] of Object.entries(errors)) if (!fieldOrder.includes(field)) items.push({ message: text });
      return items;
    },
    fail,
    async run<T>(work: () => Promise<T>): Promise<T | undefined> {
      setBusy(true);
      try {
        const result = await work();
        setErrors({});
        setMessage(undefined);
        return result;
      } catch (error) {
        if (error instanceof ApiError) {
          const hasFields = Object.keys(error.fields).length > 0;
          fail(error.fields, hasFields && error.code === 'datos-invalidos' ? undefined : error.message);
        } else {
          fail({}, 'Ocurrió un error inesperado en la página. Recárguela e intente de nuevo.');
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}
