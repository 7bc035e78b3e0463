import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import {
  declarations,
  descendants,
  evaluate,
  finding,
  property,
  Symbolic,
  type BicepFile,
  type Declaration,
  type Finding,
  type Value,
} from './bicep';

/**
 * The one front door: Azure Front Door is the only way in (the Function App admits its backend tag plus our
 * X-Azure-FDID and nothing else), /api is HTTPS end to end and never cached, a WAF with a per-address rate limit
 * guards the endpoint and the custom domain, the Static Web App is on the plan that can refuse other callers, and
 * PUBLIC_BASE_URL follows Front Door, never the Static Web App.
 */
export function checkFrontDoor(files: BicepFile[]): Finding[] {
  return [
    ...checkFunctionAppBehindFrontDoor(files),
    ...checkStaticWebAppPlan(files),
    ...checkRoutes(files),
    ...checkWaf(files),
    ...checkPublicBaseUrl(files),
  ];
}

const all = (files: BicepFile[]) => files.flatMap(declarations);
const deployed = (files: BicepFile[], type: string) => all(files).filter((d) => d.kind === 'resource' && d.target === type && !d.existing);
const isRecord = (v: Value | undefined): v is { [key: string]: Value } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Symbolic);
const list = (v: Value | undefined): Value[] => (Array.isArray(v) ? v : []);
const missing = (files: BicepFile[], what: string): Finding => ({
  file: files[0]?.path ?? 'infra',
  line: 1,
  message: `no ${what} declared`,
});

export function checkFunctionAppBehindFrontDoor(files: BicepFile[]): Finding[] {
  const sites = deployed(files, 'Microsoft.Web/sites').filter((d) =>
    /functionapp/.test(String(evaluate(property(d.body, 'kind'), d.file))),
  );
  return sites.flatMap((d) => {
    const found: Finding[] = [];
    const siteConfig = property(d.body, 'properties.siteConfig');
    const defaultAction = property(siteConfig, 'ipSecurityRestrictionsDefaultAction');
    if (evaluate(defaultAction, d.file) !== 'Deny')
      found.push(
        finding(
          d.file,
          defaultAction ?? d.node,
          `${d.name}: ipSecurityRestrictionsDefaultAction is ${defaultAction?.text ?? 'not set'} (must be 'Deny'): the *.azurewebsites.net host would be open`,
        ),
      );
    const rulesNode = property(siteConfig, 'ipSecurityRestrictions');
    const rules = list(evaluate(rulesNode, d.file)).filter(isRecord);
    const fdid = (rule: { [key: string]: Value }) =>
      isRecord(rule.headers) ? list(Object.entries(rule.headers).find(([name]) => name.toLowerCase() === 'x-azure-fdid')?.[1]) : [];
    const isFrontDoorRule = (rule: { [key: string]: Value }) =>
      rule.tag === 'ServiceTag' && rule.ipAddress === 'AzureFrontDoor.Backend' && fdid(rule).length > 0;
    if (!rules.some((rule) => rule.action === 'Allow' && isFrontDoorRule(rule)))
      found.push(
        finding(
          d.file,
          rulesNode ?? d.node,
          `${d.name}: no Allow rule for the AzureFrontDoor.Backend service tag with our X-Azure-FDID header`,
        ),
      );
    for (const rule of rules.filter((r) => r.action === 'Allow' && !isFrontDoorRule(r)))
      found.push(
        finding(
          d.file,
          rulesNode!,
          `${d.name}: access rule ${JSON.stringify(rule.name ?? rule.ipAddress)} lets in more than our Front Door`,
        ),
      );
    return found;
  });
}

/** forwardingGateway (only our Front Door reaches the site) is a Standard plan feature of Static Web Apps. */
export function checkStaticWebAppPlan(files: BicepFile[]): Finding[] {
  return deployed(files, 'Microsoft.Web/staticSites').flatMap((d) => {
    const sku = property(d.body, 'sku.name');
    return evaluate(sku, d.file) === 'Standard'
      ? []
      : [finding(d.file, sku ?? d.node, `${d.name}: sku.name is ${sku?.text ?? 'not set'} (must be 'Standard' for forwardingGateway)`)];
  });
}

export function checkRoutes(files: BicepFile[]): Finding[] {
  const routes = deployed(files, 'Microsoft.Cdn/profiles/afdEndpoints/routes').map((d) => ({
    d,
    props: property(d.body, 'properties'),
    patterns: list(evaluate(property(d.body, 'properties.patternsToMatch'), d.file)).map(String),
  }));
  const api = routes.filter((r) => r.patterns.some((p) => p.toLowerCase().startsWith('/api')));
  const found: Finding[] = [];
  if (!api.length) found.push(missing(files, 'Front Door route for /api/*'));
  if (!routes.some((r) => r.patterns.includes('/*'))) found.push(missing(files, 'Front Door route for the static site (/*)'));
  for (const { d, props } of api) {
    const cache = property(props, 'cacheConfiguration');
    if (cache && cache.type !== 'null')
      found.push(finding(d.file, cache, `${d.name}: caches /api answers (every one is per session; no cacheConfiguration)`));
    const protocols = property(props, 'supportedProtocols');
    if (JSON.stringify(evaluate(protocols, d.file)) !== '["Https"]')
      found.push(
        finding(
          d.file,
          protocols ?? d.node,
          `${d.name}: /api accepts ${protocols?.text.replace(/\s+/g, ' ') ?? 'any protocol'} (must be HTTPS only)`,
        ),
      );
    const forwarding = property(props, 'forwardingProtocol');
    if (evaluate(forwarding, d.file) !== 'HttpsOnly')
      found.push(
        finding(d.file, forwarding ?? d.node, `${d.name}: forwardingProtocol is ${forwarding?.text ?? 'not set'} (must be 'HttpsOnly')`),
      );
  }
  return found;
}

