import { describe, expect, it } from 'vitest';
import { readOnce } from '../../src/kernel/read-once';

describe('readOnce', () => {
  it('reads each key once, the calls at once sharing the pending read', async () => {
    const reads: string[] = [];
    const read = readOnce(async (nit: string, env: string) => (reads.push(`${nit}|${env}`), `${nit}/${env}`));
    expect(await Promise.all([read('1', 'a'), read('1', 'a'), read('1', 'b'), read('2', 'a')])).toEqual(['1/a', '1/a', '1/b', '2/a']);
    expect(reads).toEqual(['1|a', '1|b', '2|a']);
  });

  it('`keep` bounds what is held: beyond it the oldest key is read again', async () => {
    const reads: string[] = [];
    const read = readOnce(async (nit: string) => reads.push(nit), 2);
    for (const nit of ['1', '2', '2', '3', '3', '1']) await read(nit);
    expect(reads).toEqual(['1', '2', '3', '1']);
  });
});
