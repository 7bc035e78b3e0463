import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { credentialTypeSchema } from '../../src/config/environments';
import { loadBicepFiles, type BicepFile } from '../support/bicep';
import { mutated } from '../support/bicep-mutation';

/**
 * «Certificado en lugar de secreto»: Azure receives PREPRODUCTION_CREDENTIAL_TYPE and PRODUCTION_CREDENTIAL_TYPE
 * from main.bicep, whose parameters allow exactly the values the configuration accepts, and azd fills them
 * from the environment (default `either`).
 */
function checkCredentialType(files: BicepFile[], parameters: string): string[] {
  const problems: string[] = [];
  const main = files.find((f) => f.path === 'infra/main.bicep')!.source;
  for (const [setting, param] of [
    ['PREPRODUCTION_CREDENTIAL_TYPE', 'preproductionCredentialType'],
    ['PRODUCTION_CREDENTIAL_TYPE', 'productionCredentialType'],
  ] as const) {
    if (!new RegExp(`^\\s+${setting}: ${param}$`, 'm').test(main)) problems.push(`main.bicep does not pass ${setting}`);
    const declared = new RegExp(`@allowed\\(\\[([^\\]]*)\\]\\)\\s*param ${param} string = '(\\w+)'`).exec(main);
    const allowed = declared?.[1]?.match(/'[^']+'/g)?.map((v) => v.slice(1, -1));
    if (JSON.stringify(allowed) !== JSON.stringify(credentialTypeSchema.unwrap().options))
      problems.push(`${param} allows ${JSON.stringify(allowed)}`);
    if (declared?.[2] !== 'either') problems.push(`${param} defaults to ${declared?.[2]}`);
    if (!parameters.includes(`"${param}": { "value": "\${${setting}=either}" }`)) problems.push(`main.parameters.json lacks ${param}`);
  }
  return problems;
}

describe('credential type per environment (infra)', () => {
  let files: BicepFile[];
  const parameters = readFileSync('infra/main.parameters.json', 'utf8');
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('passes both settings to the Function App with the allowed values of the configuration', () => {
    expect(checkCredentialType(files, parameters)).toEqual([]);
  });

  it('when a setting is dropped or a value is not allowed, then it is reported', async () => {
    let changed = await mutated(files, 'infra/main.bicep', [['      PRODUCTION_CREDENTIAL_TYPE: productionCredentialType\n', '']]);
    changed = await mutated(changed, 'infra/main.bicep', [
      ["  'secret'\n  'either'\n])\nparam preproductionCredentialType", "  'either'\n])\nparam preproductionCredentialType"],
    ]);
    expect(checkCredentialType(changed, parameters.replace('preproductionCredentialType', 'x'))).toEqual([
      'preproductionCredentialType allows ["certificate","either"]',
      'main.parameters.json lacks preproductionCredentialType',
      'main.bicep does not pass PRODUCTION_CREDENTIAL_TYPE',
    ]);
  });
});
