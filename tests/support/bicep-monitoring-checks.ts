import { declarations, evaluate, finding, property, Symbolic, type BicepFile, type Finding, type Value } from './bicep';

/**
 * Operations that see trouble, checked offline: every alert the issue asks for exists as a log alert rule that
 * mails the action group, and the diagnostic settings send what those rules (and an investigation) read.
 */
export type MonitoringPolicy = {
  /** Alert → the text its query must contain (a marker the app logs, or a platform table and filter). */
  requiredAlerts: Record<string, string>;
  /** Resource type of a diagnostic setting's scope → the log categories (and metric categories) it must send. */
  requiredDiagnostics: Record<string, { logs: string[]; metrics?: string[] }>;
};

const all = (files: BicepFile[]) => files.flatMap(declarations);
const text = (value: Value | undefined) => (value instanceof Symbolic ? value.text : typeof value === 'string' ? value : '');
const isObject = (value: Value | undefined): value is { [key: string]: Value } =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Symbolic);
const none = (files: BicepFile[], message: string): Finding[] => [{ file: files[0]?.path ?? 'infra', line: 1, message }];

/** The log alert rules: each rule (a `[for … in <var>]` resource expands to one per item) with its query. */
function logAlertRules(files: BicepFile[]) {
  return all(files)
    .filter((d) => d.kind === 'resource' && d.target === 'Microsoft.Insights/scheduledQueryRules' && !d.existing)
    .flatMap((d) => {
      const loop = d.node.namedChildren.find((child) => child?.type === 'for_statement');
      const itemName = loop?.namedChildren[0]?.text;
      const source = loop ? evaluate(loop.namedChildren[1], d.file) : undefined;
      const items: (Value | undefined)[] = loop ? (Array.isArray(source) ? source : [source]) : [undefined];
      const criteria = property(d.body, 'properties.criteria.allOf');
      const queryNode = criteria?.namedChildren.find((c) => c?.type === 'object');
      const field = (item: Value | undefined, path: string) => {
        const node = property(d.body, path) ?? (queryNode ? property(queryNode, path) : undefined);
        if (!node) return undefined;
        // `alert.query` inside the loop reads the item's field; anything else is evaluated as written.
        const member = itemName && new RegExp(`^${itemName}\\.(\\w+)$`).exec(node.text)?.[1];
        return member ? (isObject(item) ? item[member] : undefined) : evaluate(node, d.file);
      };
      return items.map((item) => ({
        d,
        name: text(field(item, 'name')) || d.name,
        query: text(field(item, 'query')),
        description: text(field(item, 'properties.description')),
        severity: field(item, 'properties.severity'),
        actionGroups: property(d.body, 'properties.actions.actionGroups')?.text ?? '',
      }));
    });
}

export function checkAlertRules(files: BicepFile[], policy: MonitoringPolicy): Finding[] {
  const groups = all(files).filter((d) => d.kind === 'resource' && d.target === 'Microsoft.Insights/actionGroups' && !d.existing);
  if (groups.length === 0) return none(files, 'no action group declared');
  const found: Finding[] = [];
  for (const group of groups) {
    const receivers = property(group.body, 'properties.emailReceivers');
    if (!receivers || !/emailAddress:/.test(receivers.text) || !/useCommonAlertSchema: true/.test(receivers.text))
      found.push(
        finding(group.file, group.node, `action group ${group.name}: emailReceivers with emailAddress and useCommonAlertSchema: true`),
      );
  }
  const rules = logAlertRules(files);
  for (const rule of rules) {
    if (!groups.some((g) => g.file === rule.d.file && rule.actionGroups.includes(`${g.name}.id`)))
      found.push(finding(rule.d.file, rule.d.node, `alert ${rule.name}: does not notify the action group`));
    if (!/[áéíóúñ]|\b(la|el|de|los|las)\b/i.test(rule.description))
      found.push(finding(rule.d.file, rule.d.node, `alert ${rule.name}: needs a Spanish description`));
    if (typeof rule.severity !== 'number' || rule.severity < 0 || rule.severity > 4)
      found.push(finding(rule.d.file, rule.d.node, `alert ${rule.name}: severity must be 0–4`));
  }
  for (const [alert, signal] of Object.entries(policy.requiredAlerts)) {
    if (!rules.some((rule) => rule.query.includes(signal)))
      found.push(...none(files, `alert "${alert}": no log alert rule queries ${signal}`));
  }
  return found;
}

