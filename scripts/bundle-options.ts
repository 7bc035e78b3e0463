import type { BuildOptions } from 'esbuild';

/**
 * How server code is bundled for Node, the same for the Azure package (build-api.ts) and the app the
 * benchmark measures (bench/bench.ts): one minified ES module per entry, source maps beside it.
 */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  // Provided by the Functions worker at run time, never installed.
  external: ['@azure/functions-core'],
  // Some SDK dependencies are CommonJS and call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
} satisfies BuildOptions;
