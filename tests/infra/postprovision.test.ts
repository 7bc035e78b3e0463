import { describe, expect, it } from 'vitest';
import { runPostprovision, type AzResult, type PostprovisionDeps } from '../../scripts/azure/postprovision';

const site = '/subscriptions/0000-sub/resourceGroups/rg-ihce/providers/Microsoft.Web/sites/func-ihce-x';
const vault = '/subscriptions/0000-sub/resourceGroups/rg-ihce/providers/Microsoft.KeyVault/vaults/kv-ihce-x';
const writerRole = '/subscriptions/0000-sub/providers/Microsoft.Authorization/roleDefinitions/5d6c1b1e-0000-4000-8000-000000000001';
const referencesUrl = `https://management.azure.com${site}/config/configreferences/appsettings?api-version=2022-03-01`;

/**
 * What `az rest` prints for GET …/config/configreferences/appsettings: an ApiKVReference collection (shape from the
 * Microsoft.Web REST specification, WebApps_GetAppSettingsKeyVaultReferences; not captured from a subscription).
 */
function references(status: string, details?: string): AzResult {
  const body = {
    value: [
      {
        id: `${site}/config/configreferences/appsettings/CAPTCHA_HMAC_KEY`,
        name: 'CAPTCHA_HMAC_KEY',
        type: 'Microsoft.Web/sites/config/configreferences',
        properties: {
          reference: '@Microsoft.KeyVault(VaultName=kv-ihce-x;SecretName=captcha-hmac-key)',
          status,
          vaultName: 'kv-ihce-x',
          secretName: 'captcha-hmac-key',
          identityType: 'UserAssigned',
          details: details ?? (status === 'Resolved' ? 'Reference has been successfully resolved.' : undefined),
          source: 'KeyVault',
        },
      },
    ],
  };
  return { code: 0, stdout: JSON.stringify(body, null, 2), stderr: '' };
}

const assignment = `${vault}/providers/Microsoft.Authorization/roleAssignments/7f1c0000-0000-4000-8000-00000000beef`;
const forbidden = () => Object.assign(new Error('Caller is not authorized to perform action on resource.'), { statusCode: 403 });

/** A fake clock, recorded `az` answers in order, and a Key Vault write that fails as told. */
function harness(options: { az: AzResult[]; writes: ('403' | 'ok')[]; grantDeployerAccess?: boolean }) {
  let clock = 0;
  const azCalls: string[][] = [];
  const answers = [...options.az];
  const writes = [...options.writes];
  const log: string[] = [];
  let refreshes = 0;
  let written = 0;
  let lastReport: AzResult | undefined;
  const deps: PostprovisionDeps = {
    az: async (args) => {
      azCalls.push(args);
      // Once the recording ends, the app keeps giving its last reference report.
      const answer = answers.shift() ?? (args[0] === 'rest' ? lastReport : undefined) ?? { code: 0, stdout: '', stderr: '' };
      if (args[0] === 'rest') lastReport = answer;
      return answer;
    },
    writeCaptchaKey: async () => {
      if ((writes.shift() ?? '403') === '403') throw forbidden();
      written++;
    },
    refreshReferences: async () => void refreshes++,
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
    log: (line) => log.push(line),
    env: {
      siteResourceId: site,
      vaultResourceId: vault,
      writerRoleId: writerRole,
      principalId: '11111111-2222-3333-4444-555555555555',
      principalType: 'User',
      grantDeployerAccess: options.grantDeployerAccess ?? false,
    },
  };
  return { deps, azCalls, log, counts: () => ({ refreshes, written, clock }) };
}

const get = ['rest', '--method', 'get', '--url', referencesUrl, '--output', 'json'];
const grant = [
  'role', 'assignment', 'create',
  '--assignee-object-id', '11111111-2222-3333-4444-555555555555',
  '--assignee-principal-type', 'User',
  '--role', writerRole,
  '--scope', vault,
  '--query', 'id', '--output', 'tsv',
]; // prettier-ignore
const revoke = ['role', 'assignment', 'delete', '--ids', assignment];

