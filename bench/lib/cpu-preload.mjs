// Preloaded into the process bench/report.mjs measures (NODE_OPTIONS=--import=…): at exit, append this process's
// CPU time (user + system, ms) to $RC_ORG_BENCH_CPU. On a shared, loaded machine wall time mostly measures the
// neighbours; CPU time is what the build itself costs.
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.RC_ORG_BENCH_CPU;
if (file && isMainThread) {
  process.on('exit', () => {
    try {
      const u = process.cpuUsage();
      appendFileSync(file, `${(u.user + u.system) / 1000}\n`);
    } catch {
      // measuring must never change the outcome
    }
  });
}
