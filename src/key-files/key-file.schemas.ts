/**
 * The texts of a key file's states and of the two kinds of request, as the seed words them. Plain data, so
 * that the web imports it as it is.
 */
export const requestKinds = {
  first: { button: 'Inscripción Token', statusLabel: 'Token solicitados por primera vez' },
  renewal: { button: 'Resolicitud Token', statusLabel: 'Resolicitud de token' },
} as const;
export type RequestKind = keyof typeof requestKinds;

/** The states a provider's keys go through, with the seed's exact texts. */
export const statusLabels = {
  none: 'Sin solicitud de llaves',
  'pending-first': requestKinds.first.statusLabel,
  'pending-renewal': requestKinds.renewal.statusLabel,
  assigned: 'Se ha asignado token',
  rejected: 'Solicitud rechazada',
} as const;
export type KeyFileStatus = keyof typeof statusLabels;

/** Paso 2's state while production waits after pre-production was issued automatically (the guide's texts stay for the rest). */
export const AUTO_ISSUED_STATUS = 'Preproducción asignada automáticamente; Producción en revisión';
