// `registrar --version` and `--help` must load no heavy module: their wall time against a bare
// `node -e 0`, measured in the same run.
import { BIN, fmt, medianTime } from './lib.js';

export function benchStartup() {
  const bare = medianTime(process.execPath, ['-e', '0']);
  const version = medianTime(process.execPath, [BIN, '--version']);
  const help = medianTime(process.execPath, [BIN, '--help']);
  console.log('startup (median of 15 runs)');
  console.log(`  node -e 0            ${fmt(bare)}`);
  console.log(`  registrar --version  ${fmt(version)}   ratio ${(version / bare).toFixed(2)} (aim ≤ 2)`);
  console.log(`  registrar --help     ${fmt(help)}   ratio ${(help / bare).toFixed(2)}`);
}
