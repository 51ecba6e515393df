import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/io/writeTable.js';
import { query, Sandbox } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const TEACHER = 'Новикова Мария Андреевна';
const LEBEDEV = 'Лебедев Даниил Геннадьевич';
const BELOVA = '100-315-835 87'; // a СНИЛС of ИС-25 in fixtures/enrolment.csv

/** A college with both programs, the curriculum, staff, ИС-25 and its students. */
function college(): Sandbox {
  const s = new Sandbox().college([['ИС-25', '1'], ['ИС-24', '2']]);
  return s;
}

const SNAPSHOT = "SELECT 'mark' AS t, lesson_id, student_id, value, entered_at FROM mark UNION ALL SELECT 'att', lesson_id, student_id, code, entered_at FROM attendance UNION ALL SELECT 'grade', subject_id, student_id, value, entered_at FROM grade UNION ALL SELECT 'lesson', id, number, topic, entered_at FROM lesson";

async function counts(db: string) {
  return (await query<{ l: number; m: number; a: number; g: number; c: number }>(
    db,
    'SELECT (SELECT count(*) FROM lesson) AS l, (SELECT count(*) FROM mark) AS m, (SELECT count(*) FROM attendance) AS a, (SELECT count(*) FROM grade) AS g, (SELECT count(*) FROM coursework) AS c',
  ))[0];
}

