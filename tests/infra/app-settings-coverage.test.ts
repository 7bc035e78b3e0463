import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, settingNames } from '../../src/config';
import { ENTRA_TOKEN_URL } from '../../src/config/environments';
import { declarations, evaluate, loadBicepFiles, objectEntries, property, Symbolic, type BicepFile } from '../support/bicep';
import { mutated } from '../support/bicep-mutation';

/**
 * The settings the app reads that Azure never gets, each with why. Any other setting of src/config must come from
 * infra/ (a fixed value in infra/app/api.bicep or a parameter of infra/main.bicep): a value set by hand in the
 * portal is lost at the next `azd provision`.
 */
const localOnly: Record<string, string> = {
  IHCE_STORAGE: 'connection string (Azurite); Azure uses the identity-based IHCE_STORAGE__* settings',
  STORAGE_PREFIX: 'tests only; the app refuses it with IHCE_ENV=azure',
  SMTP_HOST: 'MAIL_TRANSPORT=smtp is the local mailbox; Azure sends through ACS',
  SMTP_PORT: 'MAIL_TRANSPORT=smtp is the local mailbox; Azure sends through ACS',
  LOCAL_SECRET_KEY: 'SECRET_STORE=local, development only; Azure keeps secrets in Key Vault',
  GRAPH_BASE_URL: 'only the local Entra ID simulator changes the Graph root',
  ENTRA_SSO_ISSUER: "only the local identity provider; in Azure the issuer is the tenant's v2.0 one",
  ENTRA_SSO_CLIENT_SECRET: 'in Azure the sign-in app proves itself with the managed identity (ENTRA_SSO_CLIENT_AUTH=federated), no secret',
};

/** What infra/app/api.bicep and main.bicep's environmentSettings give the Function App, with Azure's fixed values filled in. */
const azureBase = {
  IHCE_ENV: 'azure',
  PUBLIC_BASE_URL: 'https://llaves.ihce.example',
  FRONT_DOOR_ID: '55ce4ed1-4b06-4bf1-b40e-4638452104da',
  IHCE_STORAGE__tableServiceUri: 'https://stihceejemplo.table.core.windows.net/',
  IHCE_STORAGE__queueServiceUri: 'https://stihceejemplo.queue.core.windows.net/',
  IHCE_STORAGE__blobServiceUri: 'https://stihceejemplo.blob.core.windows.net/',
  IHCE_STORAGE__clientId: '00000000-0000-4000-8000-000000000001',
  MAIL_TRANSPORT: 'acs',
  ACS_ENDPOINT: 'https://acs-ihce-ejemplo.unitedstates.communication.azure.com',
  MAIL_FROM: 'DoNotReply@ejemplo.azurecomm.net',
  SECRET_STORE: 'keyvault',
  KEY_VAULT_URL: 'https://kv-ihce-ejemplo.vault.azure.net/',
  CAPTCHA_HMAC_KEY: 'clave-resuelta-desde-key-vault-de-64-caracteres-0123456789abcdef',
  // So that every value a parameter allows (Graph modes, Entra sign-in) has what it needs.
  PREPRODUCTION_TENANT_ID: '00000000-0000-4000-8000-000000000005',
  PRODUCTION_TENANT_ID: '00000000-0000-4000-8000-000000000006',
  PREPRODUCTION_GRAPH_CLIENT_ID: '00000000-0000-4000-8000-000000000007',
  PRODUCTION_GRAPH_CLIENT_ID: '00000000-0000-4000-8000-000000000008',
  ENTRA_SSO_TENANT_ID: '00000000-0000-4000-8000-000000000003',
  ENTRA_SSO_CLIENT_ID: '00000000-0000-4000-8000-000000000004',
  ENTRA_SSO_CLIENT_AUTH: 'federated',
};

type AzureSetting = { key: string; param?: string };

/** Every app setting infra/ writes, and the main.bicep parameter it comes from (`x` or `string(x)`), if any. */
function azureSettings(files: BicepFile[]): AzureSetting[] {
  const api = files.find((f) => f.path === 'infra/app/api.bicep')!;
  const main = files.find((f) => f.path === 'infra/main.bicep')!;
  const fixed = declarations(api)
    .filter((d) => d.kind === 'var' && (d.name === 'appSettings' || d.name === 'runtimeSettings'))
    .flatMap((d) => objectEntries(d.value!).map(({ key }) => ({ key })));
  const params = new Set(
    declarations(main)
      .filter((d) => d.kind === 'param')
      .map((d) => d.name),
  );
  const module = declarations(main).find((d) => d.kind === 'module' && d.name === 'api')!;
  const passed = objectEntries(property(module.body, 'params.environmentSettings')!).map(({ key, value }) => {
    const name = /^(?:string\()?(\w+)\)?$/.exec(value.text)?.[1];
    return { key, ...(name && params.has(name) && { param: name }) };
  });
  return [...fixed, ...passed];
}

