import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the simulator's token endpoint knows by default, and Entra's error body (entra-simulator-token.ts). */

export type Answer = { status: number; body: unknown; headers?: Record<string, string> };
export type Form = Record<string, string>;

/** The tenants `npm start` configures (scripts/local-env.ts): the simulator knows these unless told others. */
export const LOCAL_TENANTS = { preproduction: '00000000-0000-4000-8000-00000000a001', production: '00000000-0000-4000-8000-00000000b002' };
/** The IHCE APIs the local scopes name, each with its app role for applications. */
export const LOCAL_RESOURCES: SimulatedResource[] = [
  {
    identifierUri: 'api://ihce-preproduccion-demo',
    displayName: 'IHCE API Preproducción',
    roles: [{ id: '7b0a5c4e-1d2f-4a6b-8c9d-0e1f2a3b4c51', value: 'IHCE.Interoperabilidad' }],
  },
  {
    identifierUri: 'api://ihce-produccion-demo',
    displayName: 'IHCE API Producción',
    roles: [{ id: '7b0a5c4e-1d2f-4a6b-8c9d-0e1f2a3b4c52', value: 'IHCE.Interoperabilidad' }],
  },
];
export type SimulatedResource = {
  identifierUri: string;
  appId?: string;
  displayName: string;
  roles: { id: string; value: string }[];
  /** The API's service principal requires an app role (`appRoleAssignmentRequired`): without one, AADSTS501051. */
  assignmentRequired?: boolean;
};

/** An Entra error body: `error_description` carries `AADSTS<code>: …` plus trace lines, as Entra writes it. */
export function entraError(status: number, error: string, code: number, text: string, headers?: Record<string, string>): Answer {
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    status,
    ...(headers && { headers }),
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

export async function readForm(request: IncomingMessage): Promise<Form> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return {};
    chunks.push(chunk as Buffer);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}