export function checkDiagnosticSettings(files: BicepFile[], policy: MonitoringPolicy): Finding[] {
  const settings = all(files)
    .filter((d) => d.kind === 'resource' && d.target === 'Microsoft.Insights/diagnosticSettings' && !d.existing)
    .map((d) => {
      const scope = property(d.body, 'scope')?.text;
      const scopeType = declarations(d.file).find((s) => s.kind === 'resource' && s.name === scope)?.target ?? `unknown scope ${scope}`;
      const categories = (path: string) => {
        const list = evaluate(property(d.body, path), d.file);
        return Array.isArray(list)
          ? list
              .filter(isObject)
              .filter((e) => e.enabled === true)
              .map((e) => text(e.category))
          : [];
      };
      return {
        d,
        scopeType,
        logs: categories('properties.logs'),
        metrics: categories('properties.metrics'),
        workspace: property(d.body, 'properties.workspaceId'),
      };
    });
  const found: Finding[] = [];
  for (const setting of settings) {
    if (!setting.workspace) found.push(finding(setting.d.file, setting.d.node, `diagnostic setting ${setting.d.name}: no workspaceId`));
  }
  for (const [scopeType, wanted] of Object.entries(policy.requiredDiagnostics)) {
    const matching = settings.filter((s) => s.scopeType === scopeType);
    const missing = [
      ...wanted.logs.filter((c) => !matching.some((s) => s.logs.includes(c))),
      ...(wanted.metrics ?? []).filter((c) => !matching.some((s) => s.metrics.includes(c))).map((c) => `metric ${c}`),
    ];
    if (missing.length > 0) found.push(...none(files, `diagnostic setting on ${scopeType}: missing ${missing.join(', ')}`));
  }
  return found;
}

/** host.json must keep successful requests (Host.Results at Information or finer) and never sample them away. */
export function checkHostJson(hostJson: string, path = 'host.json'): Finding[] {
  const host = JSON.parse(hostJson) as {
    logging?: {
      logLevel?: Record<string, string>;
      applicationInsights?: { samplingSettings?: { isEnabled?: boolean; excludedTypes?: string } };
    };
  };
  const found: Finding[] = [];
  const levels = host.logging?.logLevel ?? {};
  const results = levels['Host.Results'] ?? levels.default ?? 'Information';
  if (!['Trace', 'Debug', 'Information'].includes(results))
    found.push({
      file: path,
      line: 1,
      message: `logging.logLevel["Host.Results"] is ${results}: successful requests never reach Application Insights`,
    });
  const sampling = host.logging?.applicationInsights?.samplingSettings;
  if (sampling?.isEnabled !== false && !(sampling?.excludedTypes ?? '').split(';').includes('Request'))
    found.push({ file: path, line: 1, message: 'Application Insights sampling must exclude Request (the 5xx rate counts every request)' });
  return found;
}

/** main.bicep wires the alerts to the workspace and `opsEmails`; main.parameters.json maps it to MSPS_OPS_EMAILS. */
export function checkMonitoringWiring(files: BicepFile[], parametersJson: string): Finding[] {
  const main = files.find((f) => f.path === 'infra/main.bicep');
  const monitoring = main && declarations(main).find((d) => d.kind === 'module' && d.target === 'app/monitoring.bicep');
  if (!main || !monitoring) return none(files, 'main.bicep does not deploy app/monitoring.bicep');
  const found: Finding[] = [];
  if (property(monitoring.body, 'params.workspaceId')?.text !== 'logAnalytics.outputs.resourceId')
    found.push(finding(main, monitoring.node, 'module monitoring: workspaceId must be logAnalytics.outputs.resourceId'));
  if (property(monitoring.body, 'params.opsEmails')?.text !== 'opsEmails')
    found.push(finding(main, monitoring.node, 'module monitoring: opsEmails must be the opsEmails param'));
  const mapped = (JSON.parse(parametersJson) as { parameters: Record<string, { value?: unknown }> }).parameters.opsEmails?.value;
  if (mapped !== '${MSPS_OPS_EMAILS}')
    found.push({ file: 'infra/main.parameters.json', line: 1, message: 'opsEmails must map to ${MSPS_OPS_EMAILS}' });
  return found;
}
