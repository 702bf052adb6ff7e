import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Generous: a spec that waits for something real (a hub start, a browser, 100 arrivals) must not
    // fail only because the shared 2-core machine is busy; a hang still fails, later.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Off by default: a failing spec fails. CI sets TEST_RETRY=1 and names every spec that passed only
    // on its retry (tests/retry-reporter.ts), so a hiccup of the shared machine is reported, not hidden.
    retry: Number(process.env.TEST_RETRY ?? 0),
    pool: 'forks',
    maxWorkers: 2,
    // A worker keeps its loaded modules from one file to the next: each file still starts its own hub on
    // a fresh database, but no longer re-imports the whole server (2 s of CPU a file, 313 s of a PGlite
    // run's 750). Nothing a file needs lives in module state between files; the suite passes both ways.
    isolate: false,
    // Each file starts its own hub on a fresh database; files run side by side, tests in a file in order.
    sequence: { concurrent: false },
  },
});
