export type AuditEntry = {
  /** Whose trail it belongs to: `user:<username>`, `provider:<nit>`, or `directory:import` (each directory import run). */
  subject: string;
  action: string;
  actor: string;
  ip?: string;
  /** Non-secret facts about the event. Never a password, token or ClientSecret. */
  detail?: Record<string, string | number | boolean>;
};
export type AuditRecord = AuditEntry & { at: Date };

/** Append-only trail: every state change, every sign-in and every secret reveal is one entry. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The subject's entries, newest first. */
  list(subject: string, limit?: number): Promise<AuditRecord[]>;
}