const paramOf = (files: BicepFile[], name: string) =>
  declarations(files.find((f) => f.path === 'infra/main.bicep')!).find((d) => d.kind === 'param' && d.name === name)!;

/** The parameter's default as the app setting receives it (`string(…)` of a number or bool); undefined without one. */
function defaultOf(files: BicepFile[], name: string): string | undefined {
  const param = paramOf(files, name);
  const value = param.node.namedChildren.length > 2 ? evaluate(param.value, param.file) : undefined;
  return value === undefined || value instanceof Symbolic || value === null || typeof value === 'object' ? undefined : String(value);
}

/** Every setting the app reads is written by infra/ or listed local-only; azd fills each parameter from the setting's name. */
function checkCoverage(files: BicepFile[], names: readonly string[], parameters: string): string[] {
  const problems: string[] = [];
  const azure = azureSettings(files);
  const set = new Set(azure.map((s) => s.key));
  for (const name of names) {
    if (!set.has(name) && !(name in localOnly))
      problems.push(
        `${name}: the app reads it and Azure never sets it (add a parameter to infra/main.bicep, or list it local-only with a reason)`,
      );
  }
  for (const name of Object.keys(localOnly)) {
    if (set.has(name)) problems.push(`${name}: listed local-only, yet infra/ sets it`);
    if (!names.includes(name)) problems.push(`${name}: listed local-only, yet the app does not read it`);
  }
  const mapping = (JSON.parse(parameters) as { parameters: Record<string, { value: unknown }> }).parameters;
  for (const { key, param } of azure) {
    if (!param) continue;
    const value = mapping[param]?.value;
    const fallback = defaultOf(files, param);
    const expected = [`\${${key}}`, ...(fallback !== undefined && !fallback.includes('}') ? [`\${${key}=${fallback}}`] : [])];
    if (!expected.includes(String(value)))
      problems.push(
        `main.parameters.json: ${param} is ${JSON.stringify(value)}, not ${expected.map((e) => JSON.stringify(e)).join(' or ')}`,
      );
  }
  return problems;
}

const accepts = (env: Record<string, string>) => {
  try {
    return loadConfig(env, () => undefined);
  } catch {
    return undefined;
  }
};

/** A parameter's default is what the app would use without it; its @minValue/@maxValue are the app's bounds; all it @allows, the app takes. */
function checkDefaultsAndBounds(files: BicepFile[]): string[] {
  const problems: string[] = [];
  const base = loadConfig(azureBase);
  for (const { key, param } of azureSettings(files)) {
    if (!param) continue;
    const k = key as keyof typeof base;
    const fallback = defaultOf(files, param);
    if (fallback) {
      const deployed = accepts({ ...azureBase, [key]: fallback });
      const appDefault = base[k] ?? (key.endsWith('_TOKEN_URL') ? ENTRA_TOKEN_URL : undefined);
      if (!deployed) problems.push(`${param}: its default ${JSON.stringify(fallback)} is refused by the app`);
      else if (JSON.stringify(deployed[k]) !== JSON.stringify(appDefault))
        problems.push(`${param}: its default ${JSON.stringify(fallback)} is not the app's default ${JSON.stringify(appDefault)}`);
    }
    const decorators = paramOf(files, param).decorators.join('\n');
    const min = /@minValue\((-?\d+)\)/.exec(decorators)?.[1];
    const max = /@maxValue\((-?\d+)\)/.exec(decorators)?.[1];
    for (const [bound, inside, outside] of [
      [min, 0, -1],
      [max, 0, 1],
    ] as const) {
      if (bound === undefined) continue;
      if (!accepts({ ...azureBase, [key]: String(Number(bound) + inside) }))
        problems.push(`${param}: the app refuses ${bound}, which Bicep allows`);
      if (accepts({ ...azureBase, [key]: String(Number(bound) + outside) }))
        problems.push(`${param}: the app takes ${Number(bound) + outside}, beyond Bicep's ${bound}`);
    }
    const allowed = /@allowed\(\[([\s\S]*?)\]\)/.exec(decorators)?.[1];
    for (const value of allowed?.split(/\s+/).filter(Boolean) ?? []) {
      const text = value.replace(/^'(.*)'$/, '$1');
      if (!accepts({ ...azureBase, [key]: text })) problems.push(`${param}: Bicep allows ${value}, which the app refuses`);
    }
  }
  return problems;
}

