// The statement of one group on a store of 1,000 students and on one of 100,000 students
// (same group size; 10,000,000 current marks): a report's cost must not grow with the store
// (target ratio ≤ 1.5). Then `report statement --all` over the current year's 200 groups, as
// JSON and as PDF, per group. The stores are filled directly with better-sqlite3 (one
// transaction, prepared statements); the reports run through the built CLI and in-process.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, ROOT, fmt, medianTime, timeRun, timeScript } from './lib.js';

const GROUP_SIZE = 25;
const SUBJECTS = 8;
const LESSONS_PER_SUBJECT = 20;
const CURRENT_GROUPS = 200;
const BIG_STUDENTS = Number(process.env.BENCH_REPORT_STUDENTS ?? 100_000);

const LAST = ['Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков'];
const FIRST = ['Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артём', 'Илья', 'Кирилл', 'Михаил'];

function cli(env, ...args) {
  return timeRun(process.execPath, [BIN, ...args], { env });
}

/**
 * A store of `students` students in groups of 25: the current year (2025/2026) holds
 * min(200, all) groups, earlier years the rest; each group has 8 subjects × 20 lessons, each
 * student 100 current marks, 8 period marks and a few absences.
 */
function buildStore(dir, students) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'registrar.db');
  const env = { REGISTRAR_DB: db, REGISTRAR_TODAY: '2025-12-30' };
  cli(env, 'init', '--org', 'Бенчмарк', '--year', '2025/2026', '--start', '2025-09-01', '--end', '2026-06-30', '--periods', 'semesters');
  cli(env, 'program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м');
  cli(env, 'program', 'add', '15.02.16', 'Технология машиностроения', '--duration', '3г10м');
  cli(env, 'plan', 'import', join(ROOT, 'fixtures', 'plan.csv'));
  cli(env, 'staff', 'import', join(ROOT, 'fixtures', 'staff.csv'));

  const start = process.hrtime.bigint();
  const conn = new Database(db);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  conn.pragma('cache_size = -262144');
  const program = conn.prepare("SELECT id FROM program WHERE code = '09.02.07'").get().id;
  const subjects = conn.prepare('SELECT s.id FROM plan_item pi JOIN subject s ON s.id = pi.subject_id WHERE s.program_id = ? AND pi.semester = 3 ORDER BY s.code').all(program).map((r) => r.id).slice(0, SUBJECTS);
  const teachers = conn.prepare('SELECT person_id AS id FROM staff').all().map((r) => r.id);
  const groups = Math.ceil(students / GROUP_SIZE);
  const at = '2025-12-01T10:00:00.000Z';

  const insertYear = conn.prepare("INSERT INTO year (name, start, end, status) VALUES (?, ?, ?, 'closed')");
  const insertPeriod = conn.prepare("INSERT INTO period (year_id, code, name, start, end, status) VALUES (?, ?, ?, ?, ?, 'closed')");
  const insertGroup = conn.prepare('INSERT INTO study_group (year_id, name, program_id, course) VALUES (?, ?, ?, 2)');
  const insertPerson = conn.prepare('INSERT INTO person (last_name, first_name, middle_name, name_key, created_at) VALUES (?, ?, ?, ?, ?)');
  const insertStudent = conn.prepare("INSERT INTO student (person_id, status) VALUES (?, 'active')");
  const insertMember = conn.prepare('INSERT INTO membership (student_id, group_id, from_date, to_date) VALUES (?, ?, ?, ?)');
  const insertLesson = conn.prepare('INSERT INTO lesson (group_id, subject_id, teacher_id, date, number, hours, topic, entered_at, entered_by) VALUES (?, ?, ?, ?, 1, 2, ?, ?, ?)');
  const insertMark = conn.prepare('INSERT INTO mark (lesson_id, student_id, value, work_type_id, weight, entered_at, entered_by) VALUES (?, ?, ?, 1, 1, ?, ?)');
  const insertGrade = conn.prepare("INSERT INTO grade (student_id, subject_id, year_id, period_id, kind, value, entered_at, entered_by) VALUES (?, ?, ?, ?, 'period', ?, ?, ?)");
  const insertAbsence = conn.prepare('INSERT INTO attendance (lesson_id, student_id, code, entered_at, entered_by) VALUES (?, ?, ?, ?, ?)');

  let marks = 0;
  conn.transaction(() => {
    // Years back from 2025/2026, each with up to 200 groups.
    const current = conn.prepare("SELECT id FROM year WHERE name = '2025/2026'").get().id;
    const years = [{ id: current, first: 2025, s1: conn.prepare("SELECT id FROM period WHERE year_id = ? AND code = 'S1'").get(current).id }];
    for (let y = 1; y * CURRENT_GROUPS < groups; y++) {
      const first = 2025 - y;
      const id = Number(insertYear.run(`${first}/${first + 1}`, `${first}-09-01`, `${first + 1}-06-30`).lastInsertRowid);
      const s1 = Number(insertPeriod.run(id, 'S1', '1 семестр', `${first}-09-01`, `${first}-12-28`).lastInsertRowid);
      insertPeriod.run(id, 'S2', '2 семестр', `${first + 1}-01-09`, `${first + 1}-06-30`);
      years.push({ id, first, s1 });
    }
    const days = Array.from({ length: LESSONS_PER_SUBJECT * 2 }, (_, i) => i); // working days from 1 September
    for (let g = 0; g < groups; g++) {
      const year = years[Math.floor(g / CURRENT_GROUPS)];
      const groupId = Number(insertGroup.run(year.id, `Г-${String(g % CURRENT_GROUPS).padStart(3, '0')}`, program).lastInsertRowid);
      const ids = [];
      for (let s = 0; s < GROUP_SIZE && g * GROUP_SIZE + s < students; s++) {
        const i = g * GROUP_SIZE + s;
        const [last, first] = [LAST[i % 10], FIRST[Math.floor(i / 10) % 10]];
        const id = Number(insertPerson.run(last, first, `№${i}`, `${last} ${first} №${i}`.toLowerCase(), at).lastInsertRowid);
        insertStudent.run(id);
        insertMember.run(id, groupId, `${year.first}-09-01`, year.id === years[0].id ? null : `${year.first + 1}-07-01`);
        ids.push(id);
      }
      let l = 0;
      for (const [k, subject] of subjects.entries()) {
        for (let n = 0; n < LESSONS_PER_SUBJECT; n++, l++) {
          const d = days[(n * 2 + k) % days.length];
          const date = new Date(Date.UTC(year.first, 8, 1 + Math.floor(d / 5) * 7 + (d % 5))).toISOString().slice(0, 10);
          const lessonId = Number(insertLesson.run(groupId, subject, teachers[k % teachers.length], date, `Тема ${n + 1}`, at, 'bench').lastInsertRowid);
          ids.forEach((student, s) => {
            if ((l + s) % 8 < 5) {
              insertMark.run(lessonId, student, String(2 + ((l * 7 + s * 3) % 4)), at, 'bench');
              marks++;
            }
            if ((l + s) % 20 === 0) insertAbsence.run(lessonId, student, ['Б', 'УП', 'НП', 'ОТ', 'ОП'][(l + s) % 5], at, 'bench');
          });
        }
        ids.forEach((student, s) => insertGrade.run(student, subject, year.id, year.s1, String(2 + ((k + s) % 4)), at, 'bench'));
      }
    }
  })();
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.close();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { db, env, marks, groups, fillMs: ms };
}

