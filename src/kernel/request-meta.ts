/** Where a call came from, for the audit trail. */
export type RequestMeta = { ip?: string | undefined };
