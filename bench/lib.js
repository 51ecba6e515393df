// Shared helpers for the benchmarks: timing child processes and reading their peak memory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'registrar.js');

/** Run a command once; return its wall time in ms (and fail loudly on a non-zero exit). */
export function timeRun(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', ...options, env: { ...process.env, NO_COLOR: '1', CI: 'true', ...options.env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

/** Median wall time over `runs` runs, after one warm-up. */
export function medianTime(command, args, runs = 15, options = {}) {
  timeRun(command, args, options);
  const times = Array.from({ length: runs }, () => timeRun(command, args, options).ms).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

/**
 * Run a script in a child Node process that prints its own peak RSS on exit (stderr line
 * `PEAK_RSS_KB=... CPU_US=...`), returning wall time, CPU time (user + system, in ms: what a
 * shared, busy machine distorts least) and peak memory.
 */
export function timeScript(source, options = {}) {
  const wrapped = `${source}\nprocess.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nPEAK_RSS_KB=' + u.maxRSS + ' CPU_US=' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });`;
  const r = timeRun(process.execPath, ['--input-type=module', '-e', wrapped], { cwd: ROOT, ...options });
  const peak = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  const cpuMs = Number(/CPU_US=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000;
  return { ms: r.ms, cpuMs, peakMb: peak, stdout: r.stdout, stderr: r.stderr };
}

export function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}
