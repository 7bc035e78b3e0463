import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gatewayFromEnv, writeSiteConfig } from '../../scripts/azure/swa-config';

const FRONT_DOOR_ID = '55ce4ed1-4b06-4bf1-b40e-4638452104da';
const outputs = { FRONT_DOOR_ID, FRONT_DOOR_ENDPOINT: 'ihce-abc123.z01.azurefd.net', CUSTOM_DOMAIN: 'llaves.minsalud.gov.co' };

describe('web predeploy hook: staticwebapp.config.json admits only our Front Door', () => {
  it('reads the profile id and both host names from the azd outputs', () => {
    expect(gatewayFromEnv({ ...outputs, FRONT_DOOR_ID: FRONT_DOOR_ID.toUpperCase() })).toEqual({
      frontDoorId: FRONT_DOOR_ID,
      hostNames: ['ihce-abc123.z01.azurefd.net', 'llaves.minsalud.gov.co'],
    });
    expect(gatewayFromEnv({ ...outputs, CUSTOM_DOMAIN: '' }).hostNames).toEqual(['ihce-abc123.z01.azurefd.net']);
  });

  it('when the id or the endpoint is missing or malformed, then it stops instead of deploying an open site', () => {
    expect(() => gatewayFromEnv({ ...outputs, FRONT_DOOR_ID: undefined })).toThrow(/FRONT_DOOR_ID/);
    expect(() => gatewayFromEnv({ ...outputs, FRONT_DOOR_ID: 'not-a-guid' })).toThrow(/FRONT_DOOR_ID/);
    expect(() => gatewayFromEnv({ ...outputs, FRONT_DOOR_ENDPOINT: '' })).toThrow(/FRONT_DOOR_ENDPOINT/);
    expect(() => gatewayFromEnv({ ...outputs, CUSTOM_DOMAIN: 'https://llaves.minsalud.gov.co/' })).toThrow(/nombre de host/);
  });

  it('writes the base (headers, fallback, Front Door backend only) plus the forwarding gateway into dist/web', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ihce-swa-'));
    try {
      await mkdir(path.join(root, 'web'));
      await copyFile('web/staticwebapp.base.json', path.join(root, 'web/staticwebapp.base.json'));
      const base = JSON.parse(await readFile('web/staticwebapp.base.json', 'utf8')) as Record<string, unknown>;

      const target = await writeSiteConfig({ root, gateway: gatewayFromEnv(outputs) });
      const written = JSON.parse(await readFile(target, 'utf8')) as Record<string, unknown>;

      expect(path.relative(root, target)).toBe(path.join('dist', 'web', 'staticwebapp.config.json'));
      expect(written).toEqual({
        ...base,
        forwardingGateway: {
          requiredHeaders: { 'X-Azure-FDID': FRONT_DOOR_ID },
          allowedForwardedHosts: ['ihce-abc123.z01.azurefd.net', 'llaves.minsalud.gov.co'],
        },
      });
      expect(written.networking).toEqual({ allowedIpRanges: ['AzureFrontDoor.Backend'] });

      await writeSiteConfig({ root });
      expect(JSON.parse(await readFile(target, 'utf8'))).toEqual(base);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('Front Door may cache only the hashed assets: every other answer of the site says no-cache (a deploy shows at once)', async () => {
    type Config = { globalHeaders: Record<string, string>; routes: { route: string; headers?: Record<string, string> }[] };
    const base = JSON.parse(await readFile('web/staticwebapp.base.json', 'utf8')) as Config;
    expect(base.globalHeaders['Cache-Control']).toBe('no-cache');
    const cached = base.routes.filter((r) => r.headers?.['Cache-Control'] && r.headers['Cache-Control'] !== 'no-cache');
    expect(cached).toEqual([{ route: '/assets/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } }]);
  });

  it('no other staticwebapp.config.json exists in the project: the SWA CLI would deploy the last one it finds', async () => {
    const entries = await readdir('.', { recursive: true, withFileTypes: true });
    const configs = entries
      .filter((entry) => entry.name === 'staticwebapp.config.json')
      .map((entry) => path.relative('.', path.join(entry.parentPath, entry.name)))
      .filter((file) => !file.startsWith('node_modules') && !file.startsWith('dist') && !file.startsWith('.git'));
    expect(configs).toEqual([]);
  });
});