function csv(sb: Sandbox, name: string, lines: string[]): string {
  const path = sb.path(name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('journal import', () => {
  it('lessons: all or nothing, every bad row named by its number; --skip-invalid takes the good ones', async () => {
    sb = college();
    const file = csv(sb, 'lessons.csv', [
      'Дата;Группа;Предмет;Преподаватель;Часы;Тема;Домашнее задание',
      `22.09.2025;ИС-25;ОУД.04;${TEACHER};2;Числа;№ 1`,
      `04.11.2025;ИС-25;ОУД.04;${TEACHER};2;Праздник;`,
      `23.09.2025;ИС-25;ОУД.04;Никто Никакой;2;Тема;`,
      `24.09.2025;ИС-25;Астрология;${TEACHER};2;Тема;`,
      `25.09.2025;ИС-25;ОУД.04;${TEACHER};2;Корни;`,
      `28.09.2025;ИС-25;ОУД.04;${TEACHER};2;Воскресенье;`,
      `01.08.2025;ИС-25;ОУД.04;${TEACHER};2;Лето;`,
    ]);
    const r = sb.run(['journal', 'import', file, '--kind', 'lessons']);
    expect(r.code).toBe(3);
    for (const row of [3, 4, 5, 7, 8]) expect(r.stderr).toContain(`row ${row}`);
    expect(r.stderr).not.toContain('row 2,');
    expect(r.stderr).toMatch(/day off/);
    expect((await counts(sb.db)).l).toBe(0);

    const ok = sb.ok(['journal', 'import', file, '--kind', 'lessons', '--skip-invalid', '--json']).json();
    expect(ok.lessons.created).toBe(2);
    expect(ok.rejected.length).toBe(5);
    const lessons = await query<{ topic: string; entered_by: string; topic_entered_at: string }>(sb.db, 'SELECT topic, entered_by, topic_entered_at FROM lesson ORDER BY date');
    expect(lessons.map((l) => l.topic)).toEqual(['Числа', 'Корни']);
    expect(lessons[0].entered_by).toBe('tester');
    expect(lessons[0].topic_entered_at).toMatch(/^2025-10-01T/);
    // Importing the same file again changes nothing.
    expect(sb.ok(['journal', 'import', file, '--kind', 'lessons', '--skip-invalid', '--json']).json().lessons).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it('a row repeating another unnumbered lesson of the day is the next lesson, and the user is told', async () => {
    sb = college();
    const file = csv(sb, 'twice.csv', [
      'Дата;Группа;Предмет;Преподаватель;Часы;Тема',
      `22.09.2025;ИС-25;ОУД.04;${TEACHER};2;Числа`,
      `22.09.2025;ИС-25;ОУД.04;${TEACHER};2;Числа`,
      `22.09.2025;ИС-25;ОУД.04;${TEACHER};2;Корни`,
    ]);
    const r = sb.run(['journal', 'import', file, '--kind', 'lessons']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('row 3 repeats row 2 (teacher, hours, topic and homework): imported as lesson 2 of 22.09.2025.');
    // A lesson of the same day with another topic is a lesson of its own, not a repeat.
    expect(r.stderr).not.toContain('row 4');
    expect(await query(sb.db, 'SELECT number, topic FROM lesson ORDER BY number')).toEqual([
      { number: 1, topic: 'Числа' },
      { number: 2, topic: 'Числа' },
      { number: 3, topic: 'Корни' },
    ]);
  });

  it('a `;` file under a title holding a comma: the delimiter is `;`, the header is found under the title', async () => {
    sb = college();
    const file = csv(sb, 'les.csv', [
      'Журнал ИС-25, сентябрь',
      'Дата;Группа;Предмет;Преподаватель;Часы;Тема;Домашнее задание',
      `22.09.2025;ИС-25;ОУД.04;${TEACHER};2;Введение;§ 1`,
    ]);
    const r = sb.ok(['journal', 'import', file, '--kind', 'lessons', '--json']).json();
    expect(r.lessons).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await query(sb.db, 'SELECT date, hours, topic, homework FROM lesson')).toEqual([{ date: '2025-09-22', hours: 2, topic: 'Введение', homework: '§ 1' }]);
  });

  it('marks and attendance: scale, membership, a mark beside an absence; all or nothing', async () => {
    sb = college();
    sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-22', '--teacher', TEACHER]);
    sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-23', '--teacher', TEACHER]);
    const att = csv(sb, 'att.csv', ['Дата;Группа;Предмет;Обучающийся;Код', `22.09.2025;ИС-25;ОУД.04;${BELOVA};н`]);
    sb.ok(['journal', 'import', att, '--kind', 'attendance']);
    const marks = csv(sb, 'marks.csv', [
      'Дата;Группа;Предмет;Обучающийся;Оценка;Вид работы',
      `22.09.2025;ИС-25;ОУД.04;${LEBEDEV};5;устный ответ`,
      `22.09.2025;ИС-25;ОУД.04;${BELOVA};4;`,
      `22.09.2025;ИС-25;ОУД.04;${LEBEDEV};6;контрольная работа`,
      `22.09.2025;ИС-25;ОУД.04;Иванов Пётр Петрович;5;`,
      `24.09.2025;ИС-25;ОУД.04;${LEBEDEV};5;`,
      `23.09.2025;ИС-25;ОУД.04;${LEBEDEV};зачёт;рисование`,
    ]);
    const r = sb.run(['journal', 'import', marks, '--kind', 'marks']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/row 3.*absent/);
    expect(r.stderr).toMatch(/row 4.*not a mark/);
    expect(r.stderr).toMatch(/row 5.*no student/);
    expect(r.stderr).toMatch(/row 6.*no lesson/);
    expect(r.stderr).toMatch(/row 7.*work type/);
    expect((await counts(sb.db)).m).toBe(0);
    // A dry run counts as the import does, and writes nothing.
    const before = await query(sb.db, SNAPSHOT);
    expect(sb.ok(['journal', 'import', marks, '--kind', 'marks', '--skip-invalid', '--dry-run', '--json']).json()).toMatchObject({ dryRun: true, marks: { created: 1, updated: 0, unchanged: 0 } });
    expect(await query(sb.db, SNAPSHOT)).toEqual(before);
    const ok = sb.ok(['journal', 'import', marks, '--kind', 'marks', '--skip-invalid', '--json']).json();
    expect(ok.marks.created).toBe(1);
    // The same file again: the dry run says nothing would change, and the import changes nothing, not even the log.
    expect(sb.ok(['journal', 'import', marks, '--kind', 'marks', '--skip-invalid', '--dry-run', '--json']).json().marks).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const records = sb.ok(['log', '--json']).json().length;
    expect(sb.ok(['journal', 'import', marks, '--kind', 'marks', '--skip-invalid', '--json']).json().marks).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(sb.ok(['log', '--json']).json()).toHaveLength(records);
    const [mark] = await query<{ value: string; entered_by: string; entered_at: string }>(sb.db, 'SELECT value, entered_by, entered_at FROM mark');
    expect(mark).toMatchObject({ value: '5', entered_by: 'tester' });
    // the curator turns ОТ into Б
    sb.ok(['journal', 'reason', 'set', '--group', 'ИС-25', '--student', BELOVA, '--date', '22.09.2025', '--code', 'Б']);
    const [a] = await query<{ code: string; reason_set_by: string }>(sb.db, 'SELECT code, reason_set_by FROM attendance');
    expect(a).toEqual({ code: 'Б', reason_set_by: 'tester' });
  });

  it('a grid workbook: one sheet per group and subject, bad cells named by address', async () => {
    sb = college();
    for (const d of ['2025-09-22', '2025-09-23']) sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', d, '--teacher', TEACHER]);
    const grid = sb.path('grid.xlsx');
    await writeTable(grid, { name: 'ИС-25 ОУД.04', headers: ['№', 'Обучающийся', '22.09.2025', '23.09.2025'], rows: [[1, LEBEDEV, '5', 'н/Б'], [2, BELOVA, '5/н', '4']] }, { format: 'xlsx' });
    const r = sb.run(['journal', 'import', grid, '--kind', 'marks', '--layout', 'grid']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('C3');
    expect((await counts(sb.db)).m).toBe(0);
    // The rejects file is checked before any work, as for rows: never the workbook, never an existing file without --force.
    const rejects = sb.path('rejects.csv');
    writeFileSync(rejects, 'kept\n');
    const exists = sb.run(['journal', 'import', grid, '--kind', 'marks', '--layout', 'grid', '--skip-invalid', '--errors', rejects]);
    expect(exists.code).toBe(3);
    expect(exists.stderr).toContain('--force');
    expect(readFileSync(rejects, 'utf8')).toBe('kept\n');
    expect(sb.run(['journal', 'import', grid, '--kind', 'marks', '--layout', 'grid', '--skip-invalid', '--errors', grid]).code).toBe(3);
    expect((await counts(sb.db)).m).toBe(0);
    sb.ok(['journal', 'import', grid, '--kind', 'marks', '--layout', 'grid', '--skip-invalid', '--errors', rejects, '--force']);
    expect(await counts(sb.db)).toMatchObject({ m: 2, a: 1 });
    expect(readFileSync(rejects, 'utf8')).toMatch(/C3.*5\/н/);
  });
});

describe('locks', () => {
  it('the edit window: 11 days after the lesson a mark is refused (exit 4); with --override it goes in and the log keeps the reason', async () => {
    sb = college();
    sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-22', '--teacher', TEACHER]);
    const set = ['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-22', '--student', LEBEDEV, '--mark', '4'];
    const late = { env: { REGISTRAR_TODAY: '2025-10-03' } };
    const r = sb.run(set, late);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('edit window');
    expect(r.stderr).toContain('02.10.2025');
    expect((await counts(sb.db)).m).toBe(0);
    sb.ok([...set, '--override', 'ошибка ввода, служебная записка № 7'], late);
    expect((await counts(sb.db)).m).toBe(1);
    const log = sb.ok(['log', '--limit', '3'], late);
    expect(log.stdout).toContain('служебная записка № 7');
    const [audit] = await query<{ after: string }>(sb.db, "SELECT after FROM audit WHERE entity = 'mark' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(audit.after)).toMatchObject({ override: 'ошибка ввода, служебная записка № 7', overridden: [{ rule: 'edit_window', passed: '2025-10-02' }] });
  });

  it('a lesson may be planned ahead, but its marks and absences wait for its day', async () => {
    sb = college();
    // Today is 01.10.2025: the lesson of 06.10 is planned with its topic.
    sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-10-06', '--teacher', TEACHER, '--topic', 'Контрольная']);
    const before = await counts(sb.db);
    for (const args of [['mark', 'set', '--mark', '5'], ['absence', 'set']]) {
      const r = sb.run(['journal', args[0], args[1], '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-10-06', '--student', LEBEDEV, ...args.slice(2)]);
      expect(r.code, args.join(' ')).toBe(4);
      expect(r.stderr).toContain('the lesson of 06.10.2025 has not taken place yet (today is 01.10.2025)');
    }
    const marks = csv(sb, 'm.csv', ['Дата;Группа;Предмет;Обучающийся;Оценка', `06.10.2025;ИС-25;ОУД.04;${LEBEDEV};5`]);
    const imported = sb.run(['journal', 'import', marks, '--kind', 'marks']);
    expect(imported.code).toBe(3);
    expect(imported.stderr).toContain('row 2, Дата «06.10.2025»: the lesson of 06.10.2025 has not taken place yet');
    expect(await counts(sb.db)).toEqual(before);
    // On its day it takes them.
    sb.ok(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-10-06', '--student', LEBEDEV, '--mark', '5'], { env: { REGISTRAR_TODAY: '2025-10-06' } });
    // A mark and --clear at once, or neither, is a usage mistake (exit 2), not a mark «» refused.
    const lesson = ['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-10-06', '--student', LEBEDEV];
    const both = sb.run([...lesson, '--mark', '4', '--clear'], { env: { REGISTRAR_TODAY: '2025-10-06' } });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--clear' cannot be used with option '--mark <mark>'");
    const neither = sb.run(lesson, { env: { REGISTRAR_TODAY: '2025-10-06' } });
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Give the mark (--mark 5) or --clear to remove one.');
  });

  it('a closed period refuses every journal write path and its calendar with exit 4, and leaves them as they were', async () => {
    sb = college();
    sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-22', '--teacher', TEACHER, '--topic', 'Числа']);
    sb.ok(['journal', 'absence', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-22', '--student', BELOVA]);
    sb.ok(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-22', '--student', LEBEDEV, '--mark', '5']);
    sb.ok(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', LEBEDEV, '--mark', '5']);
    sb.ok(['period', 'close', 'S1', '--force']);
    const before = await counts(sb.db);
    const snapshot = await query(sb.db, SNAPSHOT);
    const lessons = csv(sb, 'l.csv', ['Дата;Группа;Предмет;Преподаватель', `23.09.2025;ИС-25;ОУД.04;${TEACHER}`]);
    const marks = csv(sb, 'm.csv', ['Дата;Группа;Предмет;Обучающийся;Оценка', `22.09.2025;ИС-25;ОУД.04;${LEBEDEV};3`]);
    const att = csv(sb, 'a.csv', ['Дата;Группа;Предмет;Обучающийся;Код', `22.09.2025;ИС-25;ОУД.04;${LEBEDEV};ОП`]);
    const grades = csv(sb, 'g.csv', ['Группа;Предмет;Обучающийся;Оценка', `ИС-25;ОУД.04;${BELOVA};4`]);
    const works = csv(sb, 'c.csv', ['Группа;Предмет;Обучающийся;Тема;Дата утверждения', `ИС-25;ОУД.04;${LEBEDEV};Тема;01.10.2025`]);
    const lesson = ['--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-22'];
    const paths = [
      ['journal', 'lesson', 'add', ...lesson, '--number', '1', '--teacher', TEACHER, '--topic', 'Другая'],
      ['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '2025-09-23', '--teacher', TEACHER],
      ['journal', 'mark', 'set', ...lesson, '--student', LEBEDEV, '--mark', '3'],
      ['journal', 'mark', 'set', ...lesson, '--student', LEBEDEV, '--mark', '3', '--override', 'очень надо'],
      ['journal', 'mark', 'set', ...lesson, '--student', LEBEDEV, '--clear'],
      ['journal', 'absence', 'set', ...lesson, '--student', BELOVA, '--code', 'ОП'],
      ['journal', 'absence', 'set', ...lesson, '--student', BELOVA, '--clear', '--override', 'очень надо'],
      ['journal', 'reason', 'set', '--group', 'ИС-25', '--student', BELOVA, '--date', '2025-09-22', '--code', 'Б'],
      ['journal', 'import', lessons, '--kind', 'lessons'],
      ['journal', 'import', marks, '--kind', 'marks'],
      ['journal', 'import', att, '--kind', 'attendance'],
      ['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', LEBEDEV, '--mark', '4', '--override', 'x'],
      ['grades', 'fill', '--group', 'ИС-25', '--period', 'S1'],
      ['grades', 'import', grades, '--period', 'S1'],
      ['coursework', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--student', LEBEDEV, '--topic', 'Тема', '--approved', '2025-10-01'],
      ['coursework', 'import', works],
      // Its calendar too: a day added or a holiday made a working day would change its lessons' count.
      ['calendar', 'holiday', 'add', '2025-09-24', '--name', 'День колледжа'],
      ['calendar', 'holiday', 'remove', '2025-11-04'],
    ];
    for (const args of paths) {
      const r = sb.run(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(4);
      expect(r.stderr, args.join(' ')).toMatch(/closed period/);
    }
    expect(await counts(sb.db)).toEqual(before);
    expect(await query(sb.db, SNAPSHOT)).toEqual(snapshot);
    expect(await query(sb.db, 'SELECT * FROM calendar_day')).toEqual([]);
  });
});

describe('closing a period', () => {
  it('lists what is missing and refuses without --force; with it, closes and says what was missing', async () => {
    sb = college();
    sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '22.09.2025', '--teacher', TEACHER]);
    const refused = sb.run(['period', 'close', 'S1'], { env: { REGISTRAR_TODAY: '2025-12-30' } });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('ИС-25, ОУД.04, 22.09.2025 № 1: no topic');
    expect(refused.stderr).toMatch(/ИС-25, ОУД\.04: \d+ student\(s\) without a period mark/);
    expect((await query<{ status: string }>(sb.db, "SELECT status FROM period WHERE code = 'S1'"))[0].status).toBe('open');

    const forced = sb.run(['period', 'close', 'S1', '--force'], { env: { REGISTRAR_TODAY: '2025-12-30' } });
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('no topic');
    expect((await query<{ status: string }>(sb.db, "SELECT status FROM period WHERE code = 'S1'"))[0].status).toBe('closed');
  });

  it('refuses a movement order dated inside the closed period (exit 4), and takes it after period reopen', async () => {
    sb = college();
    sb.ok(['period', 'close', 'S1', '--force']);
    const orders = async () => (await query<{ n: number }>(sb.db, 'SELECT count(*) AS n FROM "order"'))[0].n;
    const before = await orders();
    const transfer = ['order', 'transfer', '--order-no', '50-к', '--order-date', '15.10.2025', '--group', 'ИС-24', LEBEDEV];
    const refused = sb.run([...transfer, '--json']);
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stderr).error.code).toBe('lock_period_closed');
    expect(await orders()).toBe(before);

    sb.ok(['period', 'reopen', 'S1', '--reason', 'перевод задним числом по приказу директора']);
    sb.ok(transfer);
    expect(await orders()).toBe(before + 1);
  });
});

describe('group names that look the same', () => {
  it('are one group: a Latin C or a non-breaking hyphen finds ИС-25 in an import, and cannot make a second ИС-25; a student\'s name too', async () => {
    sb = college();
    const lessons = csv(sb, 'l.csv', ['Дата;Группа;Предмет;Преподаватель', `22.09.2025;ИC-25;ОУД.04;${TEACHER}`, `23.09.2025;ИС\u201125;ОУД.04;${TEACHER}`]);
    expect(sb.ok(['journal', 'import', lessons, '--kind', 'lessons', '--json']).json().lessons.created).toBe(2);
    const twin = sb.run(['group', 'create', 'ИC-25', '--program', '09.02.07', '--course', '1']);
    expect(twin.code).toBe(3);
    expect(twin.stderr).toContain('already has the group ИС-25');
    // So is a student's name typed with a Latin look-alike (Лeбедев, Latin e).
    const marks = csv(sb, 'm.csv', ['Дата;Группа;Предмет;Обучающийся;Оценка', `22.09.2025;ИС-25;ОУД.04;${LEBEDEV.replace('е', 'e')};5`]);
    expect(sb.ok(['journal', 'import', marks, '--kind', 'marks', '--json']).json().marks.created).toBe(1);
  });
});

describe('the group\'s course', () => {
  it('a lesson or a period mark of a subject from another course is refused; an exam of an earlier course\'s subject is a retake', async () => {
    sb = new Sandbox().college([['ИС-25', '1'], ['ИС-24', '2']]);
    const before = await counts(sb.db);
    const env = { env: { REGISTRAR_TODAY: '2025-10-01' } };
    const lesson = sb.run(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'МДК.01.01', '--date', '2025-09-22', '--teacher', TEACHER], env);
    expect(lesson.code).toBe(3);
    expect(lesson.stderr).toContain('МДК.01.01 is not in the curriculum of course 1, where ИС-25 is (its course(s): 2, 3).');
    const [student] = sb.ok(['student', 'list', '--group', 'ИС-25', '--json'], env).json();
    const period = sb.run(['grades', 'set', '--group', 'ИС-25', '--subject', 'МДК.01.01', '--period', 'S1', '--student', String(student.id), '--mark', '5'], env);
    expect(period.code).toBe(3);
    expect(period.stderr).toContain('МДК.01.01 is not in the curriculum of course 1');
    const later = sb.run(['grades', 'set', '--group', 'ИС-25', '--subject', 'МДК.01.01', '--kind', 'exam', '--student', String(student.id), '--mark', '5'], env);
    expect(later.code).toBe(3);
    expect(await counts(sb.db)).toEqual(before);
    // Course 2 may record an exam of a course 1 subject (a retake of its debt), not a period mark.
    const [second] = sb.ok(['student', 'list', '--group', 'ИС-24', '--json'], env).json();
    sb.ok(['grades', 'set', '--group', 'ИС-24', '--subject', 'ОУД.04', '--kind', 'exam', '--student', String(second.id), '--mark', '4'], env);
    expect(sb.run(['grades', 'set', '--group', 'ИС-24', '--subject', 'ОУД.04', '--period', 'S1', '--student', String(second.id), '--mark', '4'], env).code).toBe(3);
    expect((await counts(sb.db)).g).toBe(before.g + 1);
  });
});

describe('period marks', () => {
  const DATES = ['22.09.2025', '23.09.2025', '24.09.2025', '25.09.2025'];
  const BELOVA_NAME = 'Белова Надежда Олеговна';

  /** ИС-25 with four lessons of ОУД.04 and marks: Лебедев 5 4 4 3, Белова 5 (контрольная) and 3. */
  function marked(): Sandbox {
    const s = college();
    for (const date of DATES) s.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', date, '--teacher', TEACHER, '--topic', 'Тема']);
    ['5', '4', '4', '3'].forEach((mark, i) => s.ok(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', DATES[i], '--student', LEBEDEV, '--mark', mark]));
    s.ok(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', DATES[0], '--student', BELOVA_NAME, '--mark', '5', '--work-type', 'контрольная работа']);
    s.ok(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', DATES[1], '--student', BELOVA_NAME, '--mark', '3']);
    return s;
  }
  const suggestion = (s: Sandbox, name: string) => {
    const rows = s.ok(['grades', 'suggest', '--group', 'ИС-25', '--period', 'S1', '--subject', 'ОУД.04', '--json']).json().rows as { student: string; average: number | null; suggested: string | null }[];
    return rows.find((r) => r.student === name)!;
  };

  it('suggests by the weighted average and the thresholds, as a hand calculation says', () => {
    sb = marked();
    // (5 + 4 + 4 + 3) / 4 = 4.0 → 4; (5 + 3) / 2 = 4.0 → 4.
    expect(suggestion(sb, LEBEDEV)).toMatchObject({ average: 4, suggested: '4' });
    expect(suggestion(sb, BELOVA_NAME)).toMatchObject({ average: 4, suggested: '4' });
    // A mark keeps the weight its work type had when it was given (a closed period's averages
    // never move). From now on a test counts double: Белова's new 5 for a test on the third
    // lesson gives (5 + 3 + 5·2) / 4 = 4.5 → 5; with a 4.6 threshold for 5 → 4.
    sb.ok(['journal', 'worktype', 'set', 'контрольная работа', '--weight', '2']);
    sb.ok(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', DATES[2], '--student', BELOVA_NAME, '--mark', '5', '--work-type', 'контрольная работа']);
    expect(suggestion(sb, BELOVA_NAME)).toMatchObject({ average: 4.5, suggested: '5' });
    sb.ok(['config', 'set', 'grading.thresholds', '4.6,3.5,2.5']);
    expect(suggestion(sb, BELOVA_NAME).suggested).toBe('4');
    sb.ok(['config', 'set', 'grading.thresholds', '4.5,4.1,2.5']);
    expect(suggestion(sb, LEBEDEV).suggested).toBe('3');
  });

  it('after the period marks\' window, fill and import take an --override reason, which the audit keeps', async () => {
    sb = marked();
    const late = { env: { REGISTRAR_TODAY: '2026-03-02' } };
    const refused = sb.run(['grades', 'fill', '--group', 'ИС-25', '--period', 'S1', '--subject', 'ОУД.04'], late);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('give --override REASON to change them');
    sb.ok(['grades', 'fill', '--group', 'ИС-25', '--period', 'S1', '--subject', 'ОУД.04', '--override', 'ведомость сдана с опозданием'], late);
    const [fill] = await query<{ after: string }>(sb.db, "SELECT after FROM audit WHERE entity = 'grade' AND action = 'fill'");
    expect(JSON.parse(fill.after)).toMatchObject({ override: 'ведомость сдана с опозданием', overridden: [{ rule: 'grade_window' }] });
    const file = csv(sb, 'g.csv', ['Группа;Предмет;Обучающийся;Оценка', `ИС-25;ОУД.04;${LEBEDEV};5`]);
    expect(sb.run(['grades', 'import', file, '--period', 'S1'], late).code).toBe(4);
    sb.ok(['grades', 'import', file, '--period', 'S1', '--override', 'исправление'], late);
    expect(await query(sb.db, "SELECT value FROM grade g JOIN person p ON p.id = g.student_id WHERE p.last_name = 'Лебедев'")).toEqual([{ value: '5' }]);
  });

  it('a subject the curriculum assesses by a зачёт is filled with зач or незач, not a five-point mark', async () => {
    sb = college();
    for (const date of DATES.slice(0, 2)) sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.06', '--date', date, '--teacher', TEACHER, '--topic', 'Бег']);
    for (const [name, marks] of [[LEBEDEV, ['4', '3']], [BELOVA_NAME, ['2', '2']]] as const) {
      marks.forEach((mark, i) => sb.ok(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.06', '--date', DATES[i], '--student', name, '--mark', mark]));
    }
    const filled = sb.ok(['grades', 'fill', '--group', 'ИС-25', '--period', 'S1', '--subject', 'ОУД.06', '--json']).json();
    expect(filled.set.map((r: any) => [r.student, r.average, r.suggested]).sort()).toEqual([[BELOVA_NAME, 2, 'незач'], [LEBEDEV, 3.5, 'зач']]);
    expect(await query(sb.db, "SELECT DISTINCT value FROM grade ORDER BY value")).toEqual([{ value: 'зач' }, { value: 'незач' }]);
  });

  it('fill sets the suggested mark where none is set and lists it; set overrides one; both are audited', async () => {
    sb = marked();
    sb.ok(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', BELOVA_NAME, '--mark', '5']);
    const filled = sb.ok(['grades', 'fill', '--group', 'ИС-25', '--period', 'S1', '--subject', 'ОУД.04', '--json']).json();
    expect(JSON.stringify(filled)).toContain(LEBEDEV);
    expect(JSON.stringify(filled)).not.toContain(BELOVA_NAME);
    // Each row says the mark now set, as the table's last column prints it.
    expect(filled.set.map((r: any) => [r.student, r.suggested, r.current])).toEqual([[LEBEDEV, '4', '4']]);
    expect(sb.ok(['grades', 'fill', '--group', 'ИС-25', '--period', 'S1', '--subject', 'ОУД.04', '--json']).json().set).toEqual([]);
    const grades = await query<{ name: string; value: string }>(sb.db, "SELECT p.last_name || ' ' || p.first_name || ' ' || p.middle_name AS name, g.value FROM grade g JOIN person p ON p.id = g.student_id ORDER BY name");
    expect(grades).toEqual([{ name: BELOVA_NAME, value: '5' }, { name: LEBEDEV, value: '4' }]);
    const log = sb.ok(['log', '--entity', 'grade', '--json']).json();
    expect(log.length).toBeGreaterThanOrEqual(2);
    // The same mark again writes nothing and leaves no record.
    expect(sb.ok(['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', BELOVA_NAME, '--mark', '5', '--json']).json().action).toBe('unchanged');
    expect(sb.ok(['log', '--entity', 'grade', '--json']).json()).toHaveLength(log.length);
  });

  it('a period mark can change until 10 days after the period ends; later only with --override', () => {
    sb = marked();
    const set = ['grades', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1', '--student', LEBEDEV, '--mark', '4'];
    // S1 ends 30.01.2026: the 9th of February is the 10th day after, the 10th is past it.
    expect(sb.run(set, { env: { REGISTRAR_TODAY: '2026-02-09' } }).code).toBe(0);
    const late = sb.run(set, { env: { REGISTRAR_TODAY: '2026-02-10' } });
    expect(late.code).toBe(4);
    expect(late.stderr).toContain('09.02.2026');
    expect(sb.run([...set, '--override', 'пересдача по приказу'], { env: { REGISTRAR_TODAY: '2026-02-10' } }).code).toBe(0);
  });

  it('course works: topic, dates and mark are stored and audited', async () => {
    sb = marked();
    sb.ok(['coursework', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--student', LEBEDEV, '--topic', 'Численные методы', '--approved', '15.09.2025', '--defended', '30.09.2025', '--mark', '5']);
    expect(await query(sb.db, 'SELECT topic, approved_on, defended_on, mark FROM coursework')).toEqual([{ topic: 'Численные методы', approved_on: '2025-09-15', defended_on: '2025-09-30', mark: '5' }]);
  });
});
