import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A stand-in for `@azure/functions-core`, the module the Functions worker provides at run time (external in
 * the bundle): with it '@azure/functions' registers as in Azure (not in "test mode"), and each registered
 * function lands in `globalThis.__ihceRegistered` as { metadata, handler }, where the worker would keep it.
 * Returns the NODE_PATH under which a child `node` process finds it.
 */
export function functionsWorkerStub(dir: string): string {
  const pkg = path.join(dir, 'node_modules/@azure/functions-core');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@azure/functions-core', main: 'index.js' }));
  writeFileSync(
    path.join(pkg, 'index.js'),
    `const registered = (globalThis.__ihceRegistered ??= []);
module.exports = {
  setProgrammingModel() {},
  registerFunction(metadata, handler) { registered.push({ metadata, handler }); return { dispose() {} }; },
  registerHook() { return { dispose() {} }; },
  log() {},
};
`,
  );
  return path.join(dir, 'node_modules');
}
