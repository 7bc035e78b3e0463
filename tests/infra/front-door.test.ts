import { beforeAll, describe, expect, it } from 'vitest';
import { loadBicepFiles, type BicepFile, type Finding } from '../support/bicep';
import { checkInfra } from '../support/bicep-checks';
import { checkFrontDoor } from '../support/front-door-checks';
import { infraPolicy } from './infra-policy';
import { mutated as mutate } from '../support/bicep-mutation';

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.message}`);

/** The real infra/ with text replacements in one file, re-parsed: proves each check can fail. */
const mutated = (files: BicepFile[], file: string, ...edits: [from: string, to: string][]) => mutate(files, file, edits);

const frontDoorFindings = (files: BicepFile[]) => show(checkFrontDoor(files)).join('\n');

describe('one front door (Bicep, checked offline)', () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('Front Door is the only way in: access restriction with the FDID, HTTPS-only uncached /api, WAF with a per-address limit, PUBLIC_BASE_URL on Front Door', () => {
    expect(show(checkFrontDoor(files))).toEqual([]);
    expect(files.map((f) => f.path)).not.toContain('infra/app/web-backend.bicep');
  });

  it('when the Function App lets everyone in or drops the FDID header, then it is reported', async () => {
    const open = await mutated(files, 'infra/app/api.bicep', [
      "ipSecurityRestrictionsDefaultAction: 'Deny'",
      "ipSecurityRestrictionsDefaultAction: 'Allow'",
    ]);
    expect(frontDoorFindings(open)).toContain("functionApp: ipSecurityRestrictionsDefaultAction is 'Allow' (must be 'Deny')");

    const anyFrontDoor = await mutated(files, 'infra/app/api.bicep', [
      "          headers: {\n            'x-azure-fdid': [\n              frontDoorId\n            ]\n          }\n",
      '',
    ]);
    expect(frontDoorFindings(anyFrontDoor)).toContain(
      'functionApp: no Allow rule for the AzureFrontDoor.Backend service tag with our X-Azure-FDID header',
    );

    const extraRule = await mutated(files, 'infra/app/api.bicep', [
      '      ipSecurityRestrictions: [\n',
      "      ipSecurityRestrictions: [\n        {\n          name: 'office'\n          action: 'Allow'\n          priority: 50\n          ipAddress: '0.0.0.0/0'\n        }\n",
    ]);
    expect(frontDoorFindings(extraRule)).toContain('functionApp: access rule "office" lets in more than our Front Door');
  });

  it('when the Static Web App drops to the Free plan (no forwardingGateway), then it is reported', async () => {
    const changed = await mutated(files, 'infra/app/web.bicep', [
      "    name: 'Standard'\n    tier: 'Standard'",
      "    name: 'Free'\n    tier: 'Free'",
    ]);
    expect(frontDoorFindings(changed)).toContain("staticWebApp: sku.name is 'Free' (must be 'Standard' for forwardingGateway)");
  });

  it('when the /api route caches, accepts plain HTTP or forwards it, then each is reported', async () => {
    const changed = await mutated(
      files,
      'infra/app/front-door-routes.bicep',
      [
        "    supportedProtocols: [\n      'Https'\n    ]\n    forwardingProtocol: 'HttpsOnly'",
        "    supportedProtocols: [\n      'Http'\n      'Https'\n    ]\n    forwardingProtocol: 'MatchRequest'",
      ],
      [
        "    httpsRedirect: 'Disabled'\n",
        "    httpsRedirect: 'Disabled'\n    cacheConfiguration: {\n      queryStringCachingBehavior: 'IgnoreQueryString'\n    }\n",
      ],
    );
    const found = frontDoorFindings(changed);
    expect(found).toContain('apiRoute: caches /api answers');
    expect(found).toContain("apiRoute: /api accepts [ 'Http' 'Https' ] (must be HTTPS only)");
    expect(found).toContain("apiRoute: forwardingProtocol is 'MatchRequest' (must be 'HttpsOnly')");
  });

  it('when the WAF loses its rate-limit rule or only detects, then it is reported', async () => {
    const changed = await mutated(
      files,
      'infra/app/front-door.bicep',
      ['      rules: [\n        apiRateLimitRule\n      ]', '      rules: []'],
      ["      mode: 'Prevention'", "      mode: 'Detection'"],
    );
    const found = frontDoorFindings(changed);
    expect(found).toContain('wafPolicy: no enabled rate-limit rule per client address (SocketAddr) on /api/ that blocks');
    expect(found).toContain("wafPolicy: policySettings.mode is 'Detection' (must be 'Prevention')");

    const forgeable = await mutated(files, 'infra/app/front-door.bicep', ["variableName: 'SocketAddr'", "variableName: 'None'"]);
    expect(frontDoorFindings(forgeable)).toContain('wafPolicy: no enabled rate-limit rule per client address');
  });

  it('when the WAF is not associated with the endpoint, or not at all, then it is reported', async () => {
    const partial = await mutated(files, 'infra/app/front-door.bicep', [
      'domains: concat(endpointDomain, customDomains)',
      'domains: customDomains',
    ]);
    expect(frontDoorFindings(partial)).toContain('securityPolicy: the WAF does not cover endpoint (Microsoft.Cdn/profiles/afdEndpoints)');

    const none = await mutated(files, 'infra/app/front-door.bicep', [
      "resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' = {",
      "resource securityPolicy 'Microsoft.Cdn/profiles/securityPolicies@2024-02-01' existing = {",
    ]);
    expect(frontDoorFindings(none)).toContain('no Front Door security policy (WAF association) declared');
  });

  it('when PUBLIC_BASE_URL is built from the Static Web App host, then the output and both module params are reported', async () => {
    const changed = await mutated(files, 'infra/main.bicep', [
      "var publicBaseUrl = 'https://${frontDoor.outputs.publicHost}'",
      "var publicBaseUrl = 'https://${web.outputs.defaultHostname}'",
    ]);
    const found = frontDoorFindings(changed);
    for (const what of ['output PUBLIC_BASE_URL', 'api.publicBaseUrl', 'officerSignInApp.publicBaseUrl'])
      expect(found).toContain(`${what} follows the Static Web App's host`);
  });

  it('when the FRONT_DOOR_ID app setting is dropped, then it is reported', async () => {
    const changed = await mutated(files, 'infra/app/api.bicep', ['  FRONT_DOOR_ID: frontDoorId\n', '']);
    expect(show(checkInfra(changed, infraPolicy)).join('\n')).toContain('app setting FRONT_DOOR_ID is missing');
  });
});
