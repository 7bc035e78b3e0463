// Preloaded (node --import) into `npm run directory:import` by tests/integration/directory-import.test.ts: a CSV file
// read whole (fs.readFile, fs.readFileSync, fs.promises.readFile) throws, and a stream of a CSV file (fs.createReadStream)
// in pieces larger than 64 KB throws; on exit, how many streams of CSV files were opened goes to stderr.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const isCsv = (file) => String(file).endsWith('.csv');
const refuse = (name) => {
  throw new Error(`${name}: el archivo CSV se leyó entero`);
};
for (const [target, name] of [
  [fs, 'readFile'],
  [fs, 'readFileSync'],
  [fs.promises, 'readFile'],
]) {
  const original = target[name];
  target[name] = function (file, ...rest) {
    if (isCsv(file)) refuse(name);
    return original.call(this, file, ...rest);
  };
}
let streams = 0;
const createReadStream = fs.createReadStream;
fs.createReadStream = function (file, options) {
  if (isCsv(file)) {
    streams++;
    if ((options?.highWaterMark ?? 64 * 1024) > 64 * 1024) refuse('createReadStream en un solo bloque');
  }
  return createReadStream.call(this, file, options);
};
syncBuiltinESMExports();
process.on('exit', () => process.stderr.write(`flujos CSV abiertos: ${streams}\n`));
