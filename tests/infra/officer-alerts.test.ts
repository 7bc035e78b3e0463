import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { declarations, loadBicepFiles, objectEntries, property, type BicepFile } from '../support/bicep';

/** Issue 18: the officials' new-request alert, one e-mail per request or a digest at fixed hours, per deployment. */
describe('OFFICER_ALERT_MODE and OFFICER_ALERT_DIGEST_HOURS in Azure, checked offline', () => {
  let files: BicepFile[];
  let parameters: Record<string, { value: string }>;
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
    parameters = (JSON.parse(await readFile('infra/main.parameters.json', 'utf8')) as { parameters: typeof parameters }).parameters;
  });
  const main = () => files.find((f) => f.path === 'infra/main.bicep')!;
  const param = (name: string) => declarations(main()).find((d) => d.kind === 'param' && d.name === name)!;
  const appSettings = () => {
    const api = declarations(main()).find((d) => d.kind === 'module' && d.name === 'api')!;
    return Object.fromEntries(objectEntries(property(api.body, 'params.environmentSettings')!).map(({ key, value }) => [key, value.text]));
  };

  it('are parameters passed to the app (each by default, digest allowed; hours 8,13), filled by azd from the environment', () => {
    expect(appSettings()).toMatchObject({ OFFICER_ALERT_MODE: 'officerAlertMode', OFFICER_ALERT_DIGEST_HOURS: 'officerAlertDigestHours' });
    expect(param('officerAlertMode').value?.text).toBe("'each'");
    expect(param('officerAlertMode').decorators.join('\n')).toMatch(/@allowed\(\[\s*'each'\s*'digest'\s*\]\)/);
    expect(param('officerAlertDigestHours').value?.text).toBe("'8,13'");
    expect(parameters.officerAlertMode?.value).toBe('${OFFICER_ALERT_MODE=each}');
    expect(parameters.officerAlertDigestHours?.value).toBe('${OFFICER_ALERT_DIGEST_HOURS=8,13}');
  });

  it('the defaults the deployment passes are values the app accepts', () => {
    const base = {
      PUBLIC_BASE_URL: 'https://llaves.example',
      IHCE_ENV: 'local',
      IHCE_STORAGE: 'UseDevelopmentStorage=true',
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '25',
      MAIL_FROM: 'x@y.co',
      CAPTCHA_HMAC_KEY: 'k'.repeat(32),
      SECRET_STORE: 'local',
      LOCAL_SECRET_KEY: Buffer.alloc(32).toString('base64'),
      OFFICER_SIGN_IN: 'password',
    };
    const config = loadConfig({ ...base, OFFICER_ALERT_MODE: 'digest', OFFICER_ALERT_DIGEST_HOURS: '8,13' }, () => {});
    expect([config.OFFICER_ALERT_MODE, config.OFFICER_ALERT_DIGEST_HOURS]).toEqual(['digest', [8, 13]]);
    expect(loadConfig(base, () => {}).OFFICER_ALERT_MODE).toBe('each');
    expect(() => loadConfig({ ...base, OFFICER_ALERT_DIGEST_HOURS: '8,25' }, () => {})).toThrow(/OFFICER_ALERT_DIGEST_HOURS/);
    expect(() => loadConfig({ ...base, OFFICER_ALERT_MODE: 'semanal' }, () => {})).toThrow(/OFFICER_ALERT_MODE/);
  });
});
