import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/identity';
import { createHttpHeaders, type HttpClient } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGraphAppRegistrar } from '../../src/adapters/entra/graph-app-registrar';
import { createKeyVaultSecretStore } from '../../src/adapters/secrets/key-vault-secret-store';
import { RegistrarError } from '../../src/credentials/app-registrar.port';
import { VAULT_URL, createKeyVaultContract } from '../support/key-vault-contract';

const TOKEN = 'token-de-acceso-que-nunca-va-al-registro';
const credential: TokenCredential = { getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };

/** Key Vault answering every call with one status, as the service does (JSON error body). */
const answering = (status: number): HttpClient => ({
  sendRequest: async (request) => ({
    request,
    status,
    headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8' }),
    bodyAsText: JSON.stringify({ error: { code: status === 403 ? 'Forbidden' : 'InternalServerError', message: 'fallo de prueba' } }),
  }),
});

describe('Key Vault adapter: a failed call is logged with IHCE-KEYVAULT-FALLO', () => {
  it.each([403, 500])(
    'when Key Vault answers %i, then the operation, secret name and status are logged, never the value',
    async (status) => {
      const log = vi.fn();
      const store = createKeyVaultSecretStore({
        vaultUrl: VAULT_URL,
        credential: createKeyVaultContract().credential,
        clientOptions: { httpClient: answering(status), retryOptions: { maxRetries: 0 } },
        log,
      });
      await expect(store.put('ihce-900123456-production-client-secret', 'valor~secreto.0123456789')).rejects.toThrow();
      await expect(store.get({ name: 'ihce-900123456-production-client-secret', version: 'a'.repeat(32) })).rejects.toThrow();
      const lines = log.mock.calls.map(([line]) => String(line));
      expect(lines).toEqual([
        `IHCE-KEYVAULT-FALLO: setSecret ihce-900123456-production-client-secret (HTTP ${status})`,
        `IHCE-KEYVAULT-FALLO: getSecret ihce-900123456-production-client-secret (HTTP ${status})`,
      ]);
      expect(lines.join('\n')).not.toMatch(/valor~secreto|token/);
    },
  );

  it('a call that succeeds logs nothing', async () => {
    const contract = createKeyVaultContract();
    const log = vi.fn();
    const store = createKeyVaultSecretStore({
      vaultUrl: VAULT_URL,
      credential: contract.credential,
      clientOptions: { httpClient: contract.httpClient },
      log,
    });
    await store.get(await store.put('ihce-1-production-client-secret', 'x~secreto.0123456789'));
    expect(log).not.toHaveBeenCalled();
  });
});

describe('Graph adapter: a failed call is logged with IHCE-GRAPH-FALLO', () => {
  let server: Server;
  let status = 403;
  let baseUrl: string;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'fallo de prueba' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([403, 500])('when Graph answers %i, then the operation, environment and status are logged, never the token', async (answer) => {
    status = answer;
    const log = vi.fn();
    const registrar = createGraphAppRegistrar({
      baseUrl,
      environments: { production: { tenantId: '00000000-0000-4000-8000-000000000009', credential } },
      log,
    });
    await expect(registrar.ensureApplication('production', '900123456', 'Clínica de Prueba')).rejects.toBeInstanceOf(RegistrarError);
    await expect(registrar.removePassword('production', 'objeto-1', 'clave-1')).rejects.toBeInstanceOf(RegistrarError);
    const lines = log.mock.calls.map(([line]) => String(line));
    expect(lines).toEqual([
      `IHCE-GRAPH-FALLO: ensureApplication en production (HTTP ${answer})`,
      `IHCE-GRAPH-FALLO: removePassword en production (HTTP ${answer})`,
    ]);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});
