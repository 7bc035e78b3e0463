import { parseArgs } from 'node:util';
import { formatChecklist, runSmoke } from './smoke-checks';

/**
 * `npm run smoke -- --url https://<dominio público> [--functions-host <app>.azurewebsites.net]`: read-only checks
 * of a deployed site (security headers, the API through the front door, Origin check, cookie attributes,
 * http→https, the Function App's own host closed). Prints a Spanish checklist; exit code 1 if any check fails.
 */
const usage = 'Uso: npm run smoke -- --url https://<dominio público> [--functions-host <app>.azurewebsites.net]';
let values: { url?: string; 'functions-host'?: string };
try {
  ({ values } = parseArgs({ options: { url: { type: 'string' }, 'functions-host': { type: 'string' } }, strict: true }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${usage}`);
  process.exit(2);
}
if (!values.url || !URL.canParse(values.url)) {
  console.error(usage);
  process.exit(2);
}
const functionsHost = values['functions-host'];
const functionsUrl = functionsHost ? (functionsHost.includes('://') ? functionsHost : `https://${functionsHost}`) : undefined;

console.log(`Prueba de humo de ${values.url}${functionsUrl ? ` (Function App: ${functionsUrl})` : ''}`);
const results = await runSmoke({ url: values.url, functionsUrl });
console.log(formatChecklist(results));
process.exitCode = results.some((r) => r.status === 'fail') ? 1 : 0;
