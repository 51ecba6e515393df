// `student import` of 100,000 rows against a baseline that only parses the same file with
// csv-parse and inserts the rows with one prepared statement in one transaction.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, fmt, timeRun, timeScript } from './lib.js';
import { groupName, writeEnrolmentList } from './enrolment.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const GROUPS = 100;

export function benchImport() {
  const dir = join(ROOT, 'bench', '.work', 'import');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = writeEnrolmentList(join(dir, 'list.csv'), ROWS, GROUPS);
  const db = join(dir, 'registrar.db');
  const env = { REGISTRAR_DB: db, REGISTRAR_TODAY: '2025-10-01' };
  timeRun(process.execPath, [BIN, 'init', '--org', 'Бенчмарк', '--year', '2025/2026'], { env });
  seedGroups(db);

  const ours = timeScript(`import { main } from './dist/cli.js'; process.exitCode = await main(['student', 'import', ${JSON.stringify(file)}, '--quiet']);`, { env });
  const baseline = timeScript(`
    import { readFileSync } from 'node:fs';
    import { parse } from 'csv-parse/sync';
    import Database from 'better-sqlite3';
    const rows = parse(readFileSync(${JSON.stringify(file)}), { delimiter: ';', bom: true, from_line: 2 });
    const db = new Database(${JSON.stringify(join(dir, 'baseline.db'))});
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS t (a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT, j TEXT) STRICT');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => { for (const r of rows) insert.run(...r.slice(0, 10)); })();
  `);
  const check = new Database(db, { readonly: true });
  const imported = check.prepare('SELECT count(*) AS n FROM student').get().n;
  check.close();
  console.log(`student import of ${ROWS.toLocaleString('en')} rows (${imported.toLocaleString('en')} students stored)`);
  console.log(`  registrar student import   ${fmt(ours.ms)}   peak ${ours.peakMb.toFixed(0)} MB (aim < 400 MB)`);
  console.log(`  csv-parse + one insert     ${fmt(baseline.ms)}   peak ${baseline.peakMb.toFixed(0)} MB`);
  console.log(`  ratio                      ${(ours.ms / baseline.ms).toFixed(2)} (aim ≤ 2)`);

  // Files built to exhaust the reader: refused (exit 3) in time and memory bounded by the file.
  const crafted = {
    'blank CRLF lines, 4 MB': () => writeFileSync(join(dir, 'blank.csv'), 'Фамилия;Имя\r\n' + '\r\n'.repeat(2_000_000)),
    'bare ;;;; rows, 60 MB': () => writeFileSync(join(dir, 'semis.csv'), ';;;;;;;;;;;;;;;;;;;\n'.repeat(3_000_000)),
  };
  for (const [label, make] of Object.entries(crafted)) {
    make();
    const name = label.startsWith('blank') ? 'blank.csv' : 'semis.csv';
    // Refused with exit 3 is the expected outcome: the child exits 0 then.
    const run = timeScript(`import { main } from './dist/cli.js'; process.exitCode = (await main(['student', 'import', ${JSON.stringify(join(dir, name))}, '--quiet'])) === 3 ? 0 : 1;`, { env });
    console.log(`  crafted: ${label.padEnd(24)} ${fmt(run.ms)}   peak ${run.peakMb.toFixed(0)} MB`);
  }
}

/** A program and the groups the generated list names, straight into the store. */
function seedGroups(path) {
  const db = new Database(path);
  db.transaction(() => {
    const program = db.prepare("INSERT INTO program (code, name, duration_months) VALUES ('09.02.07', 'Информационные системы и программирование', 46)").run().lastInsertRowid;
    const year = db.prepare('SELECT id FROM year').get().id;
    const insert = db.prepare('INSERT INTO study_group (year_id, name, program_id, course) VALUES (?, ?, ?, 1)');
    for (let i = 0; i < GROUPS; i++) insert.run(year, groupName(i), program);
  })();
  db.close();
}
