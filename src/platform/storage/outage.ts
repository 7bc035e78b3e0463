/**
 * A storage or identity SDK could not be loaded on its first use (src/platform/storage/sdk.ts): this request
 * cannot reach storage, answered as an outage (503); the next one loads it again.
 */
export class StorageSdkUnavailable extends Error {
  override name = 'StorageSdkUnavailable';
}

/**
 * Table or Queue Storage could not be reached (connection refused or reset, timeout, 5xx after the SDK's
 * retries), or its SDK could not be loaded: a temporary outage the caller can wait out, not a bug.
 */
export function isStorageOutage(error: unknown): boolean {
  if (error instanceof StorageSdkUnavailable) return true;
  if (!(error instanceof Error) || error.name !== 'RestError') return false;
  const { statusCode, code } = error as Error & { statusCode?: number; code?: string };
  return statusCode === undefined
    ? /ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|REQUEST_SEND_ERROR|socket/i.test(`${code ?? ''} ${error.message}`)
    : statusCode >= 500;
}
