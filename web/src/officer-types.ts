/** Shapes of the officer API answers (see shared/credentials/officer-console.service.ts). */
export type ProviderSummary = {
  nit: string;
  checkDigit: number;
  name: string;
  habilitationCodes: string[];
  department: string;
  municipality: string;
};

export type PendingItem = ProviderSummary & { requestId: string; kind: 'first' | 'renewal'; kindLabel: string; since: string; daysWaiting: number };
export type AssignedItem = ProviderSummary & { expiresOn: { preproduction?: string; production?: string } };
export type Page<T> = { items: T[]; cursor?: string };

export type EnvironmentName = 'preproduction' | 'production';
export type OfficerEnvironment = {
  label: string;
  clientId: string;
  expiresOn: string;
  tenantId: string;
  scope: string;
  endpoint: string;
  tokenUrl: string;
  hasSubscriptionKey: boolean;
  assignedAt: string;
  assignedBy: string;
  secretVersions: { version: string; current: boolean; since?: string; replacedAt?: string; replacedBy?: string }[];
};

export type ProviderFile = {
  version: string;
  provider: ProviderSummary & { sites: { habilitationCode: string; department: string; municipality: string; email: string }[] };
  status: string;
  statusLabel: string;
  pendingSince?: string;
  rejection?: { reason: string; at: string; by: string };
  request?: {
    id: string;
    kindLabel: string;
    statusLabel: string;
    createdAt: string;
    createdBy: string;
    reason?: string;
    techVendorName: string;
    softwareName: string;
    techLead: { name: string; email: string; phone: string };
    dataProtectionOfficer: { name: string; phone: string };
  };
  environments: Partial<Record<EnvironmentName, OfficerEnvironment>>;
  defaults: Record<EnvironmentName, { tenantId?: string; scope?: string; endpoint?: string }>;
};

export type AuditItem = { action: string; actor: string; at: string; ip?: string; detail?: Record<string, string | number | boolean> };

export const auditActionLabels: Record<string, string> = {
  'solicitud.creada': 'Solicitud registrada',
  'solicitud.rechazada': 'Solicitud rechazada',
  'llaves.asignadas': 'Llaves asignadas',
  'llaves.actualizadas': 'Llaves actualizadas',
  'secreto.revelado': 'ClientSecret mostrado',
  'configuracion.descargada': 'Configuración descargada',
  'acceso.no-encontrado': 'Intento de ver un recurso inexistente',
};
