import { buildServices } from '../../src/composition-root';
import { loadConfig } from '../../src/config';
import { diskSource } from '../directory-files';

/**
 * Child process of the import's memory series (import-bench.ts): imports the providers file given as argument
 * (read from disk as a stream, as `npm run directory:import` does: scripts/directory-files.ts) into the storage
 * of the environment and prints its peak RSS (process.resourceUsage().maxRSS), the peak of its buffers
 * (process.memoryUsage().arrayBuffers, sampled every 10 ms: where a file read whole would sit) and duration.
 */
const file = process.argv[2]!;
const services = await buildServices(loadConfig(process.env), { log: () => {} });
const baselineMb = process.memoryUsage.rss() / 2 ** 20; // the app loaded, before the file is read
// The file's bytes, wherever they are held whole (a Buffer), count in `arrayBuffers`: sampled for its peak.
let buffersPeak = process.memoryUsage().arrayBuffers;
const sampler = setInterval(() => (buffersPeak = Math.max(buffersPeak, process.memoryUsage().arrayBuffers)), 10);
const t0 = performance.now();
const [report] = await services.directoryImport.importFiles({ providers: diskSource(file) });
if (!report?.imported) throw new Error(`no se importó ${file}`);
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
const buffersPeakMb = buffersPeak / 2 ** 20;
console.log(JSON.stringify({ peakMb: process.resourceUsage().maxRSS / 1024, baselineMb, buffersPeakMb, seconds }));
process.exit(0);
