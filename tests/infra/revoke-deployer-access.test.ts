import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = path.resolve('scripts/azure/revoke-deployer-access.sh');
const group = '/subscriptions/0000-sub/resourceGroups/rg-ihce/providers';
const vault = `${group}/Microsoft.KeyVault/vaults/kv-ihce-x`;
const account = `${group}/Microsoft.Storage/storageAccounts/stihcex`;
const principal = '11111111-2222-3333-4444-555555555555';
const vaultAssignment = `${vault}/providers/Microsoft.Authorization/roleAssignments/aaaa`;
const tableAssignment = `${account}/providers/Microsoft.Authorization/roleAssignments/bbbb`;
const queueAssignment = `${account}/providers/Microsoft.Authorization/roleAssignments/cccc`;

/**
 * A fake `az` first on PATH: it records each call's arguments (one per line, NUL-free) and answers
 * `role assignment list` with what `--query "[].[id, roleDefinitionName, scope]" -o tsv` prints.
 */
const fakeAz = `#!/usr/bin/env bash
printf '%s\\x1f' "$@" >> "$AZ_LOG"; printf '\\n' >> "$AZ_LOG"
if [ "$1 $2 $3" = "role assignment list" ]; then
  for arg in "$@"; do
    case "$arg" in
      */vaults/kv-ihce-x) printf '%s\\t%s\\t%s\\n' "${vaultAssignment}" "Key Vault Secrets Officer" "${vault}" ;;
      */storageAccounts/stihcex)
        printf '%s\\t%s\\t%s\\n' "${tableAssignment}" "Storage Table Data Contributor" "${account}"
        printf '%s\\t%s\\t%s\\n' "${queueAssignment}" "Storage Queue Data Contributor" "${account}" ;;
    esac
  done
fi
`;

describe('scripts/azure/revoke-deployer-access.sh (fake az on PATH)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ihce-revoke-'));
    await writeFile(path.join(dir, 'az'), fakeAz);
    await chmod(path.join(dir, 'az'), 0o755);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string; calls: string[][] }>((resolve) => {
      const log = path.join(dir, 'az.log');
      const environment = {
        PATH: `${dir}:${process.env.PATH}`,
        AZ_LOG: log,
        AZURE_SUBSCRIPTION_ID: '0000-sub',
        AZURE_RESOURCE_GROUP: 'rg-ihce',
        AZURE_KEY_VAULT_NAME: 'kv-ihce-x',
        AZURE_STORAGE_ACCOUNT_NAME: 'stihcex',
        AZURE_PRINCIPAL_ID: principal,
        ...env,
      };
      execFile('bash', [script, ...args], { env: environment }, async (error, stdout, stderr) => {
        const text = await readFile(log, 'utf8').catch(() => '');
        const calls = text
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split('\x1f').slice(0, -1));
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, calls });
      });
    });

  const list = (scope: string) => [
    'role', 'assignment', 'list', '--assignee', principal, '--scope', scope,
    '--query', '[].[id, roleDefinitionName, scope]', '--output', 'tsv',
  ]; // prettier-ignore

  it('by default only lists: the vault and the storage account, nothing deleted', async () => {
    const result = await run([]);
    expect(result.code).toBe(0);
    expect(result.calls).toEqual([list(vault), list(account)]);
    expect(result.stdout).toContain(`Se quitaría: Key Vault Secrets Officer sobre ${vault} (${vaultAssignment})`);
    expect(result.stdout).toContain('Simulación: nada cambió. Ejecute de nuevo con --apply para quitar 3 asignación(es).');
  });

  it('with --apply, deletes each listed assignment by id', async () => {
    const result = await run(['--apply']);
    expect(result.code).toBe(0);
    const del = (id: string) => ['role', 'assignment', 'delete', '--ids', id, '--output', 'none'];
    expect(result.calls).toEqual([list(vault), del(vaultAssignment), list(account), del(tableAssignment), del(queueAssignment)]);
    expect(result.stdout).toContain(`Quitado: Storage Queue Data Contributor sobre ${account}`);
  });

  it('--principal names another principal (a former operator)', async () => {
    const other = '99999999-8888-7777-6666-555555555555';
    const result = await run(['--principal', other], { AZURE_PRINCIPAL_ID: '' });
    expect(result.calls.map((c) => c[4])).toEqual([other, other]);
  });

  it('without the azd environment, then it names what is missing and calls nothing', async () => {
    const result = await run(['--apply'], { AZURE_KEY_VAULT_NAME: '', AZURE_PRINCIPAL_ID: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Faltan: AZURE_KEY_VAULT_NAME AZURE_PRINCIPAL_ID (o --principal)');
    expect(result.calls).toEqual([]);
  });
});