/** Symbols an expression reaches, following vars of its file. */
function symbols(node: Node | undefined, file: BicepFile, seen = new Set<string>()): string[] {
  if (!node) return [];
  return descendants(node).flatMap((n) => {
    if (n.type !== 'identifier' || seen.has(n.text)) return [];
    seen.add(n.text);
    const variable = declarations(file).find((d) => d.kind === 'var' && d.name === n.text);
    return variable ? symbols(variable.value, file, seen) : [n.text];
  });
}

export function checkWaf(files: BicepFile[]): Finding[] {
  const policies = deployed(files, 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies');
  const found: Finding[] = policies.length ? [] : [missing(files, 'Front Door WAF policy')];
  for (const d of policies) {
    const settings = property(d.body, 'properties.policySettings');
    for (const [key, expected] of [
      ['mode', 'Prevention'],
      ['enabledState', 'Enabled'],
    ] as const) {
      const node = property(settings, key);
      if (evaluate(node, d.file) !== expected)
        found.push(
          finding(d.file, node ?? d.node, `${d.name}: policySettings.${key} is ${node?.text ?? 'not set'} (must be '${expected}')`),
        );
    }
    const rules = list(evaluate(property(d.body, 'properties.customRules.rules'), d.file)).filter(isRecord);
    const perAddressOnApi = rules.some(
      (r) =>
        r.ruleType === 'RateLimitRule' &&
        r.action === 'Block' &&
        r.enabledState !== 'Disabled' &&
        list(r.groupBy).some((g) => isRecord(g) && g.variableName === 'SocketAddr') &&
        list(r.matchConditions).some((c) => isRecord(c) && list(c.matchValue).some((v) => String(v).toLowerCase().includes('/api'))),
    );
    if (!perAddressOnApi)
      found.push(finding(d.file, d.node, `${d.name}: no enabled rate-limit rule per client address (SocketAddr) on /api/ that blocks`));
  }
  const securityPolicies = deployed(files, 'Microsoft.Cdn/profiles/securityPolicies');
  if (!securityPolicies.length) found.push(missing(files, 'Front Door security policy (WAF association)'));
  for (const d of securityPolicies) {
    const siblings = declarations(d.file);
    const waf = symbols(property(d.body, 'properties.parameters.wafPolicy'), d.file);
    if (!waf.some((s) => policies.some((p) => p.file === d.file && p.name === s)))
      found.push(finding(d.file, d.node, `${d.name}: does not point at the WAF policy declared beside it`));
    const associated = new Set(symbols(property(d.body, 'properties.parameters.associations'), d.file));
    const domains = siblings.filter(
      (s) =>
        s.kind === 'resource' &&
        !s.existing &&
        (s.target === 'Microsoft.Cdn/profiles/afdEndpoints' || s.target === 'Microsoft.Cdn/profiles/customDomains'),
    );
    for (const domain of domains.filter((s) => !associated.has(s.name)))
      found.push(finding(d.file, d.node, `${d.name}: the WAF does not cover ${domain.name} (${domain.target})`));
  }
  return found;
}

/** Resource types a module's file deploys. */
function moduleTypes(module: Declaration, files: BicepFile[]): string[] {
  const target = path.join(path.dirname(module.file.path), module.target ?? '');
  const file = files.find((f) => path.normalize(f.path) === path.normalize(target));
  return file ? declarations(file).flatMap((d) => (d.kind === 'resource' && !d.existing && d.target ? [d.target] : [])) : [];
}

export function checkPublicBaseUrl(files: BicepFile[]): Finding[] {
  const uses = all(files).flatMap((d): { d: Declaration; what: string; node: Node }[] => {
    if (d.kind === 'output' && d.name === 'PUBLIC_BASE_URL' && d.value) return [{ d, what: 'output PUBLIC_BASE_URL', node: d.value }];
    const param = d.kind === 'module' ? property(d.body, 'params.publicBaseUrl') : undefined;
    return param ? [{ d, what: `${d.name}.publicBaseUrl`, node: param }] : [];
  });
  const found: Finding[] = uses.length ? [] : [missing(files, 'PUBLIC_BASE_URL output')];
  for (const { d, what, node } of uses) {
    const reached = symbols(node, d.file).flatMap((s) =>
      declarations(d.file).filter((x) => x.name === s && (x.kind === 'module' || x.kind === 'resource')),
    );
    const types = reached.flatMap((x) => (x.kind === 'module' ? moduleTypes(x, files) : [x.target ?? '']));
    if (types.includes('Microsoft.Web/staticSites'))
      found.push(
        finding(d.file, node, `${what} follows the Static Web App's host: it must be the custom domain or the Front Door endpoint`),
      );
    else if (!types.includes('Microsoft.Cdn/profiles')) found.push(finding(d.file, node, `${what} does not follow the Front Door profile`));
  }
  return found;
}
