// Worker threads run built JavaScript. Under vitest the callers are .ts source, so the script is taken from dist/
// (npm test builds first); otherwise it is the built file beside this one.

/** The URL of a worker script, given as its path under src/ with a .js ending (e.g. 'read/worker.js'). */
export function workerScriptUrl(pathUnderSrc: string): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL(`../dist/src/${pathUnderSrc}`, here) : new URL(`./${pathUnderSrc}`, here);
}
