import cliProgress from 'cli-progress';

export interface Progress {
  update: (done: number, total: number, detail?: string) => void;
  stop: () => void;
}

const NONE: Progress = { update: () => {}, stop: () => {} };

/** A progress bar on stderr, only when stderr is a terminal and the output is for people. */
export function progressBar(label: string, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return NONE;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} {rate}/s {detail}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update: (done, total, detail = '') => {
      if (!running) {
        bar.start(total, 0, { rate: '0', detail: '' });
        running = true;
      }
      const rate = (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1);
      bar.update(done, { rate, detail });
    },
    stop: () => {
      if (running) bar.stop();
    },
  };
}
