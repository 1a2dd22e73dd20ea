import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // End-to-end tests spawn the CLI and LibreOffice; two cores, so keep parallelism modest.
    pool: 'forks',
    maxWorkers: 2,
  },
});