describe('every setting the app reads reaches Azure from infra/ (nothing set only by hand in the portal)', () => {
  let files: BicepFile[];
  const parameters = readFileSync('infra/main.parameters.json', 'utf8');
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('each setting of src/config is set by infra/ or is local-only with a reason; azd fills each parameter from the setting of the same name', () => {
    expect(checkCoverage(files, settingNames, parameters)).toEqual([]);
    // The ones an operator used to set by hand (issue 17/18 review): now parameters.
    const fromParams = azureSettings(files).filter((s) => s.param);
    for (const key of [
      'SITE_ENTITY_NAME',
      'SUPPORT_EMAIL',
      'SUPPORT_HOURS',
      'SITE_ACCESSIBILITY_URL',
      'KEY_CHECKS_PER_HOUR',
      'PREPRODUCTION_TOKEN_URL',
      'PRODUCTION_TOKEN_URL',
      'MAIL_THROTTLE_MAX_HOURS',
      'CAPTCHA_MAX_NUMBER',
      'PASSWORD_HASH_COST',
    ])
      expect(fromParams.map((s) => s.key)).toContain(key);
  });

  it("each parameter's default is the app's own default, and the values Bicep allows are the ones the app accepts", () => {
    expect(checkDefaultsAndBounds(files)).toEqual([]);
  });

  it('when a setting loses its Bicep line, the app reads a new one nobody deploys, or a local-only one is deployed, then each is named', async () => {
    let changed = await mutated(files, 'infra/main.bicep', [['      KEY_CHECKS_PER_HOUR: string(keyChecksPerHour)\n', '']]);
    changed = await mutated(changed, 'infra/app/api.bicep', [
      ["  SECRET_STORE: 'keyvault'\n", "  SECRET_STORE: 'keyvault'\n  SMTP_PORT: '25'\n"],
    ]);
    expect(checkCoverage(changed, [...settingNames, 'NEW_DIGEST_HOURS'], parameters)).toEqual([
      'KEY_CHECKS_PER_HOUR: the app reads it and Azure never sets it (add a parameter to infra/main.bicep, or list it local-only with a reason)',
      'NEW_DIGEST_HOURS: the app reads it and Azure never sets it (add a parameter to infra/main.bicep, or list it local-only with a reason)',
      'SMTP_PORT: listed local-only, yet infra/ sets it',
    ]);
  });

  it('when a default, a bound or the azd mapping drifts from the app, then it is reported', async () => {
    const changed = await mutated(files, 'infra/main.bicep', [
      ['param mailThrottleMaxHours int = 168', 'param mailThrottleMaxHours int = 100'],
      ['@maxValue(1000)\nparam keyChecksPerHour', '@maxValue(5000)\nparam keyChecksPerHour'],
      ["param supportEmail string = 'atencionalciudadano@minsalud.gov.co'", "param supportEmail string = 'mesa de ayuda'"],
    ]);
    expect(checkDefaultsAndBounds(changed)).toEqual([
      'keyChecksPerHour: the app refuses 5000, which Bicep allows',
      'mailThrottleMaxHours: its default "100" is not the app\'s default 168',
      'supportEmail: its default "mesa de ayuda" is refused by the app',
    ]);
    expect(checkCoverage(changed, settingNames, parameters.replace('${CAPTCHA_MAX_NUMBER=100000}', '${CAPTCHA_MAX=100000}'))).toEqual([
      'main.parameters.json: mailThrottleMaxHours is "${MAIL_THROTTLE_MAX_HOURS=168}", not "${MAIL_THROTTLE_MAX_HOURS}" or "${MAIL_THROTTLE_MAX_HOURS=100}"',
      'main.parameters.json: captchaMaxNumber is "${CAPTCHA_MAX=100000}", not "${CAPTCHA_MAX_NUMBER}" or "${CAPTCHA_MAX_NUMBER=100000}"',
    ]);
  });
});
