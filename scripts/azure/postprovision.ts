/**
 * What azd's postprovision hook does, with every outside call injected so tests feed recorded `az` output:
 *
 * 1. Ask the Function App (ARM, `az rest`) how each Key Vault reference resolved. The app's identity reads the
 *    vault, so the person deploying needs no read right to learn whether the captcha key exists.
 * 2. Only when CAPTCHA_HMAC_KEY reports SecretNotFound, write the key once. Without grantDeployerAccess the
 *    deployer has no data role: the hook assigns itself the set-only role on the vault, writes, and deletes the
 *    assignment. A new assignment takes minutes to reach Key Vault, so 403 is retried with backoff.
 * 3. Wait until every reference reports Resolved (role assignments of the app propagate too), nudging the
 *    platform to read them again; after the limit, fail naming each setting and its status.
 */

export type AzResult = { code: number; stdout: string; stderr: string };
export type AzRunner = (args: string[]) => Promise<AzResult>;

export type PostprovisionEnv = {
  siteResourceId: string;
  vaultResourceId: string;
  /** Full id of the set-only custom role (output IHCE_VAULT_WRITER_ROLE_ID). */
  writerRoleId: string;
  /** Object id of the signed-in deployer (AZURE_PRINCIPAL_ID). */
  principalId: string;
  principalType: string;
  /** The template already gave the deployer the set-only role (grantDeployerAccess=true). */
  grantDeployerAccess: boolean;
};

export type PostprovisionDeps = {
  az: AzRunner;
  /** Writes the captcha key (set only); rejects with `statusCode: 403` while the role has not propagated. */
  writeCaptchaKey: () => Promise<void>;
  /** Makes the platform read its Key Vault references again (rewrites the same app settings). */
  refreshReferences: () => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  log: (line: string) => void;
  env: PostprovisionEnv;
  /** How long a new role assignment may take to reach Key Vault, and the references to resolve. */
  grantWaitMs?: number;
  referencesWaitMs?: number;
};

export const captchaSettingName = 'CAPTCHA_HMAC_KEY';
const referencesApiVersion = '2022-03-01';
const minutes = (ms: number) => Math.round(ms / 60_000);
const refreshEveryMs = 2 * 60_000;
const backoff = (attempt: number) => Math.min(5_000 * 2 ** attempt, 60_000);

export type ReferenceStatus = { setting: string; status: string; details?: string };

/** GET …/config/configreferences/appsettings: each Key Vault reference of the app and its resolution status. */
export async function readReferences(az: AzRunner, siteResourceId: string): Promise<ReferenceStatus[]> {
  const url = `https://management.azure.com${siteResourceId}/config/configreferences/appsettings?api-version=${referencesApiVersion}`;
  const result = await az(['rest', '--method', 'get', '--url', url, '--output', 'json']);
  if (result.code !== 0) throw new Error(`No se pudo consultar el estado de las referencias de Key Vault: ${result.stderr.trim()}`);
  const body = JSON.parse(result.stdout) as {
    value?: { id?: string; name?: string; properties?: { status?: string; details?: string } }[];
  };
  return (body.value ?? []).map((item) => ({
    setting: (item.name ?? item.id ?? '?').split('/').pop()!,
    status: item.properties?.status ?? 'Unknown',
    ...(item.properties?.details && { details: item.properties.details }),
  }));
}

const isForbidden = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 403;

async function withTemporaryGrant<T>(deps: PostprovisionDeps, work: () => Promise<T>): Promise<T> {
  const { env, az, log } = deps;
  if (!env.principalId) throw new Error('Falta AZURE_PRINCIPAL_ID: inicie sesión con `azd auth login` y vuelva a ejecutar el hook.');
  log('Se asigna temporalmente a quien despliega el rol que solo escribe secretos en el Key Vault.');
  const created = await az([
    'role', 'assignment', 'create',
    '--assignee-object-id', env.principalId,
    '--assignee-principal-type', env.principalType,
    '--role', env.writerRoleId,
    '--scope', env.vaultResourceId,
    '--query', 'id', '--output', 'tsv',
  ]); // prettier-ignore
  if (created.code !== 0) {
    throw new Error(
      `No se pudo asignar el rol de escritura en el Key Vault (${created.stderr.trim()}). Quien ejecuta azd necesita ` +
        "'Role Based Access Control Administrator' (o Owner) sobre el grupo de recursos, o que un administrador cree " +
        `la clave: az role assignment create --assignee-object-id <su-object-id> --role ${env.writerRoleId} --scope ${env.vaultResourceId}`,
    );
  }
  const assignmentId = created.stdout.trim();
  try {
    return await work();
  } finally {
    const removed = await az(['role', 'assignment', 'delete', '--ids', assignmentId]);
    if (removed.code === 0) log('Rol temporal de escritura retirado.');
    else log(`ATENCIÓN: no se pudo retirar el rol temporal ${assignmentId}; ejecute scripts/azure/revoke-deployer-access.sh --apply.`);
  }
}

