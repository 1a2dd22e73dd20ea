import { stat } from 'node:fs/promises';
import { SetupError } from '../messages.js';

/** --out must be a folder (or not exist yet): said before anything is read or written. */
export async function assertOutFolder(abs: string, shown: string): Promise<void> {
  const st = await stat(abs).catch(() => null);
  if (st && !st.isDirectory()) throw new SetupError([{ code: 'out-is-a-file', params: { out: shown } }]);
}
