import type { Context } from './context.js';

/**
 * A progress bar on stderr for long jobs, drawn only on a terminal (never under cron, --json
 * or --quiet). Returns the callback to feed and a function that clears the line.
 */
export function progressBar(ctx: Context, label: string): { update: (done: number, total: number) => void; finish: () => void } {
  if (!ctx.decorated) return { update: () => {}, finish: () => {} };
  const stream = ctx.streams.stderr;
  let last = 0;
  let drawn = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      drawn = true;
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