/** Writes the key, retrying 403 while a new role assignment propagates (Azure documents up to 10 minutes). */
async function writeWithRetry(deps: PostprovisionDeps): Promise<void> {
  const limit = deps.grantWaitMs ?? 10 * 60_000;
  const deadline = deps.now() + limit;
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.writeCaptchaKey();
      deps.log('Clave HMAC del captcha creada en Key Vault.');
      return;
    } catch (error) {
      if (!isForbidden(error)) throw error;
      if (deps.now() >= deadline) {
        throw new Error(
          `Key Vault sigue negando la escritura de la clave del captcha tras ${minutes(limit)} min. Verifique el rol ` +
            `'IHCE Secret Writer' de quien despliega sobre ${deps.env.vaultResourceId}.`,
          { cause: error },
        );
      }
      deps.log('Key Vault aún no reconoce el rol (la asignación se está propagando); nuevo intento en breve…');
      await deps.sleep(backoff(attempt));
    }
  }
}

async function createCaptchaKeyOnce(deps: PostprovisionDeps): Promise<void> {
  try {
    await deps.writeCaptchaKey();
    deps.log('Clave HMAC del captcha creada en Key Vault.');
    return;
  } catch (error) {
    if (!isForbidden(error)) throw error;
  }
  if (deps.env.grantDeployerAccess) await writeWithRetry(deps);
  else await withTemporaryGrant(deps, () => writeWithRetry(deps));
}

/** The whole hook; resolves when every Key Vault reference of the app is Resolved. */
export async function runPostprovision(deps: PostprovisionDeps): Promise<void> {
  const limit = deps.referencesWaitMs ?? 10 * 60_000;
  const deadline = deps.now() + limit;
  let created = false;
  let lastRefresh = Number.NEGATIVE_INFINITY;
  let pending: ReferenceStatus[];
  for (let attempt = 0; ; attempt++) {
    const references = await readReferences(deps.az, deps.env.siteResourceId);
    pending = references.filter((r) => r.status !== 'Resolved');
    if (!references.some((r) => r.setting === captchaSettingName)) pending.push({ setting: captchaSettingName, status: 'NoReportado' });
    if (!pending.length) {
      deps.log(`Referencias de Key Vault resueltas: ${references.map((r) => r.setting).join(', ')}.`);
      return;
    }
    const captcha = pending.find((r) => r.setting === captchaSettingName);
    if (captcha?.status === 'SecretNotFound' && !created) {
      deps.log('La clave HMAC del captcha no existe todavía en Key Vault: se crea una sola vez.');
      await createCaptchaKeyOnce(deps);
      created = true;
      lastRefresh = Number.NEGATIVE_INFINITY;
    }
    if (deps.now() >= deadline) break;
    deps.log(`Esperando a que la Function App resuelva: ${pending.map((r) => `${r.setting} (${r.status})`).join(', ')}`);
    // Each refresh rewrites the app settings (a restart): at most every two minutes, and right after the write.
    if (deps.now() - lastRefresh >= refreshEveryMs) {
      await deps.refreshReferences();
      lastRefresh = deps.now();
    }
    await deps.sleep(backoff(attempt));
  }
  const named = pending.map((r) => `${r.setting}: ${r.status}${r.details ? ` (${r.details})` : ''}`).join('; ');
  throw new Error(
    `Tras ${minutes(limit)} min la Function App no resuelve estas referencias de Key Vault: ${named}. ` +
      'AccessToKeyVaultDenied: el rol de la identidad aún no se propaga o falta; SecretNotFound: el secreto no existe.',
  );
}
