import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { query, Sandbox } from './harness.js';

const TEACHER = 'Новикова Мария Андреевна';
const LEBEDEV = 'Лебедев Даниил Геннадьевич';
const BELOVA = '100-315-835 87'; // Белова Надежда Олеговна, ИС-25 in fixtures/enrolment.csv
const LESSON = (date: string) => ['--group', 'ИС-25', '--subject', 'ОУД.04', '--date', date];

/**
 * ИС-25 in ОУД.04: lessons on 22.09 and 23.09 (2 hours each, the default). Лебедев: 5, then
 * 3 (average 4, nothing missed). Белова: absent on 22.09 (ОТ, shown «н»), 4 on 23.09
 * (average 4, 2 hours missed).
 */
function page(): Sandbox {
  const s = new Sandbox().college();
  for (const d of ['2025-09-22', '2025-09-23']) s.ok(['journal', 'lesson', 'add', ...LESSON(d), '--teacher', TEACHER]);
  s.ok(['journal', 'mark', 'set', ...LESSON('2025-09-22'), '--student', LEBEDEV, '--mark', '5']);
  s.ok(['journal', 'mark', 'set', ...LESSON('2025-09-23'), '--student', LEBEDEV, '--mark', '3']);
  s.ok(['journal', 'absence', 'set', ...LESSON('2025-09-22'), '--student', BELOVA]);
  s.ok(['journal', 'mark', 'set', ...LESSON('2025-09-23'), '--student', BELOVA, '--mark', '4']);
  return s;
}

