import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { diskSource } from '../directory-files';

/**
 * Child process of the import's memory series (import-bench.ts): imports the providers file given as argument
 * (read from disk as a stream, as `npm run directory:import` does: scripts/directory-files.ts) into the storage
 * of the environment and prints its peak RSS (process.resourceUsage().maxRSS) and duration.
 */
const file = process.argv[2]!;
const services = await buildServices(loadConfig(process.env), { log: () => {} });
const baselineMb = process.memoryUsage.rss() / 2 ** 20; // the app loaded, before the file is read
const t0 = performance.now();
const [report] = await services.directoryImport.importFiles({ providers: diskSource(file) });
if (!report?.imported) throw new Error(`no se importó ${file}`);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024, baselineMb, seconds }));
process.exit(0);
