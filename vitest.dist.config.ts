import { defineConfig } from 'vitest/config';

// The package tier (npm run test:dist): runs the packages `npm run dist` built — the Linux one natively, the
// Windows one under Wine. Its own file pattern (*.dist.ts), so the ordinary `vitest run` never picks it up.
export default defineConfig({
  test: {
    include: ['test/**/*.dist.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // One file at a time: Wine and the packaged runs are heavy, and the machine has two cores.
    maxWorkers: 1,
    fileParallelism: false,
  },
});
