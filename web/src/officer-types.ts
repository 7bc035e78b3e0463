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
export type ExpiringItem = ProviderSummary & { environment: 'preproduction' | 'production'; environmentLabel: string; expiresOn: string; daysLeft: number };
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
  source: 'manual' | 'entra';
  /** The Entra ID application (IHCE-PRE-<NIT>) when the keys were generated. */
  application?: string;
  secretVersions: { version: string; current: boolean; clientId?: string; since?: string; replacedAt?: string; replacedBy?: string; validUntil?: string; retiredAt?: string }[];
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
  /** Where «Generar en Entra ID» is configured. */
  generation: Record<EnvironmentName, boolean>;
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
  'secreto.retirado': 'ClientSecret anterior retirado',
};
