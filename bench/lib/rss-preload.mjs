// Preloaded into every process the benchmark measures (NODE_OPTIONS=--import=…): at exit, append this process's
// peak resident set size to $RC_ORG_BENCH_RSS. Worker threads share the process, so its peak covers them too.
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.RC_ORG_BENCH_RSS;
if (file && isMainThread) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
    } catch {
      // measuring must never change the outcome
    }
  });
}