describe('journal show in every format', () => {
  let sb: Sandbox;
  beforeAll(() => {
    sb = page();
  });
  afterAll(() => sb?.cleanup());
  const show = ['journal', 'show', '--group', 'ИС-25', '--subject', 'ОУД.04', '--period', 'S1'];

  it('json: students × dates, the cells, the weighted average and the missed hours', () => {
    const r = sb.ok([...show, '--format', 'json']).json();
    const key = (header: string) => r.columns.find((c: { header: string }) => c.header === header)?.key;
    expect(r.columns.map((c: { header: string }) => c.header)).toEqual(['№', 'Student', '22.09', '23.09', 'Average', 'Missed hours']);
    const lebedev = r.rows.find((x: { student: string }) => x.student === LEBEDEV);
    const belova = r.rows.find((x: { student: string }) => x.student === 'Белова Надежда Олеговна');
    expect([lebedev[key('22.09')], lebedev[key('23.09')], lebedev.average, lebedev.missed]).toEqual(['5', '3', 4, 0]);
    expect([belova[key('22.09')], belova[key('23.09')], belova.average, belova.missed]).toEqual(['н', '4', 4, 2]);
    expect(r).toMatchObject({ group: 'ИС-25', from: '2025-09-01' });
  });

  it('table: the headers and each student on a line with their cells', () => {
    const out = sb.ok(show).stdout;
    for (const h of ['Student', '22.09', '23.09', 'Average', 'Missed hours']) expect(out).toContain(h);
    const line = out.split('\n').find((l) => l.includes('Лебедев'))!;
    expect(line).toMatch(/5.*3.*4/);
    expect(out.split('\n').find((l) => l.includes('Белова'))).toMatch(/н.*4.*4.*2/);
  });

  it('csv: the bare table, one header row, a row per student', () => {
    sb.ok([...show, '--out', sb.path('page.csv')]);
    const lines = readFileSync(sb.path('page.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const sep = lines[0].includes(';') ? ';' : ',';
    expect(lines[0].split(sep)).toEqual(['№', 'Student', '22.09', '23.09', 'Average', 'Missed hours']);
    expect(lines.find((l) => l.includes('Лебедев'))!.split(sep).slice(2)).toEqual(['5', '3', '4', '0']);
  });

  it('xlsx: the printable page with the title above the table', () => {
    sb.ok([...show, '--out', sb.path('page.xlsx')]);
    const wb = XLSX.read(readFileSync(sb.path('page.xlsx')));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, blankrows: false });
    expect(String(rows[0][0])).toContain('Journal: ИС-25, ОУД.04');
    const header = rows.findIndex((r) => r.includes('Student'));
    expect(rows[header]).toEqual(['№', 'Student', '22.09', '23.09', 'Average', 'Missed hours']);
    expect(rows.find((r) => r[1] === 'Белова Надежда Олеговна')!.slice(2).map(String)).toEqual(['н', '4', '4', '2']);
  });

  it('html: a page with the table', () => {
    sb.ok([...show, '--out', sb.path('page.html')]);
    const html = readFileSync(sb.path('page.html'), 'utf8');
    expect(html).toMatch(/<table/);
    expect(html).toContain('Journal: ИС-25, ОУД.04');
    expect(html).toContain(LEBEDEV);
    expect(html).toContain('Missed hours');
  });

  it('--lang ru: Russian headers and title in the terminal and in a file', () => {
    const out = sb.ok([...show, '--lang', 'ru']).stdout;
    for (const h of ['Журнал: ИС-25, ОУД.04', 'Обучающийся', 'Средний балл', 'Пропущено часов']) expect(out).toContain(h);
    expect(out).not.toContain('Student');
    sb.ok([...show, '--lang', 'ru', '--out', sb.path('page-ru.csv')]);
    const head = readFileSync(sb.path('page-ru.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(head).toContain('Обучающийся');
    expect(head).toContain('Средний балл');
  });
});

describe('absences and their reasons', () => {
  let sb: Sandbox;
  beforeAll(() => {
    sb = page();
  });
  afterAll(() => sb?.cleanup());

  it('absence set: ОТ by default, a code on request, recorded with who and when; refused beside a mark', async () => {
    const lebedevId = (await query<{ id: number }>(sb.db, "SELECT id FROM person WHERE last_name = 'Лебедев'"))[0].id;
    const [belova] = await query<{ code: string; entered_by: string; entered_at: string }>(sb.db, 'SELECT code, entered_by, entered_at FROM attendance');
    expect(belova).toMatchObject({ code: 'ОТ', entered_by: 'tester' });
    expect(belova.entered_at).toMatch(/^2025-10-01T/);
    // Лебедев has a mark on 22.09: an absence there is refused, nothing changes.
    const r = sb.run(['journal', 'absence', 'set', ...LESSON('2025-09-22'), '--student', LEBEDEV]);
    expect(r.code).toBe(3);
    expect(await query(sb.db, 'SELECT * FROM attendance WHERE student_id = ?', lebedevId)).toEqual([]);
    // ОП (late) is not an absence: it may stand beside his mark.
    const op = sb.ok(['journal', 'absence', 'set', ...LESSON('2025-09-22'), '--student', LEBEDEV, '--code', 'ОП', '--json']).json();
    expect(op).toMatchObject({ action: 'created', code: 'ОП', before: null });
    expect(await query(sb.db, 'SELECT code FROM attendance WHERE student_id = ?', lebedevId)).toEqual([{ code: 'ОП' }]);
  });

  it('reason set: refuses a code that is not a reason (exit 3, nothing changed); Б turns ОТ into Б', async () => {
    const before = await query(sb.db, 'SELECT * FROM attendance ORDER BY lesson_id, student_id');
    for (const code of ['ОП', 'X', 'ОТ']) {
      const r = sb.run(['journal', 'reason', 'set', '--group', 'ИС-25', '--student', BELOVA, '--date', '22.09.2025', '--code', code]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`«${code}» is not a reason`);
    }
    expect(await query(sb.db, 'SELECT * FROM attendance ORDER BY lesson_id, student_id')).toEqual(before);
    const ok = sb.ok(['journal', 'reason', 'set', '--group', 'ИС-25', '--student', BELOVA, '--date', '22.09.2025', '--code', 'Б', '--json']).json();
    expect(ok.changed.map((c: { date: string }) => c.date)).toEqual(['2025-09-22']);
    const [a] = await query<{ code: string; entered_by: string; reason_set_by: string }>(sb.db, "SELECT code, entered_by, reason_set_by FROM attendance WHERE code <> 'ОП'");
    expect(a).toEqual({ code: 'Б', entered_by: 'tester', reason_set_by: 'tester' });
  });
});

describe('grades import', () => {
  let sb: Sandbox;
  beforeAll(() => {
    sb = page();
  });
  afterAll(() => sb?.cleanup());

  it('all or nothing: every bad row named by its number and nothing stored; --skip-invalid takes the good ones', async () => {
    const file = sb.path('grades.csv');
    writeFileSync(
      file,
      [
        'Группа;Предмет;Обучающийся;Период;Оценка',
        `ИС-25;ОУД.04;${LEBEDEV};S1;4`,
        `ИС-25;ОУД.04;${BELOVA};S1;6`,
        `ИС-25;Астрология;${LEBEDEV};S1;5`,
        `ИС-25;ОУД.04;Иванов Пётр Петрович;S1;5`,
        `ИС-25;ОУД.04;${LEBEDEV};S1;3`,
        `ИС-25;ОУД.04;${BELOVA};S1;зачёт`,
      ].join('\n') + '\n',
    );
    const r = sb.run(['grades', 'import', file]);
    expect(r.code).toBe(3);
    for (const row of [3, 4, 5, 6]) expect(r.stderr).toContain(`row ${row}`);
    // Rows 2 and 7 are good (row 6 repeats row 2's slot and is named as its double).
    expect(r.stderr).not.toMatch(/^\s*row [27],/m);
    expect(r.stderr).toMatch(/^\s*row 6,.*row 2/m);
    expect(await query(sb.db, 'SELECT * FROM grade')).toEqual([]);

    const ok = sb.ok(['grades', 'import', file, '--skip-invalid', '--json']).json();
    expect(ok).toMatchObject({ rows: 6, created: 2 });
    expect(ok.rejected.map((x: { row: number }) => x.row)).toEqual([3, 4, 5, 6]);
    const stored = await query<{ last_name: string; value: string; entered_by: string }>(sb.db, 'SELECT p.last_name, g.value, g.entered_by FROM grade g JOIN person p ON p.id = g.student_id ORDER BY p.last_name');
    expect(stored).toEqual([
      { last_name: 'Белова', value: 'зач', entered_by: 'tester' },
      { last_name: 'Лебедев', value: '4', entered_by: 'tester' },
    ]);
  });
});

describe('import bounds', () => {
  it('journal and grades imports read within import.maxRows: a longer file is refused before any row is checked', async () => {
    const sb = page();
    try {
      sb.ok(['config', 'set', 'import.maxRows', '10']);
      const marks = sb.path('marks.csv');
      writeFileSync(marks, ['Дата;Группа;Предмет;Обучающийся;Оценка', ...Array.from({ length: 11 }, () => `23.09.2025;ИС-25;ОУД.04;${LEBEDEV};5`)].join('\n') + '\n');
      const r = sb.run(['journal', 'import', marks, '--kind', 'marks']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('import.maxRows');
      const grades = sb.path('grades.csv');
      writeFileSync(grades, ['Группа;Предмет;Обучающийся;Период;Оценка', ...Array.from({ length: 11 }, () => `ИС-25;ОУД.04;${LEBEDEV};S1;5`)].join('\n') + '\n');
      expect(sb.run(['grades', 'import', grades]).stderr).toContain('import.maxRows');
      // page() holds three marks (Лебедев 5 and 3, Белова 4): still three.
      expect(await query(sb.db, 'SELECT count(*) AS n FROM mark')).toEqual([{ n: 3 }]);
      expect(await query(sb.db, 'SELECT count(*) AS n FROM grade')).toEqual([{ n: 0 }]);
    } finally {
      sb.cleanup();
    }
  });
});
