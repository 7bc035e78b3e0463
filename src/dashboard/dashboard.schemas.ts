import * as z from 'zod';

/** «Descargar CSV» of the Tablero: which list (`?lista=`). */
export const dashboardExportQuerySchema = z.object({
  lista: z.enum(['pendientes', 'llaves'], { error: 'La lista a exportar debe ser «pendientes» o «llaves».' }),
});
export type DashboardExportName = z.infer<typeof dashboardExportQuerySchema>['lista'];

export type EnvironmentFigure = { environment: 'preproduction' | 'production'; label: string };

/** The Tablero's figures, as GET /api/dashboard answers them (all computed on the server). */
export type DashboardFigures = {
  generatedAt: string;
  pending: {
    total: number;
    first: number;
    renewal: number;
    /** The request that has waited longest (calendar days). */
    oldest?: { since: string; days: number; radicado?: string };
    byAge: { key: string; label: string; first: number; renewal: number }[];
    byDepartment: { department: string; total: number }[];
    /** More pending requests than the Tablero reads: the figures cover the oldest ones only. */
    truncated: boolean;
  };
  /** Last 12 weeks (Monday in Bogotá), oldest first. */
  weeks: { week: string; received: number; receivedFirst: number; receivedRenewal: number; assigned: number; rejected: number }[];
  /** Requests assigned in the last 30 days: business days from the request to the assignment. */
  timeToAssign: { sample: number; median?: number; p90?: number };
  /** Keys (current ones) that expire from today to 30, 60 and 90 days ahead, cumulative; per environment. */
  expiring: (EnvironmentFigure & { within30: number; within60: number; within90: number })[];
  holders: (EnvironmentFigure & { providers: number })[];
  rejections: { last30Days: number; last12Weeks: number };
};

/** What a delegate may read: the usual time to assign, nothing else. */
export type UsualAssignmentTime = { sample: number; medianBusinessDays?: number };

/** Fewer assignments than this in 30 days: no figure (one or two fast or slow cases would mislead). */
export const MIN_SAMPLE = 5;

/** «Normalmente el Ministerio asigna las llaves en 2 días hábiles», or the fallback when there is too little data. */
export function usualTimeMessage(time: UsualAssignmentTime | undefined): string {
  const fallback =
    'El Ministerio revisa las solicitudes en orden de llegada. Le avisaremos por correo electrónico, a usted y al líder técnico, cuando asigne las llaves.';
  if (!time || time.medianBusinessDays === undefined || time.sample < MIN_SAMPLE) return fallback;
  const days = time.medianBusinessDays;
  if (days < 1) return 'Normalmente el Ministerio asigna las llaves en menos de un día hábil.';
  const whole = Math.round(days);
  return `Normalmente el Ministerio asigna las llaves en ${whole} ${whole === 1 ? 'día hábil' : 'días hábiles'}.`;
}
