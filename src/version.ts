import { readFileSync } from 'node:fs';

// The version in package.json, read once: from src/ (tests) it is one folder up, from dist/src/ two.
function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'rc-org' && pkg.version) return pkg.version;
    } catch {
      // not at this depth
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
export const GENERATOR = `rc-org ${VERSION}`;
