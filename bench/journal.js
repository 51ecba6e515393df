// The journal's speed targets (issue 10):
// 1. `journal import marks.csv --kind marks` of 1,000,000 marks against a baseline that only
//    parses the same file with csv-parse and inserts its rows with one prepared statement in
//    one transaction (aim: ratio ≤ 2.5, peak memory < 500 MB);
// 2. `grades suggest` for a group of 30 students and 15 subjects over a semester, on a store
//    that holds only that group's journal and on one that holds 10,000,000 marks (aim: the
//    same time).
// The stores are seeded straight through better-sqlite3 (groups, students, the plan, lessons,
// the big store's marks): that is setup, not what is measured.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, fmt, timeRun, timeScript } from './lib.js';
import { groupName } from './enrolment.js';

const MARKS = Number(process.env.BENCH_MARKS ?? 1_000_000);
const BIG_MARKS = Number(process.env.BENCH_BIG_MARKS ?? 10_000_000);
const GROUP_SIZE = 30;
const SUBJECTS = 15;
/** A group has a lesson of a subject on every third working day: five lessons a day. */
const EVERY = 3;
const TODAY = '2025-12-30';
const RUNS = 9;

const LAST = ['Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов'];
const FIRST = ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артём', 'Илья', 'Кирилл', 'Михаил'];
const MIDDLE = ['Александрович', 'Дмитриевич', 'Сергеевич', 'Андреевич', 'Игоревич'];
const MARK_VALUES = ['5', '4', '3', '2'];

/** The i-th student of every group: unique within a group (i < 200). */
const studentName = (i) => [LAST[i % LAST.length], FIRST[Math.floor(i / LAST.length) % FIRST.length], MIDDLE[Math.floor(i / 200) % MIDDLE.length]];
const subjectCode = (s) => `ОУД.${String(s + 1).padStart(2, '0')}`;

export async function benchJournal() {
  await benchMarksImport();
  console.log();
  await benchSuggest();
}

/** A fresh store with the year 2025/2026 (two semesters), the edit window and file limit the bench needs. */
function freshStore(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'registrar.db');
  const env = { REGISTRAR_DB: db, REGISTRAR_TODAY: TODAY };
  timeRun(process.execPath, [BIN, 'init', '--org', 'Бенчмарк', '--year', '2025/2026', '--start', '2025-09-01', '--end', '2026-06-30', '--periods', 'semesters'], { env });
  timeRun(process.execPath, [BIN, 'config', 'set', 'journal.editWindowDays', '365'], { env });
  timeRun(process.execPath, [BIN, 'config', 'set', 'import.maxMegabytes', '1024'], { env });
  timeRun(process.execPath, [BIN, 'config', 'set', 'import.maxRows', '1048576'], { env });
  return { db, env };
}

async function benchMarksImport() {
  const dir = join(ROOT, 'bench', '.work', 'journal-import');
  const { db, env } = freshStore(dir);
  const groups = Math.ceil(MARKS / (GROUP_SIZE * lessonsPerGroup(await semesterDays(db, 'S1'))));
  const seeded = await seedJournal(db, { groups, period: 'S1' });
  const file = join(dir, 'marks.csv');
  writeMarksFile(file, seeded, MARKS);

  const ours = timeScript(`import { main } from './dist/cli.js'; process.exitCode = await main(['journal', 'import', ${JSON.stringify(file)}, '--kind', 'marks', '--quiet']);`, { env });
  const baseline = timeScript(`
    import { readFileSync } from 'node:fs';
    import { parse } from 'csv-parse/sync';
    import Database from 'better-sqlite3';
    const rows = parse(readFileSync(${JSON.stringify(file)}), { delimiter: ';', bom: true, from_line: 2 });
    const db = new Database(${JSON.stringify(join(dir, 'baseline.db'))});
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE IF NOT EXISTS t (a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT) STRICT');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => { for (const r of rows) insert.run(...r.slice(0, 6)); })();
  `);
  const check = new Database(db, { readonly: true });
  const stored = check.prepare('SELECT count(*) AS n FROM mark').get().n;
  check.close();
  console.log(`journal import of ${MARKS.toLocaleString('en')} marks (${groups} groups × ${GROUP_SIZE} students × ${SUBJECTS} subjects, one semester; ${stored.toLocaleString('en')} marks stored)`);
  console.log(`  registrar journal import   ${fmt(ours.ms)} (CPU ${fmt(ours.cpuMs)})   peak ${ours.peakMb.toFixed(0)} MB (aim < 500 MB)`);
  console.log(`  csv-parse + one insert     ${fmt(baseline.ms)} (CPU ${fmt(baseline.cpuMs)})   peak ${baseline.peakMb.toFixed(0)} MB`);
  console.log(`  ratio                      ${(ours.ms / baseline.ms).toFixed(2)} wall, ${(ours.cpuMs / baseline.cpuMs).toFixed(2)} CPU (aim ≤ 2.5)`);
}

