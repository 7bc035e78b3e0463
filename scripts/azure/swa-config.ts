import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes dist/web/staticwebapp.config.json from web/staticwebapp.base.json. The base admits only Front Door's
 * backend addresses (`networking.allowedIpRanges`); with our profile's id it also adds `forwardingGateway`, so
 * only requests carrying our X-Azure-FDID and one of our host names reach the site
 * (https://learn.microsoft.com/azure/static-web-apps/front-door-manual). The id exists only after provisioning:
 * `npm run build:web` writes the base, the web service's azd `predeploy` hook (`--front-door`) adds the gateway
 * from the outputs azd passes as environment variables (FRONT_DOOR_ID, FRONT_DOOR_ENDPOINT, CUSTOM_DOMAIN).
 *
 * The base lives outside web/public on purpose: the SWA CLI that azd runs looks for staticwebapp.config.json
 * anywhere under the project and keeps the last one it finds, which would be a web/public copy without the gateway.
 */
export type FrontDoorGateway = { frontDoorId: string; hostNames: string[] };

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The gateway from azd's outputs; a missing or malformed value is an error, never a site left open. */
export function gatewayFromEnv(env: Record<string, string | undefined>): FrontDoorGateway {
  const frontDoorId = env.FRONT_DOOR_ID?.trim() ?? '';
  const hostNames = [env.FRONT_DOOR_ENDPOINT, env.CUSTOM_DOMAIN].map((host) => host?.trim() ?? '').filter(Boolean);
  if (!guid.test(frontDoorId)) throw new Error('FRONT_DOOR_ID falta o no es un GUID: ejecute `azd provision` antes de `azd deploy web`.');
  if (!env.FRONT_DOOR_ENDPOINT?.trim()) throw new Error('Falta FRONT_DOOR_ENDPOINT: ejecute `azd provision` antes de `azd deploy web`.');
  const invalid = hostNames.find((host) => !hostName.test(host));
  if (invalid) throw new Error(`«${invalid}» no es un nombre de host válido (FRONT_DOOR_ENDPOINT o CUSTOM_DOMAIN).`);
  return { frontDoorId: frontDoorId.toLowerCase(), hostNames };
}

export function siteConfig(base: Record<string, unknown>, gateway?: FrontDoorGateway): Record<string, unknown> {
  if (!gateway) return base;
  return {
    ...base,
    forwardingGateway: {
      requiredHeaders: { 'X-Azure-FDID': gateway.frontDoorId },
      allowedForwardedHosts: gateway.hostNames,
    },
  };
}

export async function writeSiteConfig(options: { root: string; gateway?: FrontDoorGateway }): Promise<string> {
  const base = JSON.parse(await readFile(path.join(options.root, 'web/staticwebapp.base.json'), 'utf8')) as Record<string, unknown>;
  const target = path.join(options.root, 'dist/web/staticwebapp.config.json');
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(siteConfig(base, options.gateway), null, 2)}\n`);
  return target;
}
