import { useEffect, useState } from 'preact/hooks';
import type { EnvironmentView } from '../../src/credentials/credentials.schemas';
import type { KeyFileStatus, RequestKind } from '../../src/key-files/key-file.schemas';
import type { RequestSummary } from '../../src/requests/requests.schemas';
import { api } from './api';

/** What GET /api/my/credentials answers (see src/credentials/my-credentials.service.ts). */
export type MyKeys = {
  nit: string;
  providerName?: string;
  status: KeyFileStatus;
  statusLabel: string;
  pendingSince?: string;
  rejection?: { reason: string; at: string };
  availability: Record<RequestKind, { allowed: boolean; message?: string }>;
  previousRequest?: {
    techVendorName: string;
    softwareName: string;
    techLead: { name: string; email: string; phone: string };
    dataProtectionOfficer: { name: string; phone: string };
  };
  requests: RequestSummary[];
  environments: { preproduction?: EnvironmentView; production?: EnvironmentView };
};

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Bogota' }).format(new Date(iso));
}

export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Loads the delegate's key file once (GET /api/my/credentials). */
export function useMyKeys(): { keys: MyKeys | undefined; error: string | undefined } {
  const [keys, setKeys] = useState<MyKeys | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api<MyKeys>('GET', 'my/credentials').then(setKeys, (failure: Error) => setError(failure.message));
  }, []);
  return { keys, error };
}