async function benchSuggest() {
  const small = freshStore(join(ROOT, 'bench', '.work', 'journal-suggest-empty'));
  const big = freshStore(join(ROOT, 'bench', '.work', 'journal-suggest-big'));
  const perGroup = GROUP_SIZE * lessonsPerGroup(await semesterDays(big.db, 'S1', 'S2'));
  const groups = Math.max(1, Math.ceil(BIG_MARKS / perGroup));
  await seedJournal(small.db, { groups: 1, period: 'S1', to: 'S2', marks: true });
  await seedJournal(big.db, { groups, period: 'S1', to: 'S2', marks: true });
  const count = (db) => {
    const c = new Database(db, { readonly: true });
    const n = c.prepare('SELECT count(*) AS n FROM mark').get().n;
    c.close();
    return n;
  };
  const args = ['grades', 'suggest', '--group', groupName(0), '--period', 'S1', '--json'];
  const once = (env) => timeScript(`import { main } from './dist/cli.js'; process.exitCode = await main(${JSON.stringify(args)});`, { env });
  const rows = (env) => JSON.parse(once(env).stdout).rows.length;
  const counts = [rows(small.env), rows(big.env)];
  // Interleaved, so that whatever else the machine does falls on both alike.
  const runs = { small: [], big: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.small.push(once(small.env));
    runs.big.push(once(big.env));
  }
  const median = (list, key) => list.map((r) => r[key]).sort((x, y) => x - y)[Math.floor(list.length / 2)];
  const [a, b] = [runs.small, runs.big].map((list) => ({ ms: median(list, 'ms'), cpuMs: median(list, 'cpuMs') }));
  console.log(`grades suggest --group ${groupName(0)} --period S1 (${GROUP_SIZE} students × ${SUBJECTS} subjects; median of ${RUNS} runs, whole process)`);
  console.log(`  store of ${count(small.db).toLocaleString('en').padStart(10)} marks   ${fmt(a.ms)} (CPU ${fmt(a.cpuMs)})   ${counts[0]} rows`);
  console.log(`  store of ${count(big.db).toLocaleString('en').padStart(10)} marks   ${fmt(b.ms)} (CPU ${fmt(b.cpuMs)})   ${counts[1]} rows`);
  console.log(`  ratio                        ${(b.ms / a.ms).toFixed(2)} wall, ${(b.cpuMs / a.cpuMs).toFixed(2)} CPU (aim ≈ 1)`);
}

