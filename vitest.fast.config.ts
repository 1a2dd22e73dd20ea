import { defineConfig } from 'vitest/config';

// The in-process tier (npm run test:fast): every test that runs inside vitest's own workers — the core, the
// readers and writers called as functions, the commands called through their run* functions. End-to-end tests,
// which spawn the built CLI, LibreOffice, Python or Chromium, are named *.e2e.test.ts and left to `npm test`.
// The guard fails any test here that starts a process, so a test in the wrong tier is found, not slow.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.e2e.test.ts', 'node_modules/**'],
    setupFiles: ['test/in-process-guard.ts'],
    testTimeout: 30_000,
    pool: 'threads',
    maxWorkers: 2,
  },
});
