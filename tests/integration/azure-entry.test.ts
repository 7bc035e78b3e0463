import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions';

const run = promisify(execFile);

describe('Azure entry point', () => {
  it('the esbuild bundle loads on Node and registers every function of the one definitions list', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    await run(tsx, ['scripts/build-api.ts'], { timeout: 60_000 });
    // Outside the Functions worker the package runs in "test mode" and names each registration it skips.
    const { stderr, stdout } = await run(process.execPath, ['-e', "import('./dist/api/main.js')"], { timeout: 30_000 });
    const output = stdout + stderr;
    for (const definition of functionDefinitions) {
      expect(output, definition.name).toContain(`register function "${definition.name}"`);
    }
    const names = functionDefinitions.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  }, 90_000);
});