/** Working days of the periods `from`..`to` (codes) of the store's year, by the production calendar. */
async function semesterDays(db, from, to = from) {
  const { WorkCalendar } = await import('../dist/domain/workdays.js');
  const { addDays } = await import('../dist/domain/dates.js');
  const c = new Database(db, { readonly: true });
  const start = c.prepare('SELECT start FROM period WHERE code = ?').get(from).start;
  const end = c.prepare('SELECT end FROM period WHERE code = ?').get(to).end;
  c.close();
  const calendar = new WorkCalendar([]);
  const days = [];
  for (let d = start; d <= end; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days;
}

function lessonsPerGroup(days) {
  let n = 0;
  days.forEach((_, d) => {
    for (let s = 0; s < SUBJECTS; s++) if ((d + s) % EVERY === 0) n++;
  });
  return n;
}

/**
 * A program with 15 subjects in its plan, a teacher, `groups` groups of 30 students, and
 * each group's lessons over the periods (a subject every third working day). With `marks`,
 * every student gets a mark on every lesson. Returns what the marks file needs.
 */
async function seedJournal(path, { groups, period, to = period, marks = false }) {
  const days = await semesterDays(path, period, to);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const now = new Date().toISOString();
  const out = { groups: [] };
  db.transaction(() => {
    const program = db.prepare("INSERT INTO program (code, name, duration_months) VALUES ('09.02.07', 'Информационные системы и программирование', 46)").run().lastInsertRowid;
    const subject = db.prepare("INSERT INTO subject (program_id, code, name, kind) VALUES (?, ?, ?, 'УД')");
    const plan = db.prepare('INSERT INTO plan_item (subject_id, course, semester, hours) VALUES (?, 1, ?, 72)');
    const subjects = [];
    for (let s = 0; s < SUBJECTS; s++) {
      const id = subject.run(program, subjectCode(s), `Дисциплина ${s + 1}`).lastInsertRowid;
      plan.run(id, 1);
      plan.run(id, 2);
      subjects.push(Number(id));
    }
    const person = db.prepare('INSERT INTO person (last_name, first_name, middle_name, name_key, created_at) VALUES (?, ?, ?, ?, ?)');
    const teacher = person.run('Новикова', 'Мария', 'Андреевна', 'новикова мария андреевна', now).lastInsertRowid;
    db.prepare('INSERT INTO staff (person_id) VALUES (?)').run(teacher);
    const year = db.prepare('SELECT id FROM year').get().id;
    const group = db.prepare('INSERT INTO study_group (year_id, name, program_id, course) VALUES (?, ?, ?, 1)');
    const student = db.prepare("INSERT INTO student (person_id, status) VALUES (?, 'active')");
    const membership = db.prepare("INSERT INTO membership (student_id, group_id, from_date) VALUES (?, ?, '2025-09-01')");
    const lesson = db.prepare("INSERT INTO lesson (group_id, subject_id, teacher_id, date, number, hours, entered_at, entered_by) VALUES (?, ?, ?, ?, 1, 2, ?, 'bench')");
    for (let g = 0; g < groups; g++) {
      const name = groupName(g);
      const groupId = group.run(year, name, program).lastInsertRowid;
      const students = [];
      for (let i = 0; i < GROUP_SIZE; i++) {
        const [last, first, middle] = studentName(i);
        const id = person.run(last, first, middle, `${last} ${first} ${middle}`.toLowerCase().replace(/ё/g, 'е'), now).lastInsertRowid;
        student.run(id);
        membership.run(id, groupId);
        students.push(`${last} ${first} ${middle}`);
      }
      const lessons = [];
      days.forEach((date, d) => {
        for (let s = 0; s < SUBJECTS; s++) {
          if ((d + s) % EVERY !== 0) continue;
          lesson.run(groupId, subjects[s], teacher, date, now);
          lessons.push({ date, subject: subjectCode(s) });
        }
      });
      out.groups.push({ name, students, lessons });
    }
    if (marks) {
      // One mark per student and lesson, in SQL: ten million rows built in JavaScript would take minutes.
      db.prepare(
        `INSERT INTO mark (lesson_id, student_id, value, work_type_id, weight, entered_at, entered_by)
         SELECT l.id, m.student_id, CAST(2 + (l.id * 7 + m.student_id) % 4 AS TEXT), 1, 1, ?, 'bench'
           FROM lesson l JOIN membership m ON m.group_id = l.group_id ORDER BY l.id, m.student_id`,
      ).run(now);
    }
  })();
  db.close();
  return out;
}

/** The marks file as a teacher's export looks: Russian headers, `;`, dd.mm.yyyy, full names; `rows` rows. */
function writeMarksFile(path, seeded, rows) {
  const lines = ['Дата;Группа;Предмет;Обучающийся;Оценка;Вид работы'];
  let n = 0;
  outer: for (const g of seeded.groups) {
    for (const l of g.lessons) {
      const date = `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}.${l.date.slice(0, 4)}`;
      for (let i = 0; i < g.students.length; i++) {
        if (n++ >= rows) break outer;
        lines.push(`${date};${g.name};${l.subject};${g.students[i]};${MARK_VALUES[(n * 7 + i) % 4]};${i % 5 === 0 ? 'контрольная работа' : 'устный ответ'}`);
      }
    }
  }
  writeFileSync(path, lines.join('\r\n') + '\r\n');
}