describe('postprovision hook: captcha key with set only, then wait for Key Vault references', () => {
  it('when the app reports the reference Resolved, then nothing is written and no role is granted', async () => {
    const h = harness({ az: [references('Resolved')], writes: [] });
    await runPostprovision(h.deps);
    expect(h.azCalls).toEqual([get]);
    expect(h.counts()).toMatchObject({ written: 0, refreshes: 0 });
    expect(h.log.at(-1)).toBe('Referencias de Key Vault resueltas: CAPTCHA_HMAC_KEY.');
  });

  it('when the key is missing and the deployer has no role, then it grants set-only, retries 403 while it propagates, revokes, and waits', async () => {
    const h = harness({
      az: [
        references('SecretNotFound'),
        { code: 0, stdout: `${assignment}\n`, stderr: '' },
        { code: 0, stdout: '', stderr: '' },
        references('Resolved'),
      ],
      writes: ['403', '403', '403', 'ok'],
    });
    await runPostprovision(h.deps);
    expect(h.azCalls).toEqual([get, grant, revoke, get]);
    expect(h.counts()).toMatchObject({ written: 1, refreshes: 1 });
    expect(h.log).toEqual([
      'La clave HMAC del captcha no existe todavía en Key Vault: se crea una sola vez.',
      'Se asigna temporalmente a quien despliega el rol que solo escribe secretos en el Key Vault.',
      'Key Vault aún no reconoce el rol (la asignación se está propagando); nuevo intento en breve…',
      'Key Vault aún no reconoce el rol (la asignación se está propagando); nuevo intento en breve…',
      'Clave HMAC del captcha creada en Key Vault.',
      'Rol temporal de escritura retirado.',
      'Esperando a que la Function App resuelva: CAPTCHA_HMAC_KEY (SecretNotFound)',
      'Referencias de Key Vault resueltas: CAPTCHA_HMAC_KEY.',
    ]);
  });

  it('with grantDeployerAccess the template already holds the role: it retries 403 without granting anything', async () => {
    const h = harness({ az: [references('SecretNotFound'), references('Resolved')], writes: ['403', 'ok'], grantDeployerAccess: true });
    await runPostprovision(h.deps);
    expect(h.azCalls).toEqual([get, get]);
    expect(h.counts().written).toBe(1);
  });

  it('when Key Vault keeps refusing past the limit, then it fails naming the role and still removes the temporary grant', async () => {
    const h = harness({ az: [references('SecretNotFound'), { code: 0, stdout: assignment, stderr: '' }], writes: [] });
    await expect(runPostprovision({ ...h.deps, grantWaitMs: 3 * 60_000 })).rejects.toThrow(
      /tras 3 min\. Verifique el rol 'IHCE Secret Writer' de quien despliega sobre \/subscriptions\/0000-sub\/.*kv-ihce-x/,
    );
    expect(h.azCalls.at(-1)).toEqual(revoke);
    expect(h.counts()).toMatchObject({ written: 0 });
  });

  it('when the deployer may not assign roles, then it says which role is needed and the command an administrator runs', async () => {
    const h = harness({
      az: [references('SecretNotFound'), { code: 1, stdout: '', stderr: 'ERROR: (AuthorizationFailed) does not have authorization' }],
      writes: ['403'],
    });
    const failure = runPostprovision(h.deps);
    await expect(failure).rejects.toThrow(/Role Based Access Control Administrator/);
    await expect(failure).rejects.toThrow(
      `az role assignment create --assignee-object-id <su-object-id> --role ${writerRole} --scope ${vault}`,
    );
    expect(h.azCalls).toEqual([get, grant]);
  });

  it('when a reference stays unresolved, then after the limit it fails naming the setting, status and details; refreshes are spaced', async () => {
    const denied = references('AccessToKeyVaultDenied', 'Key Vault reference was not able to be resolved because site was denied access.');
    const h = harness({ az: [denied], writes: [] });
    await expect(runPostprovision({ ...h.deps, referencesWaitMs: 10 * 60_000 })).rejects.toThrow(
      'Tras 10 min la Function App no resuelve estas referencias de Key Vault: CAPTCHA_HMAC_KEY: AccessToKeyVaultDenied (Key Vault reference was not able to be resolved because site was denied access.).',
    );
    const { refreshes, written, clock } = h.counts();
    expect(written).toBe(0);
    expect(clock).toBeGreaterThanOrEqual(10 * 60_000);
    expect(refreshes).toBeGreaterThanOrEqual(2);
    expect(refreshes).toBeLessThanOrEqual(Math.ceil(clock / (2 * 60_000)) + 1);
    expect(h.log.some((l) => l === 'Esperando a que la Function App resuelva: CAPTCHA_HMAC_KEY (AccessToKeyVaultDenied)')).toBe(true);
  });
});
