import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    environment: 'node',
    // DAKA_TEST_NOW moves the process clock (see test/helpers/clock-setup.ts).
    // Outbound calls in tests may reach loopback simulators only (the egress policy).
    setupFiles: ['test/helpers/clock-setup.ts', 'test/helpers/egress-loopback.ts'],
    // A PostgreSQL for the run: TEST_PG_URL, the one on 127.0.0.1:5432, or an embedded one; and
    // a directory for notes said once per run (the browser tests' skip line).
    globalSetup: ['test/setup/postgres.ts', 'test/setup/run-notes.ts'],
    reporters: ['default', './test/setup/slowest-files.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Repo tests share one PostgreSQL server; each file gets its own schema.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
