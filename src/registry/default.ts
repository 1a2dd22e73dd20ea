import { buildRegistry } from './build.js';
import { JILIN_REGISTRY } from './jilin.js';
import type { Registry } from './types.js';

export function defaultRegistry(): Registry {
  const built = buildRegistry(
    JILIN_REGISTRY.map((r, i) => ({ line: i + 1, code: r.code, name: r.name, level: r.level, parent: r.parent ?? '' })),
    'built-in',
  );
  if ('problems' in built) throw new Error('built-in registry is inconsistent'); // a programming error, caught by tests
  return built.registry;
}
