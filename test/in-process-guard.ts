// Set up for the in-process tier only (vitest.fast.config.ts): starting a child process is an error there, so a
// test that spawns the CLI, LibreOffice, Python or a browser must be named *.e2e.test.ts and run by `npm test`.
// Worker threads (the read pool) are in-process and allowed.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const refuse = (name: string) => (): never => {
  throw new Error(`child_process.${name} in the in-process tier: name this test file *.e2e.test.ts`);
};
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  Object.defineProperty(childProcess, name, { value: refuse(name), configurable: true, writable: true });
}
// ESM named imports of a builtin follow its CommonJS object only once told to.
syncBuiltinESMExports();
