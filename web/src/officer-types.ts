import type { OfficerConsole } from '../../src/credentials/officer-console.service';
/** Shapes of the officer API answers (see src/credentials/officer-console.service.ts). */
export type ProviderSummary = {
  nit: string;
  checkDigit: number;
  name: string;
  habilitationCodes: string[];
  department: string;
  municipality: string;
};

export type PendingItem = ProviderSummary & {
  requestId: string;
  kind: 'first' | 'renewal';
  kindLabel: string;
  since: string;
  daysWaiting: number;
};
export type AssignedItem = ProviderSummary & { expiresOn: { preproduction?: string; production?: string } };
export type ExpiringItem = ProviderSummary & {
  environment: 'preproduction' | 'production';
  environmentLabel: string;
  expiresOn: string;
  daysLeft: number;
};
export type Page<T> = { items: T[]; cursor?: string };

export type EnvironmentName = 'preproduction' | 'production';
/** The provider page's answer, exactly as the officer console builds it (dates already ISO text). */
export type ProviderFile = Awaited<ReturnType<OfficerConsole['file']>>;
export type OfficerEnvironment = NonNullable<ProviderFile['environments'][EnvironmentName]>;

export type AuditItem = { action: string; actor: string; at: string; ip?: string; detail?: Record<string, string | number | boolean> };

export const auditActionLabels: Record<string, string> = {
  'solicitud.creada': 'Solicitud registrada',
  'solicitud.rechazada': 'Solicitud rechazada',
  'llaves.asignadas': 'Llaves asignadas',
  'llaves.actualizadas': 'Llaves actualizadas',
  'secreto.revelado': 'ClientSecret mostrado',
  'configuracion.descargada': 'Configuración descargada',
  'acceso.no-encontrado': 'Intento de ver un recurso inexistente',
  'secreto.retirado': 'ClientSecret anterior retirado',
};
