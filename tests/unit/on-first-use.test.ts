import { describe, expect, it } from 'vitest';
import { onFirstUse } from '../../src/kernel/on-first-use';

/** What functions/main.ts relies on for the services built by the first invocation (and the adapters for their SDKs). */
describe('onFirstUse', () => {
  it('loads once for callers at the same time and after', async () => {
    let loads = 0;
    const get = onFirstUse(async () => ({ n: ++loads }));
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(await get()).toBe(a);
    expect(loads).toBe(1);
  });

  it('a failed load is not kept: the next call loads again', async () => {
    let loads = 0;
    const get = onFirstUse(async () => {
      if (++loads === 1) throw new Error('almacenamiento sin respuesta');
      return 'listo';
    });
    await expect(get()).rejects.toThrow('almacenamiento sin respuesta');
    expect(await get()).toBe('listo');
    expect(loads).toBe(2);
  });
});
