import type { AuditAction } from './audit-actions';

export type AuditEntry = {
  /** Whose trail it belongs to: `user:<username>`, `provider:<nit>`, or `directory:import` (each directory import run). */
  subject: string;
  action: AuditAction;
  actor: string;
  ip?: string;
  /** Non-secret facts about the event. Never a password, token or ClientSecret. */
  detail?: Record<string, string | number | boolean>;
};
/** As read back: a row written before its action was listed keeps its text (Trazabilidad says it generically). */
export type AuditRecord = Omit<AuditEntry, 'action'> & { action: string; at: Date };

/** Append-only trail: every state change, every sign-in and every secret reveal is one entry. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The subject's entries, newest first. */
  list(subject: string, limit?: number): Promise<AuditRecord[]>;
}
