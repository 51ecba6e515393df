// `npm run bench`: every speed and memory target, each as a ratio against a baseline measured
// in the same run (never as a timed assertion). Pass names to run only some: startup import credentials rollover journal.
import { benchCredentials } from './credentials.js';
import { benchImport } from './import.js';
import { benchJournal } from './journal.js';
import { benchReport } from './report.js';
import { benchRollover } from './rollover.js';
import { benchStartup } from './startup.js';

const all = { startup: benchStartup, import: benchImport, credentials: benchCredentials, journal: benchJournal, report: benchReport, rollover: benchRollover };
const wanted = process.argv.slice(2);
for (const [name, bench] of Object.entries(all)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await bench();
  console.log();
}
