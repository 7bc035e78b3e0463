import * as z from 'zod';

/**
 * «Motivo de la actualización»: 6.4.2.1 has «Actualizar Info» «por inconsistencia en la información», so a change
 * to keys that no request asked for says why; it goes to the trail and to the delegate's history.
 */
export const UPDATE_REASON_MIN = 10;
const reasonRequired = `Escriba el motivo de la actualización (al menos ${UPDATE_REASON_MIN} caracteres): queda en la trazabilidad y el delegado lo ve en su historial.`;

const reasonText = z
  .string({ error: 'El motivo de la actualización debe ser texto.' })
  .trim()
  .max(500, 'El motivo de la actualización no puede tener más de 500 caracteres.')
  .refine(
    (value) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f<>]/.test(value),
    'El motivo de la actualización no puede contener los caracteres < > ni de control.',
  );

/**
 * The field as the body may carry it; with `required` (keys on file, no request waiting) it must be there and say
 * enough. Typed as the optional field in both cases, so that one body type serves every context.
 */
export const updateReasonSchemaFor = (required: boolean) => {
  const optional = reasonText.optional();
  if (!required) return optional;
  const present = z
    .string({ error: reasonRequired })
    .pipe(reasonText)
    .refine((value) => value.length >= UPDATE_REASON_MIN, reasonRequired);
  return present as unknown as typeof optional;
};

/** The motive is required when the provider already has keys and no request is waiting: the official is correcting them. */
export function updateReasonProblem(change: { hasKeys: boolean; pendingRequest: boolean; updateReason: string | undefined }) {
  if (!change.hasKeys || change.pendingRequest) return undefined;
  return (change.updateReason?.trim().length ?? 0) >= UPDATE_REASON_MIN ? undefined : reasonRequired;
}
