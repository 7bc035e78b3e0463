import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { median } from './bench-stats';

export type AssetSize = { file: string; bytes: number; gzipped: number };

/** Every .js and .css of the built site, raw and gzipped (level 9, as a CDN would serve them). */
export async function webAssetSizes(webRoot: string): Promise<AssetSize[]> {
  const files = (await readdir(webRoot, { recursive: true })).filter((file) => /\.(js|css)$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const content = await readFile(path.join(webRoot, file));
      return { file, bytes: content.length, gzipped: gzipSync(content, { level: 9 }).length };
    }),
  );
}

/**
 * Time to the first usable screen: from navigation start until /ingresar's username box is visible and
 * enabled, in headless Chromium on localhost, a fresh browser context (empty cache) each time; median.
 */
export async function timeToSignInForm(options: { url: string; runs: number; chromiumPath: string }): Promise<number> {
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const times: number[] = [];
    for (let run = 0; run < options.runs + 1; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${options.url}/ingresar`, { waitUntil: 'commit' });
      await page.waitForFunction(
        () => {
          const input = document.getElementById('username') as HTMLInputElement | null;
          const usable = input !== null && !input.disabled && input.offsetParent !== null;
          // Navigation start is the page's time origin: performance.now() is the time since it, taken in the
          // frame where the box became usable (not after the round trip back to this process).
          if (usable) (window as unknown as { usableAt?: number }).usableAt ??= performance.now();
          return usable;
        },
        undefined,
        { polling: 'raf' },
      );
      const elapsed = await page.evaluate(() => (window as unknown as { usableAt: number }).usableAt);
      if (run > 0) times.push(elapsed); // the first run warms the server's file cache and Chromium itself
      await context.close();
    }
    return median(times);
  } finally {
    await browser.close();
  }
}
