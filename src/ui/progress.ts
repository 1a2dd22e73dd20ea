import { printable } from '../text-safety.js';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { readerEvents } from '../read/pool.js';
import { word } from '../words.js';

export interface Progress {
  update: (done: number, total: number, detail?: string) => void;
  stop: () => void;
}

const NONE: Progress = { update: () => {}, stop: () => {} };

function duration(seconds: number, lang: 'zh' | 'en'): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return word('seconds', lang)(s);
  return word('minutes', lang)(Math.floor(s / 60), s % 60);
}

/**
 * A progress bar on stderr, only when stderr is a terminal and the output is for people (callers pass
 * enabled=false for --json). It shows files done / total, the rate, the time left, and — while a reader has
 * been on one file for more than a few seconds — which file is slow and for how long. The language follows
 * `lang`, or the label when it is not given (an ASCII label means English).
 */
export function progressBar(label: string, enabled: boolean, lang?: 'zh' | 'en'): Progress {
  if (!enabled || !process.stderr.isTTY) return NONE;
  const l = lang ?? (/^[\x20-\x7e]*$/.test(label) ? 'en' : 'zh');
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} {rate}/s {left} {detail}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  let last = { done: 0, total: 0, detail: '' };
  // Files a reader has been on for a while: path → seconds so far.
  const slow = new Map<string, number>();
  // Listen from the start: the first file may be the slow one.
  const onSlow = (path: string, seconds: number): void => {
    slow.set(path, seconds);
    render();
  };
  const onDoneSlow = (path: string): void => {
    slow.delete(path);
    render();
  };

  readerEvents.on('slow', onSlow);
  readerEvents.on('done-slow', onDoneSlow);

  const render = (): void => {
    if (!running) return;
    const { done, total, detail } = last;
    const elapsed = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / elapsed;
    const left = done > 0 && done < total ? `${word('progressLeft', l)} ${duration((total - done) / rate, l)}` : '';
    const slowest = [...slow.entries()].sort((a, b) => b[1] - a[1])[0];
    // File names come from the inputs: no control or escape characters on the terminal.
    const what = printable(slowest ? `${word('progressSlow', l)}: ${basename(slowest[0])} ${duration(slowest[1], l)}` : detail ? basename(detail) : '');
    bar.update(done, { rate: rate.toFixed(1), left, detail: what });
  };

  return {
    update: (done, total, detail = '') => {
      if (!running) {
        bar.start(total, 0, { rate: '0', left: '', detail: '' });
        running = true;
      }
      last = { done, total, detail };
      render();
    },
    stop: () => {
      readerEvents.off('slow', onSlow);
      readerEvents.off('done-slow', onDoneSlow);
      if (!running) return;
      running = false;
      bar.stop();
    },
  };
}
