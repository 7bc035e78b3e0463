import { beforeAll, describe, expect, it } from 'vitest';
import { declarations, evaluate, loadBicepFiles, property, Symbolic, type BicepFile } from '../support/bicep';
import { mutated as mutate } from '../support/bicep-mutation';

const APP = 'infra/app/officer-sign-in.bicep';
const show = (value: unknown) => JSON.stringify(value, (_k, v) => (v instanceof Symbolic ? `<${v.text}>` : v));

/**
 * What the officials' Entra sign-in needs from its app registration (Microsoft Graph Bicep extension), read
 * offline: the redirect URI the API derives, the app role it checks, no secret (federated credential of the
 * Function App's identity), assignment required, and the API told to use it.
 */
function checkOfficerSignInApp(files: BicepFile[]): string[] {
  const problems: string[] = [];
  const file = files.find((f) => f.path === APP);
  if (!file) return [`${APP} is missing`];
  if (!/^extension 'br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:/m.test(file.source)) {
    problems.push('the Microsoft Graph Bicep extension is not declared');
  }
  const all = declarations(file);
  const app = all.find((d) => d.kind === 'resource' && d.target === 'Microsoft.Graph/applications');
  if (!app) return [...problems, 'no Microsoft.Graph/applications resource'];
  const value = (path: string) => show(evaluate(property(app.body, path), file));
  if (!value('web.redirectUris').includes('/api/sso/entra/callback')) problems.push(`redirect URI: ${value('web.redirectUris')}`);
  if (value('signInAudience') !== '"AzureADMyOrg"') problems.push(`signInAudience: ${value('signInAudience')}`);
  const roles = evaluate(property(app.body, 'appRoles'), file) as Record<string, unknown>[];
  if (!roles?.some?.((r) => r.value === 'IHCE.Funcionario' && show(r.allowedMemberTypes) === '["User"]' && r.isEnabled === true)) {
    problems.push(`app role IHCE.Funcionario for users: ${value('appRoles')}`);
  }
  if (!/name: 'email'/.test(property(app.body, 'optionalClaims')?.text ?? '')) problems.push('optional claim email in the ID token');
  const federated = app.body?.descendantsOfType('resource_declaration').find((n) => n.text.includes("'federatedIdentityCredentials@v1.0'"));
  if (
    !federated ||
    !/audiences: \[\s*'api:\/\/AzureADTokenExchange'\s*\]/.test(federated.text) ||
    !/subject: functionIdentityPrincipalId/.test(federated.text)
  ) {
    problems.push('federated credential of the Function App identity (audience api://AzureADTokenExchange)');
  }
  if (/passwordCredentials|keyCredentials/.test(file.source)) problems.push('a secret or certificate is declared on the app');
  const sp = all.find((d) => d.kind === 'resource' && d.target === 'Microsoft.Graph/servicePrincipals');
  if (!sp || evaluate(property(sp.body, 'appRoleAssignmentRequired'), file) !== true)
    problems.push('servicePrincipal appRoleAssignmentRequired is not true');
  const main = files.find((f) => f.path === 'infra/main.bicep')!;
  for (const setting of [
    'OFFICER_SIGN_IN: officerSignIn',
    'ENTRA_SSO_CLIENT_ID: ',
    "ENTRA_SSO_CLIENT_AUTH: officerSignIn != 'password' ? 'federated'",
  ]) {
    if (!main.source.includes(setting)) problems.push(`main.bicep does not pass ${setting}`);
  }
  if (files.some((f) => f.source.includes('ENTRA_SSO_CLIENT_SECRET'))) problems.push('ENTRA_SSO_CLIENT_SECRET appears in infra/');
  return problems;
}

const mutated = (files: BicepFile[], file: string, from: string | RegExp, to: string) => mutate(files, file, [[from, to]]);

describe("the officials' app registration (Entra ID sign-in)", () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('declares the redirect URI, the app role, the federated credential and required assignment', () => {
    expect(checkOfficerSignInApp(files)).toEqual([]);
  });

  it('when the redirect URI, the role, the federated credential or the assignment requirement change, then each is reported', async () => {
    let changed = await mutated(files, APP, '/api/sso/entra/callback', '/auth/callback');
    changed = await mutated(changed, APP, "value: 'IHCE.Funcionario'", "value: 'Funcionario'");
    changed = await mutated(changed, APP, "'api://AzureADTokenExchange'", "'api://otro'");
    changed = await mutated(changed, APP, 'appRoleAssignmentRequired: true', 'appRoleAssignmentRequired: false');
    const found = checkOfficerSignInApp(changed).join('\n');
    for (const text of ['redirect URI', 'app role IHCE.Funcionario', 'federated credential', 'appRoleAssignmentRequired'])
      expect(found).toContain(text);
  });

  it('when a client secret is added to the app or the API settings, then it is reported', async () => {
    const changed = await mutated(
      files,
      'infra/main.bicep',
      "ENTRA_SSO_CLIENT_AUTH: officerSignIn != 'password' ? 'federated' : ''",
      "ENTRA_SSO_CLIENT_AUTH: 'secret'\n      ENTRA_SSO_CLIENT_SECRET: 'x'",
    );
    expect(checkOfficerSignInApp(changed).join('\n')).toMatch(/does not pass ENTRA_SSO_CLIENT_AUTH[\s\S]*ENTRA_SSO_CLIENT_SECRET appears/);
  });
});
