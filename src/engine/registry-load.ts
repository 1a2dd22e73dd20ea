import { resolve } from 'node:path';
import { checkSetupFile } from '../io/setup-file.js';
import { readTable } from '../io/table.js';
import { SetupError } from '../messages.js';
import { defaultRegistry } from '../registry/default.js';
import { registryFromTable } from '../registry/load.js';
import type { Registry } from '../registry/types.js';

/** Load the registry from --orgs FILE (CSV or xlsx), or the built-in one. Throws SetupError (exit 2). */
export async function loadRegistry(file: string | undefined, cwd: string): Promise<Registry> {
  if (!file) return defaultRegistry();
  const path = resolve(cwd, file);
  // Checked as a registry before the table reader reads it (an .xlsx one in a reader thread).
  checkSetupFile({ abs: path, shown: file, what: 'registry' });
  let table;
  try {
    table = await readTable(path, file);
  } catch (e) {
    if (e instanceof SetupError) throw e;
    throw new SetupError([{ code: 'file-unreadable-setup', params: { file, reason: (e as Error).message } }]);
  }
  return registryFromTable(table, file, path);
}
