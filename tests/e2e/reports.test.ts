import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ROOT, Sandbox } from './harness.js';

const F = (name: string) => join(ROOT, 'fixtures', name);
const POPOV = 'Попов Дмитрий Валерьевич';
const VASILYEV_T = 'Васильев Игорь Олегович';

/**
 * ИС-24 (course 2, so S1 is the curriculum's semester 3) with its eight students from
 * fixtures/enrolment.csv, and marks and absences chosen so every figure can be worked out by
 * hand (see the tables in the tests).
 */
function college(): Sandbox {
  const s = new Sandbox({ REGISTRAR_TODAY: '2025-10-07' }).init();
  s.ok(['org', 'set', '--director', 'Кузнецова Ольга Викторовна']);
  s.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
  s.ok(['program', 'add', '15.02.16', 'Технология машиностроения', '--duration', '3г10м']);
  s.ok(['plan', 'import', F('plan.csv')]);
  s.ok(['staff', 'import', F('staff.csv')]);
  s.ok(['group', 'create', 'ИС-24', '--program', '09.02.07', '--course', '2', '--curator', VASILYEV_T]);
  s.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1']);
  s.ok(['student', 'import', F('enrolment.csv'), '--order-no', '12-к', '--order-date', '2025-08-25', '--skip-invalid']);
  const lesson = (subject: string, date: string, hours: string, teacher: string) =>
    s.ok(['journal', 'lesson', 'add', '--group', 'ИС-24', '--subject', subject, '--date', date, '--hours', hours, '--teacher', teacher, '--topic', 'Тема']);
  lesson('ОП.01', '2025-09-29', '2', POPOV);
  lesson('ОП.01', '2025-09-30', '4', POPOV);
  lesson('ЕН.02', '2025-10-01', '2', VASILYEV_T);
  lesson('ЕН.02', '2025-10-06', '2', VASILYEV_T);
  lesson('ОП.04', '2025-10-06', '2', POPOV);
  const absent = (subject: string, date: string, student: string, code: string) =>
    s.ok(['journal', 'absence', 'set', '--group', 'ИС-24', '--subject', subject, '--date', date, '--student', student, '--code', code]);
  absent('ОП.01', '2025-09-29', 'Васильев Лев Геннадьевич', 'Б');
  absent('ОП.01', '2025-09-30', 'Васильев Лев Геннадьевич', 'УП');
  absent('ОП.01', '2025-09-29', 'Волкова Дарья Геннадьевна', 'НП');
  absent('ЕН.02', '2025-10-01', 'Волкова Дарья Геннадьевна', 'ОТ');
  absent('ЕН.02', '2025-10-06', 'Волкова Дарья Геннадьевна', 'Б');
  absent('ОП.01', '2025-09-29', 'Григорьев Тимофей Андреевич', 'ОП');
  absent('ОП.01', '2025-09-30', 'Григорьев Тимофей Андреевич', 'ОСВ');
  // Period marks: student × (ЕН.02 экзамен, ОП.01 дифзачёт, ОП.04 no form in semester 3).
  const marks: [string, string, string, string][] = [
    ['Васильев Лев Геннадьевич', '5', '5', '5'], // отличник
    ['Волкова Дарья Геннадьевна', '5', '4', '5'], // хорошист
    ['Григорьев Тимофей Андреевич', '3', '4', '5'], // one 3
    ['Егоров Никита Борисович', '3', '3', '4'], // positive, two 3s
    ['Ильин Роман Викторович', '2', '4', '4'], // неуспевающий
    ['Ларионова Ирина Сергеевна', 'н/а', '5', '5'], // not assessed
    ['Петрова Жанна Сергеевна', '4', '4', '4'], // хорошист
    ['Родионова Ирина Сергеевна', 'осв', 'осв', 'осв'], // released from all: not counted
  ];
  const file = s.path('grades.csv');
  const subjects = ['ЕН.02', 'ОП.01', 'ОП.04'];
  writeFileSync(file, ['Группа;Предмет;Обучающийся;Период;Оценка', ...marks.flatMap(([name, ...m]) => m.map((v, i) => `ИС-24;${subjects[i]};${name};S1;${v}`))].join('\n') + '\n');
  s.ok(['grades', 'import', file]);
  return s;
}

