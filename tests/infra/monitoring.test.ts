import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBicepFiles, type BicepFile, type Finding } from '../support/bicep';
import { checkAppSettings } from '../support/bicep-checks';
import {
  checkAlertRules,
  checkDiagnosticSettings,
  checkHostJson,
  checkMonitoringWiring,
  type MonitoringPolicy,
} from '../support/bicep-monitoring-checks';
import { infraPolicy } from './infra-policy';
import { mutated as mutate } from '../support/bicep-mutation';

/** The alerts of issue 15 («Operations that see trouble») and the logs they and an investigation need. */
const monitoringPolicy: MonitoringPolicy = {
  requiredAlerts: {
    'mensajes en una cola envenenada': 'IHCE-COLA-ENVENENADA',
    'notificaciones de más de 15 minutos': 'IHCE-COLA-ATRASADA',
    'tasa de 5xx': 'countif(code >= 500)',
    'fallos de Key Vault (marcador)': 'IHCE-KEYVAULT-FALLO',
    'fallos de Key Vault (AuditEvent)': 'Category == "AuditEvent"',
    'fallos de Graph': 'IHCE-GRAPH-FALLO',
    'referencia a Key Vault sin resolver': 'IHCE-REFERENCIA-KV-SIN-RESOLVER',
    'regla del WAF bloqueando en masa': 'action_s == "Block"',
    'solicitudes sin dirección confiable': 'IHCE-SIN-DIRECCION',
    'copia inmutable de la auditoría sin anexar': 'IHCE-AUDITORIA-WORM',
    'certificado registrado que puede faltar en Entra ID': 'IHCE-CERTIFICADO-SIN-RESTAURAR',
  },
  requiredDiagnostics: {
    'Microsoft.KeyVault/vaults': { logs: ['AuditEvent'] },
    'Microsoft.Storage/storageAccounts/blobServices': { logs: ['StorageRead', 'StorageWrite', 'StorageDelete'], metrics: ['Transaction'] },
    'Microsoft.Storage/storageAccounts/queueServices': { logs: ['StorageRead', 'StorageWrite', 'StorageDelete'], metrics: ['Transaction'] },
    'Microsoft.Storage/storageAccounts/tableServices': { logs: ['StorageRead', 'StorageWrite', 'StorageDelete'], metrics: ['Transaction'] },
    'Microsoft.Web/sites': { logs: ['FunctionAppLogs'] },
  },
};

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.message}`);

const mutated = (files: BicepFile[], file: string, from: string, to: string) => mutate(files, file, [[from, to]], { all: true });

describe('operations that see trouble (alerts, diagnostics, host.json), checked offline', () => {
  let files: BicepFile[];
  let parameters: string;
  let hostJson: string;
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
    parameters = await readFile('infra/main.parameters.json', 'utf8');
    hostJson = await readFile('host.json', 'utf8');
  });

  it('every required alert is a log alert rule with a Spanish description that mails the action group of opsEmails', () => {
    expect(show(checkAlertRules(files, monitoringPolicy))).toEqual([]);
    expect(show(checkMonitoringWiring(files, parameters))).toEqual([]);
  });

  it('Key Vault (AuditEvent), the blob, queue and table services and the Function App send their logs to the workspace', () => {
    expect(show(checkDiagnosticSettings(files, monitoringPolicy))).toEqual([]);
  });

  it('host.json keeps successful requests and Node runs with source maps', () => {
    expect(show(checkHostJson(hostJson))).toEqual([]);
    expect(show(checkAppSettings(files, infraPolicy))).toEqual([]);
  });

  it('when a marker leaves the rules or a rule stops notifying the action group, then it is reported', async () => {
    let changed = await mutated(files, 'infra/app/monitoring.bicep', 'IHCE-COLA-ENVENENADA', 'IHCE-OTRA-COSA');
    changed = await mutated(changed, 'infra/app/monitoring.bicep', 'action_s == "Block"', 'action_s == "Log"');
    changed = await mutated(
      changed,
      'infra/app/monitoring.bicep',
      '        actionGroup.id\n',
      "        '/subscriptions/x/actionGroups/otro'\n",
    );
    const found = show(checkAlertRules(changed, monitoringPolicy)).join('\n');
    expect(found).toContain('alert "mensajes en una cola envenenada": no log alert rule queries IHCE-COLA-ENVENENADA');
    expect(found).toContain('alert "regla del WAF bloqueando en masa": no log alert rule queries action_s == "Block"');
    expect(found).toContain('alert ihce-sin-direccion: does not notify the action group');
  });

  it('when the action group loses its e-mail receivers or main.bicep stops passing opsEmails, then it is reported', async () => {
    let changed = await mutated(files, 'infra/app/monitoring.bicep', '      useCommonAlertSchema: true\n', '');
    changed = await mutated(changed, 'infra/main.bicep', '    opsEmails: opsEmails\n', "    opsEmails: ''\n");
    expect(show(checkAlertRules(changed, monitoringPolicy)).join('\n')).toContain('action group actionGroup: emailReceivers');
    expect(show(checkMonitoringWiring(changed, parameters.replace('${MSPS_OPS_EMAILS}', '${OPS}'))).join('\n')).toMatch(
      /opsEmails must be the opsEmails param[\s\S]*opsEmails must map to \$\{MSPS_OPS_EMAILS\}/,
    );
  });

  it('when Key Vault stops sending AuditEvent or storage stops sending deletes, then each service is reported', async () => {
    let changed = await mutated(files, 'infra/app/diagnostics.bicep', "category: 'AuditEvent'", "category: 'AzurePolicyEvaluationDetails'");
    changed = await mutated(
      changed,
      'infra/app/diagnostics.bicep',
      "category: 'StorageDelete'\n    enabled: true",
      "category: 'StorageDelete'\n    enabled: false",
    );
    const found = show(checkDiagnosticSettings(changed, monitoringPolicy)).join('\n');
    expect(found).toContain('diagnostic setting on Microsoft.KeyVault/vaults: missing AuditEvent');
    for (const service of ['blobServices', 'queueServices', 'tableServices'])
      expect(found).toContain(`diagnostic setting on Microsoft.Storage/storageAccounts/${service}: missing StorageDelete`);
  });

  it('when host.json drops successful requests again or samples them, or the source-map flag goes, then it is reported', async () => {
    const dropped = hostJson
      .replace('"Host.Results": "Information"', '"Host.Results": "Error"')
      .replace('"excludedTypes": "Request"', '"excludedTypes": "Event"');
    expect(show(checkHostJson(dropped))).toEqual([
      'host.json:1 logging.logLevel["Host.Results"] is Error: successful requests never reach Application Insights',
      'host.json:1 Application Insights sampling must exclude Request (the 5xx rate counts every request)',
    ]);
    const changed = await mutated(files, 'infra/app/api.bicep', "  languageWorkers__node__arguments: '--enable-source-maps'\n", '');
    expect(show(checkAppSettings(changed, infraPolicy)).join('\n')).toContain('app setting languageWorkers__node__arguments is missing');
  });
});
