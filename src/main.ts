import { run } from './cli.js';

// The one place that ends the process; it waits for stdout to drain so piped JSON is never cut short.
run(process.argv).then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (e: unknown) => {
    process.stderr.write(`rc-org: ${(e as Error)?.message ?? String(e)}\n`);
    process.exit(2);
  },
);