let sb: Sandbox;
beforeAll(() => {
  sb = college();
}, 120_000);
afterAll(() => sb?.cleanup());

describe('report statement', () => {
  it('gives the averages, the counts and both rates a hand calculation gives', () => {
    const r = sb.ok(['report', 'statement', '--group', 'ИС-24', '--period', 'S1', '--json']).json();
    expect(r.group).toBe('ИС-24');
    expect(r.period).toBe('1 семестр 2025/2026');
    // Grouped as on paper: examinations, graded credits, then the rest.
    expect(r.subjects.map((s: any) => [s.code, s.band])).toEqual([['ЕН.02', 'exam'], ['ОП.01', 'diff'], ['ОП.04', 'other']]);
    const byName = Object.fromEntries(r.students.map((s: any) => [s.name, s]));
    expect(byName['Волкова Дарья Геннадьевна'].marks).toEqual({ 'ЕН.02': '5', 'ОП.01': '4', 'ОП.04': '5' });
    // (5 + 4 + 5) / 3 = 4.666… → 4.67; н/а and осв are no points.
    expect(byName['Волкова Дарья Геннадьевна'].average).toBe(4.67);
    expect(byName['Егоров Никита Борисович'].average).toBe(3.33);
    expect(byName['Ларионова Ирина Сергеевна'].average).toBe(5);
    expect(byName['Родионова Ирина Сергеевна'].average).toBeNull();
    // N = 7 (Родионова is released from everything); successful: Васильев, Волкова, Григорьев,
    // Егоров, Петрова = 5 → 5 × 100 / 7 = 71.4; quality: Васильев, Волкова, Петрова = 3 → 42.9.
    expect(r.summary).toEqual({ students: 7, successful: 5, successRate: 71.4, qualityRate: 42.9, excellent: 1, good: 2, withOneThree: 1, failing: 1, notAssessed: 1 });
    // ЕН.02 over the 7 counted: 5 5 3 3 2 н/а 4.
    expect(r.counts['ЕН.02']).toMatchObject({ '5': 2, '4': 1, '3': 2, '2': 1, 'н/а': 1, successRate: 71.4, qualityRate: 42.9 });
    expect(r.counts['ОП.01']).toMatchObject({ '5': 2, '4': 4, '3': 1, '2': 0, 'н/а': 0, successRate: 100, qualityRate: 85.7 });
  });

  it('attendance: missed hours by code as worked out by hand, and by month', () => {
    const r = sb.ok(['report', 'attendance', '--group', 'ИС-24', '--period', 'S1', '--by', 'month', '--json']).json();
    const byName = Object.fromEntries(r.students.map((s: any) => [s.name, s]));
    // Б 2 h + УП 4 h.
    expect(byName['Васильев Лев Геннадьевич']).toMatchObject({ missedHours: 6, illnessHours: 2, excusedHours: 4, unexcusedHours: 0, lateCount: 0 });
    // НП 2 h + ОТ 2 h (no reason yet: unexcused) + Б 2 h.
    expect(byName['Волкова Дарья Геннадьевна']).toMatchObject({ missedHours: 6, illnessHours: 2, excusedHours: 0, unexcusedHours: 4, lateCount: 0, byMonth: { '2025-09': 2, '2025-10': 4 } });
    // ОП is a late arrival; ОСВ is left out.
    expect(byName['Григорьев Тимофей Андреевич']).toMatchObject({ missedHours: 0, lateCount: 1 });
    expect(r.total).toEqual({ missedHours: 12, illnessHours: 4, excusedHours: 4, unexcusedHours: 4, lateCount: 1 });
  });

  it('progress, teacher, curator, letter and activity are made for the group', () => {
    const p = sb.ok(['report', 'progress', '--group', 'ИС-24', '--period', 'S1', '--json']).json();
    expect(p.groups[0]).toMatchObject({ group: 'ИС-24', students: 7, successRate: 71.4, qualityRate: 42.9 });
    const teacher = sb.ok(['report', 'teacher', '--group', 'ИС-24', '--period', 'S1', '--json']).json();
    const op01 = teacher.rows.find((r: any) => r.subject === 'ОП.01');
    expect(op01).toMatchObject({ teacher: POPOV, group: 'ИС-24', lessons: 2, hours: 6, counts: { '5': 2, '4': 4, '3': 1 } });
    const curator = sb.ok(['report', 'curator', '--group', 'ИС-24', '--period', 'S1', '--json']).json();
    expect(curator.curator).toBe(VASILYEV_T);
    expect(curator.statement.summary.successRate).toBe(71.4);
    const letters = sb.ok(['report', 'letter', '--group', 'ИС-24', '--period', 'S1', '--json']).json();
    expect(letters.letters).toHaveLength(8);
    // Written to a file, the letters are counted as documents, not as the rows they have none of.
    const written = sb.run(['report', 'letter', '--group', 'ИС-24', '--period', 'S1', '--format', 'pdf', '--out', sb.path('letters.pdf'), '--force']);
    expect(written.stdout).toContain('letters.pdf: 8 document(s) written.');
    expect(sb.ok(['report', 'letter', '--group', 'ИС-24', '--period', 'S1', '--format', 'html', '--out', sb.path('letters.html'), '--force', '--json']).json()).toMatchObject({ rows: 0, parts: 8 });
    expect(letters.letters.find((l: any) => l.student === 'Волкова Дарья Геннадьевна')).toMatchObject({ missedHours: 6, unexcusedHours: 4, curator: VASILYEV_T });
    const activity = sb.ok(['report', 'activity', '--from', '2025-09-01', '--to', '2025-10-31', '--json']).json();
    expect(activity.actors[0]).toMatchObject({ actor: 'tester' });
    expect(activity.actors[0].byKind['lesson.create']).toBe(5);
    // Marks are none here: topics were entered with every lesson.
    expect(activity.teachers.find((t: any) => t.teacher === POPOV)).toMatchObject({ lessons: 3, topicsFilled: 3 });
  });

  it('the XLSX opens with Cyrillic, title rows, typed numbers, the footer and signature lines', () => {
    sb.ok(['--lang', 'ru', 'report', 'statement', '--group', 'ИС-24', '--period', 'S1', '--out', 'st.xlsx', '--force']);
    const wb = XLSX.read(readFileSync(sb.path('st.xlsx')));
    const ws = wb.Sheets[wb.SheetNames[0]];
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, blankrows: false, raw: true });
    expect(rows[0]).toEqual(['ГБПОУ «Тестовый техникум»']);
    expect(rows[1]).toEqual(['Сводная ведомость учёта успеваемости']);
    expect(rows.flat()).toContain('Группа: ИС-24');
    expect(rows.flat()).toContain('Экзамены');
    const volkova = rows.find((r) => r.includes('Волкова Дарья Геннадьевна'))!;
    expect(volkova).toContain(4.67);
    expect(rows.find((r) => r.includes('Успеваемость, %'))).toContain(71.4);
    expect(rows.flat().some((c) => String(c).startsWith('Директор Кузнецова Ольга Викторовна'))).toBe(true);
    expect(rows.flat().some((c) => String(c).startsWith('Куратор Васильев Игорь Олегович'))).toBe(true);
    expect(wb.Workbook?.Names?.some((n) => n.Name === '_xlnm.Print_Titles')).toBe(true);
  });
});

