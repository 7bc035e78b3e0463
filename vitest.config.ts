import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    // expect.poll waits for a state a person would see (a page after «Guardar», a passkey ceremony): with two
    // forks each driving Chromium, Azurite and the app on 2 cores, the default 1 s is too short; a poll still
    // returns as soon as its condition holds.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
