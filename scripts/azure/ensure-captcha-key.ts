import { DefaultAzureCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { ensureCaptchaKey, refreshKeyVaultReferences } from './captcha-key';

/**
 * azd `postprovision` hook. azd passes the deployment outputs as environment variables; the credential is
 * the operator's own sign-in (`azd auth login` or `az login`), which holds Key Vault Secrets Officer on the
 * vault (grantDeployerAccess in infra/main.bicep).
 */
const vaultUrl = process.env.AZURE_KEY_VAULT_ENDPOINT;
const siteResourceId = process.env.SERVICE_API_RESOURCE_ID;
if (!vaultUrl || !siteResourceId) {
  console.error('Faltan AZURE_KEY_VAULT_ENDPOINT o SERVICE_API_RESOURCE_ID: ejecute este paso con `azd hooks run postprovision`.');
  process.exit(1);
}

const credential = new DefaultAzureCredential();
const outcome = await ensureCaptchaKey(new SecretClient(vaultUrl, credential));
if (outcome === 'created') {
  await refreshKeyVaultReferences({ siteResourceId, credential });
  console.log('Clave HMAC del captcha creada en Key Vault; la Function App vuelve a leer sus referencias.');
} else {
  console.log('La clave HMAC del captcha ya existe en Key Vault; no se cambia.');
}
