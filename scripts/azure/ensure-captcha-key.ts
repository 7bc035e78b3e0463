import { execFile } from 'node:child_process';
import { DefaultAzureCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { createCaptchaKey, refreshKeyVaultReferences } from './captcha-key';
import { runPostprovision, type AzResult } from './postprovision';

/**
 * azd `postprovision` hook. azd passes the deployment outputs as environment variables; the credentials are the
 * operator's own sign-in (`azd auth login` for the SDK, `az login` for the `az` CLI). See postprovision.ts.
 */
const env = process.env;
const required = ['SERVICE_API_RESOURCE_ID', 'AZURE_KEY_VAULT_ENDPOINT', 'AZURE_KEY_VAULT_RESOURCE_ID', 'IHCE_VAULT_WRITER_ROLE_ID'];
const missing = required.filter((name) => !env[name]);
if (missing.length) {
  console.error(`Faltan ${missing.join(', ')}: ejecute este paso con \`azd hooks run postprovision\` tras \`azd provision\`.`);
  process.exit(1);
}

const az = (args: string[]) =>
  new Promise<AzResult>((resolve) => {
    execFile('az', args, { maxBuffer: 10 * 1024 * 1024, shell: process.platform === 'win32' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

const credential = new DefaultAzureCredential();
const secrets = new SecretClient(env.AZURE_KEY_VAULT_ENDPOINT!, credential, { retryOptions: { maxRetries: 0 } });
try {
  await runPostprovision({
    az,
    writeCaptchaKey: () => createCaptchaKey(secrets),
    refreshReferences: () => refreshKeyVaultReferences({ siteResourceId: env.SERVICE_API_RESOURCE_ID!, credential }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
    log: (line) => console.log(line),
    env: {
      siteResourceId: env.SERVICE_API_RESOURCE_ID!,
      vaultResourceId: env.AZURE_KEY_VAULT_RESOURCE_ID!,
      writerRoleId: env.IHCE_VAULT_WRITER_ROLE_ID!,
      principalId: env.AZURE_PRINCIPAL_ID ?? '',
      principalType: env.AZURE_PRINCIPAL_TYPE || 'User',
      grantDeployerAccess: env.IHCE_GRANT_DEPLOYER_ACCESS === 'true',
    },
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