/** The in-process cost of building (and rendering as JSON) one group's statement: median of 30. */
function builderTime(db) {
  const r = timeScript(`
    import { openStore } from './dist/store/store.js';
    import { buildReports, renderReport } from './dist/services/reports.js';
    const store = openStore(${JSON.stringify(db)}, { create: false, actor: 'bench', command: 'bench', clock: { today: '2025-12-30', now: () => new Date('2025-12-30T12:00:00Z') } });
    const req = { name: 'statement', groups: ['Г-007'], period: 'S1' };
    for (let i = 0; i < 5; i++) await renderReport(buildReports(store, req)[0].report, 'json');
    const times = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await renderReport(buildReports(store, req)[0].report, 'json');
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(times[15]);
  `);
  return Number(r.stdout.trim());
}

export function benchReport() {
  console.log('report: the statement of one group, a small store against a large one');
  const small = buildStore(join(ROOT, 'bench', '.work', 'report-small'), 1_000);
  const big = buildStore(join(ROOT, 'bench', '.work', 'report-big'), BIG_STUDENTS);
  console.log(`  filled: ${small.groups} groups / ${small.marks.toLocaleString('en')} marks in ${fmt(small.fillMs)}; ${big.groups} groups / ${big.marks.toLocaleString('en')} marks in ${fmt(big.fillMs)}`);
  const args = ['report', 'statement', '--group', 'Г-007', '--period', 'S1', '--json'];
  const [cliSmall, cliBig] = [medianTime(process.execPath, [BIN, ...args], 9, { env: small.env }), medianTime(process.execPath, [BIN, ...args], 9, { env: big.env })];
  const [inSmall, inBig] = [builderTime(small.db), builderTime(big.db)];
  console.log(`  CLI (whole run, median of 9):  1,000 students ${fmt(cliSmall)}; ${BIG_STUDENTS.toLocaleString('en')} students ${fmt(cliBig)}; ratio ${(cliBig / cliSmall).toFixed(2)}`);
  console.log(`  builder (in-process, median):  1,000 students ${fmt(inSmall)}; ${BIG_STUDENTS.toLocaleString('en')} students ${fmt(inBig)}; ratio ${(inBig / inSmall).toFixed(2)} (target ≤ 1.5)`);

  const out = join(ROOT, 'bench', '.work', 'report-out');
  for (const format of ['json', 'pdf']) {
    rmSync(out, { recursive: true, force: true });
    const run = timeRun(process.execPath, [BIN, 'report', 'statement', '--all', '--period', 'S1', '--format', format, '--out', `${out}/`], { env: big.env });
    console.log(`  report statement --all (${CURRENT_GROUPS} groups, ${format}): ${fmt(run.ms)}, ${fmt(run.ms / CURRENT_GROUPS)} per group`);
  }
}
