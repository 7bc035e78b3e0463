import { expect } from 'vitest';
import { parseBicep, type BicepFile } from './bicep';

/**
 * A copy of the templates with edits applied to one file, reparsed: the mutation tests break what a check guards
 * and expect its report. Each `from` must be in the file (else the test would check nothing); `all` replaces every
 * occurrence of a string instead of the first.
 */
export async function mutated(
  files: BicepFile[],
  file: string,
  edits: [from: string | RegExp, to: string][],
  options: { all?: boolean } = {},
): Promise<BicepFile[]> {
  const target = files.find((f) => f.path === file)!;
  let source = target.source;
  for (const [from, to] of edits) {
    if (typeof from === 'string') {
      expect(source, `${file} contains ${from}`).toContain(from);
      source = options.all ? source.replaceAll(from, to) : source.replace(from, to);
    } else {
      expect(source).toMatch(from);
      source = source.replace(from, to);
    }
  }
  const changed = await parseBicep(file, source);
  return files.map((f) => (f.path === file ? changed : f));
}
