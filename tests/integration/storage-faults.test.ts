import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as myCredentialsGet } from '../../functions/my-credentials-get';
import { definition as myRequestsCreate } from '../../functions/my-requests-create';
import type { Services } from '../../src/composition-root';
import { azuriteConnectionString, freePort, startAzurite, type ChildService } from '../../scripts/local-stack';
import { signedInDelegate, validRequest } from '../support/accounts';
import { providerFixture, seedDirectory } from '../support/directory-fixtures';
import { startDelayProxy } from '../support/delay-proxy';
import { call, startTestServices } from '../support/test-app';
import { countSafety } from '../support/totals';

/**
 * Storage itself failing: this file runs its own Azurite (persisted in a temporary folder, so it can be
 * stopped and started again), behind a proxy whose latency the tests turn up.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'ihce-fallas-'));
let ports: { blob: number; queue: number; table: number };
let azurite: ChildService;
let proxies: Awaited<ReturnType<typeof startDelayProxy>>[];
let services: Services;
const providers = [providerFixture('Lento'), providerFixture('Caído')];
const cookies: string[] = [];

beforeAll(async () => {
  ports = { blob: await freePort(), queue: await freePort(), table: await freePort() };
  azurite = await startAzurite({ ports, location: dir });
  proxies = [await startDelayProxy(ports.queue), await startDelayProxy(ports.table)];
  services = await startTestServices({
    env: { IHCE_STORAGE: azuriteConnectionString({ blob: ports.blob, queue: proxies[0]!.port, table: proxies[1]!.port }) },
  });
  await seedDirectory(services, providers, []);
  for (const provider of providers) cookies.push((await signedInDelegate(services, provider)).cookie);
}, 120_000);
afterAll(async () => {
  await Promise.all(proxies?.map((proxy) => proxy.close()) ?? []);
  await azurite?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('storage faults', () => {
  it('with storage answering slowly (200 ms each way) every call still succeeds, just later', async (context) => {
    for (const proxy of proxies) proxy.delayMs = 200;
    try {
      const started = performance.now();
      expect((await call(myCredentialsGet, { cookie: cookies[0]! })).status).toBe(200);
      expect((await call(myRequestsCreate, { cookie: cookies[0]!, body: validRequest('first') })).status).toBe(201);
      expect(performance.now() - started).toBeGreaterThan(800);
    } finally {
      for (const proxy of proxies) proxy.delayMs = 0;
    }
    expect((await call(myCredentialsGet, { cookie: cookies[0]! })).body.status).toBe('pending-first');
    countSafety(context, { faultsInjected: 1, invariantsHeld: 3 });
  });

  it('with storage stopped: 503 in Spanish with Retry-After and nothing half-written; once it is back the same call works, once', async (context) => {
    await azurite.stop();
    const down = await call(myRequestsCreate, { cookie: cookies[1]!, body: validRequest('first') });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(down.body.type).toBe('urn:ihce:problema:almacenamiento-no-disponible');
    expect(down.body.detail).toMatch(/No se guardó nada/);
    expect(down.headers.get('retry-after')).toBe('10');
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|RestError|\.ts:\d+/);

    azurite = await startAzurite({ ports, location: dir });
    const view = await call(myCredentialsGet, { cookie: cookies[1]! });
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('none');
    expect(view.body.requests).toEqual([]);
    const again = await call(myRequestsCreate, { cookie: cookies[1]!, body: validRequest('first') });
    expect(again.status).toBe(201);
    expect((await call(myCredentialsGet, { cookie: cookies[1]! })).body.requests).toHaveLength(1);
    countSafety(context, { faultsInjected: 2, invariantsHeld: 8 });
  }, 90_000);
});
