/**
 * Table or Queue Storage could not be reached (connection refused or reset, timeout, 5xx after the SDK's
 * retries): a temporary outage the caller can wait out, not a bug.
 */
export function isStorageOutage(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'RestError') return false;
  const { statusCode, code } = error as Error & { statusCode?: number; code?: string };
  return statusCode === undefined
    ? /ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|REQUEST_SEND_ERROR|socket/i.test(`${code ?? ''} ${error.message}`)
    : statusCode >= 500;
}
