import { SetupError, type MessageCode, type ParamWords, type Params } from '../messages.js';
import { extname } from 'node:path';
import type { PlainTable } from '../core/plain.js';
import { checkInputFile, readInputFile } from '../read/extract.js';
import { CsvProblem, parseCsvTable, readXlsxTable } from './table.js';
import type { FileProblem } from '../read/types.js';

// The files a command is set up with (key, summary.json, --rules, registry, baseline) are read like a return: one
// guarded read (src/read/extract.ts: regular file only, size capped, a FIFO never waited on), and every problem a
// setup error (exit 2) that names the file and calls it what it is.

export type SetupInput = keyof ParamWords['setupInput'];

/** What each setup input may weigh: far above any real one, far below what would strain memory. */
export const SETUP_INPUT_LIMITS: Readonly<Record<SetupInput, number>> = {
  /** A key is a secret of a few dozen bytes. */
  key: 64 * 1024,
  /** A national run's summary.json is tens of MB; its text must stay under V8's longest string (~512 M characters). */
  summary: 500 * 1024 * 1024,
  /** A dozen thresholds. */
  rules: 1024 * 1024,
  /** Tens of thousands of branches, as CSV or xlsx: a return's cap. */
  registry: 50 * 1024 * 1024,
  baseline: 50 * 1024 * 1024,
};

/** A size in the unit that suits it (64 KB, 50 MB). */
export function sizeWords(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.ceil(bytes / 1024 / 1024)} MB`;
}

export interface SetupFileRef {
  /** Absolute path. */
  abs: string;
  /** As the user gave it (or as rc-org names it), for the message. */
  shown: string;
  what: SetupInput;
  /** What to say when there is no such file (default: file-not-found naming it). */
  notFound?: { code: MessageCode; params: Params };
}

function setupError(ref: SetupFileRef, problem: FileProblem, size: number): SetupError {
  const file = ref.shown;
  const at = { file, what: ref.what };
  const detail = problem.params.detail;
  if (problem.code === 'file-vanished' || detail === 'ENOTDIR' || detail === 'ENAMETOOLONG') {
    return new SetupError([ref.notFound ?? { code: 'file-not-found', params: { file } }]);
  }
  if (problem.code === 'file-not-regular') return new SetupError([{ code: 'setup-file-not-regular', params: { ...at, kind: problem.params.kind }, file }]);
  if (problem.code === 'file-too-large') {
    const limit = SETUP_INPUT_LIMITS[ref.what];
    return new SetupError([
      { code: 'setup-file-too-large', params: { ...at, size: size > limit ? sizeWords(size) : `> ${sizeWords(limit)}`, limit: sizeWords(limit) }, file },
    ]);
  }
  if (problem.code === 'file-no-permission') return new SetupError([{ code: 'setup-file-no-permission', params: at, file }]);
  return new SetupError([{ code: 'file-unreadable-setup', params: { file, reason: String(detail ?? problem.code) } }]);
}

/** The bytes of a setup file, read once through the guarded read; any problem is a SetupError in the input's words. */
export function readSetupFile(ref: SetupFileRef): Buffer {
  const read = readInputFile(ref.abs, SETUP_INPUT_LIMITS[ref.what]);
  if ('problem' in read) throw setupError(ref, read.problem, read.size);
  return read.bytes;
}

/** The guarded read's checks alone, for a setup file another reader opens (an xlsx registry goes to the readers). */
export function checkSetupFile(ref: SetupFileRef): void {
  const problem = checkInputFile(ref.abs, SETUP_INPUT_LIMITS[ref.what]);
  if (problem) throw setupError(ref, problem.problem, problem.size);
}

/** A setup file's text: UTF-8, without a byte-order mark. */
export function readSetupText(ref: SetupFileRef): string {
  return readSetupFile(ref)
    .toString('utf8')
    .replace(/^\ufeff/, '');
}

/**
 * A registry or baseline (CSV or xlsx) as a table, in the input's own words: a CSV read once through the guarded
 * read; an xlsx checked the same way, then read by a reader thread.
 */
export async function readSetupTable(ref: SetupFileRef): Promise<PlainTable> {
  try {
    if (extname(ref.abs).toLowerCase() === '.xlsx') {
      checkSetupFile(ref);
      return await readXlsxTable(ref.abs, ref.shown);
    }
    return parseCsvTable(readSetupFile(ref));
  } catch (e) {
    if (e instanceof SetupError) throw e;
    if (e instanceof CsvProblem) throw new SetupError([{ code: e.problem.code, params: e.problem.params, file: ref.shown, line: e.problem.params.line }]);
    // Anything else the reading hits is still this file's problem, said as one.
    throw new SetupError([{ code: 'file-unreadable-setup', params: { file: ref.shown, reason: (e as Error).message } }]);
  }
}
