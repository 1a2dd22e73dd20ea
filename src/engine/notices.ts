import { message, type Lang, type MessageCode } from '../messages.js';
import type { RunNotice } from './check-returns.js';

/** A run's notice as the reports carry it: its code, its words in the run's language, and the file it is about. */
export interface NoticeJson {
  code: MessageCode;
  severity: 'notice';
  message: string;
  file?: string;
}

export function noticesOf(notices: readonly RunNotice[], lang: Lang): NoticeJson[] {
  return notices.map((n) => ({ code: n.code, severity: 'notice' as const, message: message(n.code, n.params, lang), ...(n.file ? { file: n.file } : {}) }));
}
