// `year rollover` of 100,000 students in 4,000 groups against `backup` of the same store, in
// the same run (the rollover makes such a backup first, then its one transaction).
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, fmt, timeRun } from './lib.js';

const STUDENTS = Number(process.env.BENCH_ROWS ?? 100_000);
const GROUPS = 4_000;
const ROUNDS = 7;

export function benchRollover() {
  const dir = join(ROOT, 'bench', '.work', 'rollover');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seeded = join(dir, 'seeded.db');
  const seedEnv = { REGISTRAR_DB: seeded, REGISTRAR_TODAY: '2026-07-05' };
  timeRun(process.execPath, [BIN, 'init', '--org', 'Бенчмарк', '--year', '2025/2026', '--start', '2025-09-01', '--end', '2026-06-30'], { env: seedEnv });
  seed(seeded);
  timeRun(process.execPath, [BIN, 'year', 'close', '2025/2026', '--quiet'], { env: seedEnv });
  rmSync(join(dir, 'backups'), { recursive: true, force: true });

  // Each round starts from a copy of the same closed store: the first rollover of that store,
  // next to a backup of it. (A store after a rollover and its undo is a third larger, its freed
  // pages included, which makes its backup slower and the ratio look better than it is.)
  // Seven rounds, each compared within itself and summed up by medians: on a shared, loaded
  // machine one pair alone can be off by half, and a median of three still by a tenth.
  const db = join(dir, 'registrar.db');
  const env = { REGISTRAR_DB: db, REGISTRAR_TODAY: '2026-07-05' };
  const rounds = [];
  let moved = '';
  for (let round = 0; round < ROUNDS; round++) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    copyFileSync(seeded, db);
    // On disk before either command runs: the rollover's checkpoint syncs the store file, which
    // would otherwise write out this fresh copy's 45 MB as well (a backup only syncs its own).
    const fd = openSync(db, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    const backup = timeRun(process.execPath, [BIN, 'backup', join(dir, 'copy.db'), '--force', '--quiet'], { env });
    const rollover = timeRun(process.execPath, [BIN, 'year', 'rollover', '--from', '2025/2026', '--to', '2026/2027'], { env, maxBuffer: 1 << 28 });
    const check = new Database(db, { readonly: true });
    moved = check.prepare('SELECT outcome, count(*) AS n FROM outcome GROUP BY outcome ORDER BY outcome').all().map((r) => `${r.n} ${r.outcome}`).join(', ');
    check.close();
    // The undo deletes 3,000 groups and their students' rows: its references are checked once, not per group.
    const undo = timeRun(process.execPath, [BIN, 'year', 'rollover', '--undo', '2026/2027', '--yes', '--quiet'], { env });
    rmSync(join(dir, 'backups'), { recursive: true, force: true });
    rounds.push({ backup: backup.ms, rollover: rollover.ms, undo: undo.ms, ratio: rollover.ms / backup.ms });
  }
  const median = (key) => rounds.map((r) => r[key]).sort((x, y) => x - y)[Math.floor(ROUNDS / 2)];
  console.log(`year rollover of ${STUDENTS.toLocaleString('en')} students in ${GROUPS.toLocaleString('en')} groups (${moved}), median of ${ROUNDS} rounds, each on a fresh copy of the store`);
  console.log(`  registrar year rollover         ${fmt(median('rollover'))}`);
  console.log(`  registrar backup                ${fmt(median('backup'))}`);
  console.log(`  ratio                           ${median('ratio').toFixed(2)} (aim ≤ 3; rounds: ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')})`);
  console.log(`  registrar year rollover --undo  ${fmt(median('undo'))}`);
}

/** Programs, a curriculum, 4,000 groups over four courses, students with memberships, accounts and some debts; closed periods. */
function seed(path) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    const year = db.prepare('SELECT id FROM year').get().id;
    const program = db.prepare("INSERT INTO program (code, name, duration_months) VALUES ('09.02.07', 'Информационные системы и программирование', 46)").run().lastInsertRowid;
    const subject = db.prepare('INSERT INTO subject (program_id, code, name, kind) VALUES (?, ?, ?, ?)');
    const plan = db.prepare('INSERT INTO plan_item (subject_id, course, semester, hours) VALUES (?, ?, ?, 64)');
    const subjects = [];
    for (let c = 1; c <= 4; c++) {
      const id = subject.run(program, `ОП.0${c}`, `Дисциплина ${c}`, 'УД').lastInsertRowid;
      plan.run(id, c, 2 * c - 1);
      subjects.push(id);
    }
    const order = db.prepare("INSERT INTO \"order\" (number, date, kind, created_at) VALUES ('12-к', '2025-08-25', 'enroll', '2025-08-25T00:00:00Z')").run().lastInsertRowid;
    const group = db.prepare('INSERT INTO study_group (year_id, name, program_id, course) VALUES (?, ?, ?, ?)');
    const groups = [];
    for (let i = 0; i < GROUPS; i++) groups.push(group.run(year, `Г-${String(i).padStart(4, '0')}`, program, (i % 4) + 1).lastInsertRowid);
    const person = db.prepare("INSERT INTO person (last_name, first_name, middle_name, birth_date, name_key, created_at) VALUES (?, ?, 'Петрович', '2007-01-01', ?, '2025-08-25T00:00:00Z')");
    const student = db.prepare("INSERT INTO student (person_id, status, enroll_order_id) VALUES (?, 'active', ?)");
    const membership = db.prepare("INSERT INTO membership (student_id, group_id, from_date, from_order_id) VALUES (?, ?, '2025-08-25', ?)");
    const item = db.prepare('INSERT INTO order_item (order_id, student_id, to_group_id) VALUES (?, ?, ?)');
    const account = db.prepare("INSERT INTO account (person_id, role, login, password_hash, issued_at, issued_by) VALUES (?, 'student', ?, 'x', '2025-09-01T00:00:00Z', 'bench')");
    const period = db.prepare("SELECT id FROM period WHERE year_id = ? AND code = 'S1'").get(year).id;
    const grade = db.prepare("INSERT INTO grade (student_id, subject_id, year_id, period_id, kind, value, entered_at, entered_by) VALUES (?, ?, ?, ?, 'period', '2', '2025-12-25T00:00:00Z', 'bench')");
    for (let i = 0; i < STUDENTS; i++) {
      const g = i % GROUPS;
      const id = person.run(`Иванов${i}`, 'Пётр', `иванов${i} пётр петрович`).lastInsertRowid;
      student.run(id, order);
      membership.run(id, groups[g], order);
      item.run(order, id, groups[g]);
      account.run(id, `s${i}`);
      if (i % 50 === 0) grade.run(id, subjects[g % 4], year, period);
    }
    db.prepare("UPDATE period SET status = 'closed', closed_at = '2026-07-01T00:00:00Z', closed_by = 'bench'").run();
  })();
  db.close();
}
