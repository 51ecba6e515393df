import type { Context } from './context.js';

/**
 * Run `task` under a spinner on stderr — only on a terminal (never under cron, --json or
 * --quiet), where ora is loaded on demand; elsewhere the task just runs.
 */
export async function withSpinner<T>(ctx: Context, text: string, task: () => Promise<T> | T): Promise<T> {
  if (!ctx.decorated) return task();
  const { default: ora } = await import('ora');
  const spinner = ora({ text, stream: ctx.streams.stderr }).start();
  try {
    return await task();
  } finally {
    spinner.stop();
  }
}
