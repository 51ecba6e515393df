// `credentials issue --all` for 5,000 students against the pure hashing cost measured in the
// same run: 5,000 × (one hash's median time) ÷ cores. Hashing dominates, so the ratio shows
// how well the hashes use every core and how little everything else (selection, logins, the
// file, the transaction) adds.
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, fmt, timeRun, timeScript } from './lib.js';
import { groupName } from './enrolment.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5_000);
const GROUP_SIZE = 100;
const HASHES = 20;

const LAST = ['Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов'];
const FIRST = ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артём', 'Илья', 'Кирилл', 'Михаил'];
const MIDDLE = ['Александрович', 'Дмитриевич', 'Сергеевич', 'Андреевич', 'Игоревич'];

export function benchCredentials() {
  const dir = join(ROOT, 'bench', '.work', 'credentials');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'registrar.db');
  const env = { REGISTRAR_DB: db, REGISTRAR_TODAY: '2025-10-01' };
  timeRun(process.execPath, [BIN, 'init', '--org', 'Бенчмарк', '--year', '2025/2026', '--start', '2025-09-01', '--end', '2026-06-30', '--periods', 'semesters'], { env });
  seedStudents(db);

  const hash = timeScript(`
    import { hashPassword } from './dist/services/passwordHash.js';
    await hashPassword('warm-up-01');
    const times = [];
    for (let i = 0; i < ${HASHES}; i++) {
      const start = performance.now();
      await hashPassword('Kq7mWx3pZa' + i);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(times[Math.floor(times.length / 2)]);
  `);
  const oneHash = Number(hash.stdout.trim());
  const ours = timeRun(process.execPath, [BIN, 'credentials', 'issue', '--all', '--out', join(dir, 'slips.html'), '--quiet'], { env });

  const check = new Database(db, { readonly: true });
  const accounts = check.prepare('SELECT count(*) AS n FROM account').get().n;
  check.close();
  const cores = availableParallelism();
  const baseline = (PEOPLE * oneHash) / cores;
  const line = (label, value) => console.log(`  ${label.padEnd(34)} ${value}`);
  console.log(`credentials issue --all for ${PEOPLE.toLocaleString('en')} students (${accounts.toLocaleString('en')} accounts stored)`);
  line('registrar credentials issue', fmt(ours.ms));
  line(`one hash (median of ${HASHES})`, fmt(oneHash));
  line(`${PEOPLE.toLocaleString('en')} × one hash ÷ ${cores} cores`, fmt(baseline));
  line('ratio', `${(ours.ms / baseline).toFixed(2)} (aim ≤ 1.3)`);
}

/** A program, groups of 100 and the students in them, straight into the store. */
function seedStudents(path) {
  const db = new Database(path);
  db.transaction(() => {
    const program = db.prepare("INSERT INTO program (code, name, duration_months) VALUES ('09.02.07', 'Информационные системы и программирование', 46)").run().lastInsertRowid;
    const year = db.prepare('SELECT id FROM year').get().id;
    const group = db.prepare('INSERT INTO study_group (year_id, name, program_id, course) VALUES (?, ?, ?, 1)');
    const person = db.prepare('INSERT INTO person (last_name, first_name, middle_name, name_key, created_at) VALUES (?, ?, ?, ?, ?)');
    const student = db.prepare("INSERT INTO student (person_id, status) VALUES (?, 'active')");
    const membership = db.prepare("INSERT INTO membership (student_id, group_id, from_date) VALUES (?, ?, '2025-09-01')");
    const now = new Date().toISOString();
    let groupId;
    for (let i = 0; i < PEOPLE; i++) {
      if (i % GROUP_SIZE === 0) groupId = group.run(year, groupName(i / GROUP_SIZE), program).lastInsertRowid;
      const [last, first, middle] = [LAST[i % LAST.length], FIRST[Math.floor(i / LAST.length) % FIRST.length], MIDDLE[Math.floor(i / 200) % MIDDLE.length]];
      const id = person.run(last, first, middle, `${last} ${first} ${middle}`.toLowerCase().replace(/ё/g, 'е'), now).lastInsertRowid;
      student.run(id);
      membership.run(id, groupId);
    }
  })();
  db.close();
}