describe('a closed period', () => {
  it('gives the same bytes in every format, dated by the closing date; verify says whether the archive still matches', () => {
    const s = college();
    try {
      s.ok(['period', 'close', 'S1', '--force']);
      const formats = ['csv', 'json', 'xlsx', 'html', 'pdf'];
      for (const [dir, today] of [['a', '2025-10-07'], ['b', '2026-02-01']]) {
        for (const format of formats) s.ok(['--lang', 'ru', 'report', 'statement', '--all', '--period', 'S1', '--format', format, '--out', `${dir}/`], { env: { REGISTRAR_TODAY: today } });
        s.ok(['--lang', 'ru', 'report', 'attendance', '--group', 'ИС-24', '--period', 'S1', '--format', 'pdf', '--out', `${dir}/att.pdf`], { env: { REGISTRAR_TODAY: today } });
      }
      const files = readdirSync(s.path('a')).sort();
      expect(files).toContain('statement_ИС-24_2025-2026_S1.pdf');
      expect(files).toContain('statement_ИС-25_2025-2026_S1.xlsx');
      expect(files).toHaveLength(2 * formats.length + 1);
      for (const f of files) {
        expect([f, readFileSync(s.path(`b/${f}`)).equals(readFileSync(s.path(`a/${f}`)))]).toEqual([f, true]);
        expect(statSync(s.path(`a/${f}`)).mode & 0o777).toBe(0o600);
      }
      const html = readFileSync(s.path('a/statement_ИС-24_2025-2026_S1.html'), 'utf8');
      expect(html).toContain('Дата составления: 07.10.2025');
      expect(html).toContain('<svg');
      expect(html).toContain('size: A4 landscape');
      const pdf = readFileSync(s.path('a/statement_ИС-24_2025-2026_S1.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/DejaVuSansCondensed/);

      const archived = s.path('a/statement_ИС-24_2025-2026_S1.pdf');
      expect(s.ok(['report', 'verify', archived, '--json']).json()).toMatchObject({ matches: true, format: 'pdf', report: { name: 'statement', groups: ['ИС-24'] } });
      expect(s.run(['report', 'verify', s.path('a/statement_ИС-24_2025-2026_S1.xlsx')]).code).toBe(0);
      // Reopen, change one mark, close again: the archived copy no longer matches (exit 4).
      s.ok(['period', 'reopen', 'S1', '--reason', 'исправление оценки', '--yes']);
      s.ok(['grades', 'set', '--group', 'ИС-24', '--subject', 'ОП.01', '--period', 'S1', '--student', 'Егоров Никита Борисович', '--mark', '4']);
      s.ok(['period', 'close', 'S1', '--force']);
      const changed = s.run(['report', 'verify', archived]);
      expect(changed.code).toBe(4);
      expect(changed.stderr).toMatch(/no longer matches/);
      const missing = s.run(['report', 'verify', 'nonexistent.pdf']);
      expect(missing.code).toBe(3);
      expect(missing.stderr).toBe('registrar: File not found: nonexistent.pdf\n');
    } finally {
      s.cleanup();
    }
  }, 180_000);
});

describe('under cron', () => {
  it('--all --out DIR prints plain lines and exits 0; a missing group or period exits 3 with a clear message', () => {
    const r = sb.ok(['report', 'attendance', '--all', '--period', 'S1', '--format', 'html', '--out', 'cron/']);
    expect(r.stdout + r.stderr).not.toMatch(/\u001b\[/);
    expect(r.stderr).toMatch(/attendance_ИС-24_2025-2026_S1\.html: written/);
    // Again: the same files are left as they are (exit 0, no --force needed).
    expect(sb.ok(['report', 'attendance', '--all', '--period', 'S1', '--format', 'html', '--out', 'cron/']).stderr).toMatch(/unchanged/);
    const noGroup = sb.run(['report', 'statement', '--group', 'ИС-99', '--period', 'S1', '--format', 'pdf', '--out', 'cron/']);
    expect(noGroup.code).toBe(3);
    expect(noGroup.stderr).toMatch(/ИС-99/);
    // A period and dates at once: refused (exit 2) rather than the dates ignored.
    const both = sb.run(['report', 'attendance', '--group', 'ИС-24', '--period', 'S1', '--from', '2025-10-01', '--to', '2025-10-05', '--json']);
    expect(both.code).toBe(2);
    expect(JSON.parse(both.stderr).error.message).toContain("option '--from <date>' cannot be used with option '--period <period>'");
    const noPeriod = sb.run(['report', 'statement', '--all', '--period', 'S9', '--format', 'pdf', '--out', 'cron/']);
    expect(noPeriod.code).toBe(3);
    expect(noPeriod.stderr).toMatch(/S9/);
    expect(sb.run(['report', 'statement', '--period', 'S1']).code).toBe(2);
    // A format the file's name contradicts: refused before anything is written.
    const mismatch = sb.run(['report', 'statement', '--group', 'ИС-24', '--period', 'S1', '--format', 'csv', '--out', 'statement.xlsx']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('--out statement.xlsx: the name says xlsx, --format says csv');
    expect(readdirSync(sb.dir)).not.toContain('statement.xlsx');
  });
});

describe('one file per group, all or none', () => {
  it('groups whose names make the same file name get one file each; --json is one array, other formats need a directory; a file name as --out is refused', () => {
    const s = new Sandbox({ REGISTRAR_TODAY: '2025-10-07' }).init();
    try {
      s.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
      for (const name of ['ИС-25', 'ИС/25', 'ИС 25', 'ОП-1']) s.ok(['group', 'create', name, '--program', '09.02.07', '--course', '1']);
      const ids = new Map(s.ok(['group', 'list', '--json']).json().map((g: { id: number; name: string }) => [g.name, g.id]));
      s.ok(['report', 'statement', '--all', '--period', 'S1', '--format', 'json', '--out', 'o/']);
      // Three names that are one file name each carry their group's id; a name no other shares stays as it is.
      const files = readdirSync(s.path('o')).sort();
      expect(files).toEqual(
        [...['ИС-25', 'ИС/25', 'ИС 25'].map((g) => `statement_ИС-25_id${ids.get(g)}_2025-2026_S1.json`), 'statement_ОП-1_2025-2026_S1.json'].sort(),
      );
      for (const g of ['ИС-25', 'ИС/25', 'ИС 25']) expect(JSON.parse(readFileSync(join(s.path('o'), `statement_ИС-25_id${ids.get(g)}_2025-2026_S1.json`), 'utf8')).group).toBe(g);

      const json = s.ok(['report', 'statement', '--all', '--period', 'S1', '--json']);
      expect(JSON.parse(json.stdout)).toHaveLength(4);
      // In another format several reports are several files: not one stream on stdout.
      for (const out of [[], ['--out', '-']]) {
        const stream = s.run(['report', 'statement', '--all', '--period', 'S1', '--format', 'csv', ...out]);
        expect(stream.code).toBe(2);
        expect(stream.stdout).toBe('');
        expect(stream.stderr).toContain('4 reports, one per group, cannot go to stdout as csv: give a directory (--out reports/)');
      }

      const file = s.run(['report', 'statement', '--all', '--period', 'S1', '--format', 'csv', '--out', 'p/statements.csv']);
      expect(file.code).toBe(2);
      expect(file.stderr).toContain('--out p/statements.csv names a file, but 4 reports are written one file each');
      expect(readdirSync(s.dir)).not.toContain('p');
    } finally {
      s.cleanup();
    }
  });

  it('one file that is there and differs stops the run before any file is written; --force writes them all', () => {
    const s = new Sandbox({ REGISTRAR_TODAY: '2025-10-07' }).init();
    try {
      s.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
      for (const name of ['ИС-24', 'ИС-25', 'ИС-26']) s.ok(['group', 'create', name, '--program', '09.02.07', '--course', '1']);
      mkdirSync(s.path('o'));
      writeFileSync(join(s.path('o'), 'statement_ИС-25_2025-2026_S1.csv'), 'an older statement\n');
      const refused = s.run(['report', 'statement', '--all', '--period', 'S1', '--format', 'csv', '--out', 'o/']);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain('statement_ИС-25_2025-2026_S1.csv already exists; use --force');
      // Nothing else was written, not even under a temporary name.
      expect(readdirSync(s.path('o'))).toEqual(['statement_ИС-25_2025-2026_S1.csv']);
      expect(readFileSync(join(s.path('o'), 'statement_ИС-25_2025-2026_S1.csv'), 'utf8')).toBe('an older statement\n');
      s.ok(['report', 'statement', '--all', '--period', 'S1', '--format', 'csv', '--out', 'o/', '--force']);
      expect(readdirSync(s.path('o')).sort()).toEqual(['ИС-24', 'ИС-25', 'ИС-26'].map((g) => `statement_${g}_2025-2026_S1.csv`));
      expect(readFileSync(join(s.path('o'), 'statement_ИС-25_2025-2026_S1.csv'), 'utf8')).toMatch(/^№,/);
    } finally {
      s.cleanup();
    }
  });
});
