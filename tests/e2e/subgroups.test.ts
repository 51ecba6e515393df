import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { query, Sandbox } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const TEACHER = 'Новикова Мария Андреевна';
// Students of ИС-25 in fixtures/enrolment.csv
const LEBEDEV = 'Лебедев Даниил Геннадьевич';
const SHCHEGLOVA = '123-456-789 64';
const TIKHONOV = 'Тихонов Роман Андреевич';
const BELOVA = '100-315-835 87';

/** ИС-25 with its students and two subgroups from 01.09.2025: 1 (Лебедев, Щеглова) and 2 (Тихонов, Белова). */
function college(): Sandbox {
  const s = new Sandbox().college();
  s.ok(['group', 'subgroup', 'add', 'ИС-25', '1', '--from', '01.09.2025', '--students', LEBEDEV, SHCHEGLOVA]);
  s.ok(['group', 'subgroup', 'add', 'ИС-25', '2', '--from', '01.09.2025', '--students', TIKHONOV, BELOVA]);
  return s;
}

function csv(name: string, lines: string[]): string {
  const path = sb.path(name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('subgroups', () => {
  it('a group splits into subgroups; each lists its students; a name twice and a stranger are refused', async () => {
    sb = college();
    const list = sb.ok(['group', 'subgroup', 'list', 'ИС-25', '--json']).json() as { label: string; students: { student: string }[] }[];
    expect(list.map((s) => s.label)).toEqual(['ИС-25/1', 'ИС-25/2']);
    expect(list[0].students.map((s) => s.student).sort()).toEqual([LEBEDEV, 'Щеглова Юлия Сергеевна']);
    expect(list[1].students.map((s) => s.student).sort()).toEqual(['Белова Надежда Олеговна', TIKHONOV]);
    const twice = sb.run(['group', 'subgroup', 'add', 'ИС-25', '1', '--students', LEBEDEV]);
    expect(twice.code).toBe(3);
    expect(twice.stderr).toContain('ИС-25/1');
    const stranger = sb.run(['group', 'subgroup', 'add', 'ИС-25', '3', '--students', 'Иванов Пётр Петрович']);
    expect(stranger.code).toBe(3);
    const rows = await query<{ n: number }>(sb.db, 'SELECT count(*) AS n FROM subgroup');
    expect(rows[0].n).toBe(2);
    const audit = await query<{ action: string }>(sb.db, "SELECT action FROM audit WHERE entity = 'subgroup'");
    expect(audit.map((a) => a.action)).toEqual(['create', 'create']);
  });

  it('a lesson of a subgroup: a member gets a mark, a non-member is refused with the subgroup named', async () => {
    sb = college();
    const lesson = sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25/1', '--subject', 'ОУД.04', '--date', '22.09.2025', '--teacher', TEACHER, '--json']).json();
    expect(lesson.lesson).toMatchObject({ group: 'ИС-25/1', number: 1 });
    // Subgroup 2's lesson the same day is the group's second lesson of the subject.
    const second = sb.ok(['journal', 'lesson', 'add', '--group', 'ИС-25/2', '--subject', 'ОУД.04', '--date', '22.09.2025', '--teacher', TEACHER, '--json']).json();
    expect(second.lesson).toMatchObject({ group: 'ИС-25/2', number: 2 });
    const rows = await query<{ number: number; sub: string }>(sb.db, 'SELECT l.number, s.name AS sub FROM lesson l JOIN subgroup s ON s.id = l.subgroup_id ORDER BY l.number');
    expect(rows).toEqual([{ number: 1, sub: '1' }, { number: 2, sub: '2' }]);
    // Lesson 1 is ИС-25/1's: the whole group (or ИС-25/2) may not rewrite it by its number.
    const moved = sb.run(['journal', 'lesson', 'add', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '22.09.2025', '--number', '1', '--teacher', TEACHER, '--topic', 'Чужое']);
    expect(moved.code).toBe(3);
    expect(moved.stderr).toContain('ИС-25/1');
    expect((await query<{ n: number }>(sb.db, "SELECT count(*) AS n FROM lesson WHERE topic = 'Чужое'"))[0].n).toBe(0);

    const mark = ['journal', 'mark', 'set', '--group', 'ИС-25/1', '--subject', 'ОУД.04', '--date', '22.09.2025'];
    sb.ok([...mark, '--student', LEBEDEV, '--mark', '5']);
    const refused = sb.run([...mark, '--student', TIKHONOV, '--mark', '4']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('ИС-25/1');
    expect(refused.stderr).toContain('Тихонов');
    // Naming the lesson through the whole group does not get round the subgroup.
    const viaGroup = sb.run(['journal', 'mark', 'set', '--group', 'ИС-25', '--subject', 'ОУД.04', '--date', '22.09.2025', '--number', '1', '--student', TIKHONOV, '--mark', '4']);
    expect(viaGroup.code).toBe(3);
    expect(viaGroup.stderr).toContain('ИС-25/1');
    const marks = await query<{ value: string; last: string }>(sb.db, 'SELECT m.value, p.last_name AS last FROM mark m JOIN person p ON p.id = m.student_id');
    expect(marks).toEqual([{ value: '5', last: 'Лебедев' }]);
    // Another subgroup that does not exist is refused with the group's subgroups named.
    const none = sb.run([...mark.slice(0, 4), 'ИС-25/9', ...mark.slice(5), '--student', LEBEDEV, '--mark', '5']);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('ИС-25/1, ИС-25/2');
  });

  it('import rows name ИС-25/1: lessons, then marks and attendance of members only; show pages the subgroup', async () => {
    sb = college();
    const lessons = csv('lessons.csv', ['Дата;Группа;Предмет;Преподаватель;Часы;Тема', `23.09.2025;ИС-25/2;ОУД.04;${TEACHER};2;Корни`]);
    expect(sb.ok(['journal', 'import', lessons, '--kind', 'lessons', '--json']).json().lessons.created).toBe(1);
    const marks = csv('marks.csv', ['Дата;Группа;Предмет;Обучающийся;Оценка', `23.09.2025;ИС-25/2;ОУД.04;${BELOVA};4`, `23.09.2025;ИС-25/2;ОУД.04;${LEBEDEV};5`]);
    const r = sb.run(['journal', 'import', marks, '--kind', 'marks']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/row 3.*ИС-25\/2/);
    expect(sb.ok(['journal', 'import', marks, '--kind', 'marks', '--skip-invalid', '--json']).json().marks.created).toBe(1);
    const att = csv('att.csv', ['Дата;Группа;Предмет;Обучающийся;Код', `23.09.2025;ИС-25/2;ОУД.04;${TIKHONOV};н`, `23.09.2025;ИС-25/2;ОУД.04;${SHCHEGLOVA};н`]);
    const a = sb.run(['journal', 'import', att, '--kind', 'attendance']);
    expect(a.code).toBe(3);
    expect(a.stderr).toMatch(/row 3.*ИС-25\/2/);

    const page = sb.ok(['journal', 'show', '--group', 'ИС-25/2', '--subject', 'ОУД.04', '--json']).json();
    const students = (page.rows as { student: string }[]).map((x) => x.student).sort();
    expect(students).toEqual(['Белова Надежда Олеговна', TIKHONOV]);
  });
});
