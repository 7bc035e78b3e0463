import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { declarations, loadBicepFiles, objectEntries, property, type BicepFile } from '../support/bicep';

/** Issue 17: pre-production keys issued automatically is a per-deployment policy; production has none. */
describe('PREPRODUCTION_AUTO_ISSUE in Azure, checked offline', () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  const appSettings = () => {
    const main = files.find((f) => f.path === 'infra/main.bicep')!;
    const api = declarations(main).find((d) => d.kind === 'module' && d.name === 'api')!;
    return Object.fromEntries(objectEntries(property(api.body, 'params.environmentSettings')!).map(({ key, value }) => [key, value.text]));
  };

  it('is a parameter (on or off, on by default) passed to the app, and azd fills it from the environment with on as fallback', async () => {
    expect(appSettings()).toMatchObject({ PREPRODUCTION_AUTO_ISSUE: 'preproductionAutoIssue' });
    const main = files.find((f) => f.path === 'infra/main.bicep')!;
    const param = declarations(main).find((d) => d.kind === 'param' && d.name === 'preproductionAutoIssue')!;
    expect(param.value?.text).toBe("'on'");
    expect(param.decorators.join('\n')).toMatch(/@allowed\(\[\s*'on'\s*'off'\s*\]\)/);
    const parameters = JSON.parse(await readFile('infra/main.parameters.json', 'utf8')) as {
      parameters: Record<string, { value: string }>;
    };
    expect(parameters.parameters.preproductionAutoIssue?.value).toBe('${PREPRODUCTION_AUTO_ISSUE=on}');
  });

  it('production can never be issued automatically: no such setting, parameter or value anywhere in infra/', async () => {
    expect(Object.keys(appSettings()).filter((key) => /AUTO_ISSUE/.test(key))).toEqual(['PREPRODUCTION_AUTO_ISSUE']);
    for (const file of files)
      expect(file.source, file.path).not.toMatch(/(?<!PRE)PRODUCTION_AUTO_ISSUE|productionAutoIssue(?<!preproductionAutoIssue)/);
    const parameters = await readFile('infra/main.parameters.json', 'utf8');
    expect(parameters).not.toMatch(/"productionAutoIssue"|[^E]PRODUCTION_AUTO_ISSUE/);
  });
});
