import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/io/writeTable.js';
import { query, ROOT, Sandbox } from './harness.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const PLAN_FIXTURE = join(ROOT, 'fixtures/plan.csv');
const STAFF_FIXTURE = join(ROOT, 'fixtures/staff.csv');

/** Windows-1251 bytes for Russian text: А–я → 0xC0–0xFF, Ё 0xA8, ё 0xB8, ASCII as is. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.charCodeAt(0);
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`no cp1251 byte for ${ch}`);
    }),
  );
}

async function count(db: string, table: string): Promise<number> {
  return (await query<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`))[0].n;
}

function withPrograms(): Sandbox {
  const s = new Sandbox().init();
  s.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м', '--qualification', 'Программист']);
  s.ok(['program', 'add', '15.02.16', 'Технология машиностроения', '--duration', '3 года 10 месяцев', '--qualification', 'Техник-технолог']);
  return s;
}

describe('programs and subjects', () => {
  it('adds and lists programs; durations in months, the last course rounded up', () => {
    sb = withPrograms();
    // A name pasted with a line break is stored on one line.
    sb.ok(['program', 'add', 'НОО', 'Начальное общее\n образование', '--duration', '4', '--form', 'очно-заочная']);
    const list = sb.ok(['program', 'list', '--json']).json();
    expect(list).toContainEqual({ code: '09.02.07', name: 'Информационные системы и программирование', durationMonths: 46, courses: 4, form: 'очная', qualification: 'Программист' });
    expect(list.find((p: any) => p.code === 'НОО')).toMatchObject({ name: 'Начальное общее образование', durationMonths: 48, form: 'очно-заочная' });
  });

  it('warns about a code that is not NN.NN.NN; refuses a duplicate, a bad duration or form (exit 3)', async () => {
    sb = withPrograms();
    expect(sb.ok(['program', 'add', 'ABC-1', 'Местная программа', '--duration', '2']).stderr).toContain('NN.NN.NN');
    const audits = await count(sb.db, 'audit');
    for (const args of [
      ['09.02.07', 'Ещё раз', '--duration', '3'],
      ['09.02.99', 'X', '--duration', 'три года'],
      ['09.02.98', 'X', '--duration', '3', '--form', 'дистанционная'],
    ]) {
      const r = sb.run(['program', 'add', ...args]);
      expect(r.code, args.join(' ')).toBe(3);
    }
    expect(await count(sb.db, 'program')).toBe(3);
    expect(await count(sb.db, 'audit')).toBe(audits);
  });

  it('an МДК needs its ПМ; a УД may not have one', async () => {
    sb = new Sandbox().init();
    sb.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
    sb.ok(['subject', 'add', 'ПМ.01', 'Разработка модулей программного обеспечения', '--kind', 'PM']);
    sb.ok(['subject', 'add', 'МДК.01.01', 'Разработка программных модулей', '--kind', 'мдк', '--module', 'ПМ.01']);
    sb.ok(['subject', 'add', 'ОП.01', 'Операционные системы и среды', '--kind', 'УД']);
    const noModule = sb.run(['subject', 'add', 'МДК.01.02', 'Поддержка и тестирование', '--kind', 'МДК']);
    expect(noModule.code).toBe(3);
    expect(noModule.stderr).toContain('ПМ');
    expect(sb.run(['subject', 'add', 'ОП.02', 'Архитектура', '--kind', 'УД', '--module', 'ПМ.01']).code).toBe(3);
    expect(sb.run(['subject', 'add', 'МДК.02.01', 'X', '--kind', 'МДК', '--module', 'ПМ.02']).stderr).toContain('ПМ.02');
    expect(sb.run(['subject', 'add', 'УП.01', 'X', '--kind', 'практика']).code).toBe(3);
    expect(sb.ok(['subject', 'list', '--kind', 'MDK', '--json']).json()).toEqual([{ program: '09.02.07', code: 'МДК.01.01', name: 'Разработка программных модулей', kind: 'МДК', module: 'ПМ.01' }]);
    expect(await count(sb.db, 'subject')).toBe(3);
  });
});

describe('plan import', () => {
  it('imports the fixture (UTF-8, ;) and a second run changes nothing', async () => {
    sb = withPrograms();
    const first = sb.ok(['plan', 'import', PLAN_FIXTURE, '--json']).json();
    expect(first).toMatchObject({ updated: 0, unchanged: 0, dryRun: false });
    expect(first.created).toBe(first.rows);
    expect(first.subjectsCreated).toBeGreaterThan(20);
    const audits = await count(sb.db, 'audit');
    const items = await count(sb.db, 'plan_item');
    const again = sb.ok(['plan', 'import', PLAN_FIXTURE, '--json']).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: first.rows, subjectsCreated: 0 });
    expect(await count(sb.db, 'audit')).toBe(audits);
    expect(await count(sb.db, 'plan_item')).toBe(items);

    const plan = sb.ok(['plan', 'show', '--program', '09.02.07', '--course', '2', '--json']).json();
    expect(plan.program).toBe('09.02.07');
    expect(plan.items.every((i: any) => i.course === 2 && (i.semester === 3 || i.semester === 4))).toBe(true);
    expect(plan.items).toContainEqual({ course: 2, semester: 4, code: 'МДК.01.01', name: 'Разработка программных модулей', kind: 'МДК', module: 'ПМ.01', hours: 120, assessment: 'дифзачёт' });
    const human = sb.ok(['plan', 'show', '--program', '09.02.07']).stdout;
    expect(human).toContain('Course 1, semester 1');
    expect(human).toContain('квалификационный экзамен');
  });

  it('reads Windows-1251 with ; and Russian headers; a semester within the course counts from the course', async () => {
    sb = withPrograms();
    const csv = [
      'Курс;Семестр;Индекс;Наименование;Вид;Модуль;Часы;Форма контроля',
      '1;1;ОГСЭ.01;Основы философии;УД;;48;Дифференцированный зачёт',
      '2;1;ОП.01;Операционные системы и среды;УД;;64;Э',
      '2;2;ОП.01;Операционные системы и среды;;;32;ЗАЧЁТ',
    ].join('\r\n');
    writeFileSync(sb.path('plan-1251.csv'), cp1251(csv));
    const r = sb.ok(['plan', 'import', 'plan-1251.csv', '--program', '09.02.07', '--json']).json();
    expect(r).toMatchObject({ rows: 3, created: 3, subjectsCreated: 2 });
    const items = sb.ok(['plan', 'show', '--program', '09.02.07', '--json']).json().items;
    expect(items.map((i: any) => [i.course, i.semester, i.code, i.assessment])).toEqual([
      [1, 1, 'ОГСЭ.01', 'дифзачёт'],
      [2, 3, 'ОП.01', 'экзамен'],
      [2, 4, 'ОП.01', 'зачёт'],
    ]);
  });

  it('reads an XLSX workbook with English headers; a changed row is updated', async () => {
    sb = withPrograms();
    const sheet = (hours: number) => ({
      headers: ['program_code', 'course', 'semester', 'subject_code', 'subject_name', 'type', 'module_code', 'hours', 'form'],
      rows: [
        ['15.02.16', 2, 3, 'ПМ.01', 'Разработка технологических процессов изготовления деталей машин', 'PM', '', 0, '-'],
        ['15.02.16', 2, 3, 'МДК.01.01', 'Технологические процессы изготовления деталей машин', 'MDK', 'ПМ.01', hours, 'Э'],
        ['15.02.16', 2, 4, 'УП.01', 'Учебная практика', 'UP', 'ПМ.01', 72, 'ДЗ'],
      ],
    });
    await writeTable(sb.path('plan.xlsx'), sheet(96));
    expect(sb.ok(['plan', 'import', 'plan.xlsx', '--json']).json()).toMatchObject({ rows: 3, created: 3, subjectsCreated: 3 });
    await writeTable(sb.path('plan.xlsx'), sheet(110), { force: true });
    expect(sb.ok(['plan', 'import', 'plan.xlsx', '--json']).json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const audit = await query<{ before: string; after: string }>(sb.db, "SELECT before, after FROM audit WHERE entity = 'plan_item' AND action = 'update'");
    expect(JSON.parse(audit[0].before)).toMatchObject({ hours: 96 });
    expect(JSON.parse(audit[0].after)).toMatchObject({ hours: 110 });
  });

  it('a bad row: exit 3 naming every bad row and column, nothing written', async () => {
    sb = withPrograms();
    const csv = [
      'Код программы;Курс;Семестр;Индекс;Наименование;Вид;Модуль;Часы;Форма аттестации',
      '09.02.07;1;1;ОП.01;Операционные системы и среды;УД;;64;ДЗ',
      '09.02.07;1;3;ОП.02;Архитектура аппаратных средств;УД;;56;ДЗ',
      '09.02.07;1;2;ОП.03;Информационные технологии;УД;;много;Э',
      '09.02.07;2;3;МДК.01.01;Разработка программных модулей;МДК;;120;Э',
    ].join('\n');
    writeFileSync(sb.path('bad.csv'), csv);
    const audits = await count(sb.db, 'audit');
    const r = sb.run(['plan', 'import', 'bad.csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('row 3, Семестр «3»');
    expect(r.stderr).toContain('row 4, Часы «много»');
    expect(r.stderr).toMatch(/row 5, Модуль: .*ПМ\.01/);
    const json = sb.run(['plan', 'import', 'bad.csv', '--json']);
    expect(JSON.parse(json.stderr).error.details.map((d: any) => [d.row, d.column])).toEqual([
      [3, 'Семестр'],
      [4, 'Часы'],
      [5, 'Модуль'],
    ]);
    expect(await count(sb.db, 'plan_item')).toBe(0);
    expect(await count(sb.db, 'subject')).toBe(0);
    expect(await count(sb.db, 'audit')).toBe(audits);
  });

  it('a code known in the program under another name is an error for that row; --dry-run writes nothing', async () => {
    sb = withPrograms();
    sb.ok(['subject', 'add', 'ОП.01', 'Операционные системы и среды', '--kind', 'УД', '--program', '09.02.07']);
    writeFileSync(sb.path('p.csv'), 'Программа;Курс;Семестр;Индекс;Наименование;Часы;Аттестация\n09.02.07;2;3;ОП.01;Инженерная графика;64;ДЗ\n');
    const r = sb.run(['plan', 'import', 'p.csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('row 2, Наименование «Инженерная графика»');
    writeFileSync(sb.path('ok.csv'), 'Программа;Курс;Семестр;Индекс;Наименование;Часы;Аттестация\n09.02.07;2;3;ОП.01;операционные системы и среды;64;ДЗ\n15.02.16;2;3;ОП.01;Инженерная графика;64;ДЗ\n');
    expect(sb.ok(['plan', 'import', 'ok.csv', '--dry-run', '--json']).json()).toMatchObject({ created: 2, subjectsCreated: 1, dryRun: true });
    expect(await count(sb.db, 'plan_item')).toBe(0);
  });

  it('--errors writes the rejected rows with a reason; nothing is imported', async () => {
    sb = withPrograms();
    writeFileSync(sb.path('p.csv'), 'Программа;Курс;Семестр;Индекс;Наименование;Часы;Аттестация\n09.02.07;1;1;ОП.01;ОС;64;ДЗ\n09.02.07;1;1;ОП.02;Архитектура;много;ДЗ\n');
    expect(sb.run(['plan', 'import', 'p.csv', '--errors', 'rejects.csv']).code).toBe(3);
    const rejects = readFileSync(sb.path('rejects.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rejects).toEqual(['Программа;Курс;Семестр;Индекс;Наименование;Часы;Аттестация;Error', '09.02.07;1;1;ОП.02;Архитектура;много;ДЗ;Часы: not a whole number of hours']);
    expect(await count(sb.db, 'subject')).toBe(0);
  });

  it('without a program column and without --program: exit 3 naming the column', () => {
    sb = withPrograms();
    writeFileSync(sb.path('p.csv'), 'Курс;Семестр;Индекс;Наименование;Часы\n1;1;ОП.01;ОС;64\n');
    const r = sb.run(['plan', 'import', 'p.csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('program');
  });
});

describe('subjects per program', () => {
  const imported = () => {
    const s = withPrograms();
    s.ok(['plan', 'import', PLAN_FIXTURE]);
    return s;
  };
  const TM_PM = 'Разработка технологических процессов изготовления деталей машин';

  it('one code, two programs, two subjects: each plan shows its own', async () => {
    sb = imported();
    const is = sb.ok(['plan', 'show', '--program', '09.02.07', '--course', '2', '--json']).json().items;
    expect(is.filter((i: any) => i.code === 'ОП.01')).toEqual([{ course: 2, semester: 3, code: 'ОП.01', name: 'Операционные системы и среды', kind: 'УД', module: null, hours: 64, assessment: 'дифзачёт' }]);
    const tm = sb.ok(['plan', 'show', '--program', '15.02.16', '--json']).json().items;
    expect(tm.filter((i: any) => i.code === 'ОП.01').map((i: any) => [i.semester, i.name, i.hours, i.assessment])).toEqual([
      [2, 'Инженерная графика', 48, null],
      [3, 'Инженерная графика', 72, 'дифзачёт'],
    ]);
    expect(tm).toContainEqual({ course: 2, semester: 4, code: 'МДК.01.01', name: 'Технологический процесс и технологическая оснастка изготовления деталей машин', kind: 'МДК', module: 'ПМ.01', hours: 100, assessment: 'экзамен' });
    expect(tm).toContainEqual({ course: 2, semester: 4, code: 'ПМ.01', name: TM_PM, kind: 'ПМ', module: null, hours: 12, assessment: 'квалификационный экзамен' });
    expect(sb.ok(['plan', 'show', '--program', '15.02.16', '--course', '2']).stdout).toContain('Инженерная графика');

    expect(sb.ok(['subject', 'list', '--program', '15.02.16', '--kind', 'ПМ', '--json']).json()).toEqual([{ program: '15.02.16', code: 'ПМ.01', name: TM_PM, kind: 'ПМ', module: null }]);
    expect(sb.ok(['subject', 'list', '--json']).json().filter((s: any) => s.code === 'ОП.01').map((s: any) => [s.program, s.name])).toEqual([
      ['09.02.07', 'Операционные системы и среды'],
      ['15.02.16', 'Инженерная графика'],
    ]);
    // Every МДК, УП and ПП hangs on the ПМ of its own program.
    expect(await query(sb.db, 'SELECT s.code FROM subject s JOIN subject m ON m.id = s.module_id WHERE m.program_id <> s.program_id')).toEqual([]);
  });

  it('subject add without --program: taken from the module or the only program, else refused naming the candidates', async () => {
    sb = imported();
    const subjects = await count(sb.db, 'subject');
    const byModule = sb.run(['subject', 'add', 'МДК.01.04', 'Оснастка', '--kind', 'МДК', '--module', 'ПМ.01']);
    expect(byModule.code).toBe(3);
    expect(byModule.stderr).toContain('The module ПМ.01 is in several programs: 09.02.07 «Информационные системы и программирование», 15.02.16 «Технология машиностроения». Give --program.');
    const bare = sb.run(['subject', 'add', 'ОП.04', 'Материаловедение', '--kind', 'УД', '--json']);
    expect(JSON.parse(bare.stderr).error).toMatchObject({ code: 'program_ambiguous', details: { programs: ['09.02.07', '15.02.16'] } });
    expect(sb.run(['subject', 'add', 'ОП.01', 'Инженерная графика', '--kind', 'УД', '--program', '15.02.16']).stderr).toContain('15.02.16 already has the subject ОП.01');
    expect(await count(sb.db, 'subject')).toBe(subjects);

    expect(sb.ok(['subject', 'add', 'МДК.01.02', 'Технологическая подготовка производства', '--kind', 'МДК', '--module', 'ПМ.01', '--program', '15.02.16', '--json']).json()).toEqual({
      program: '15.02.16', code: 'МДК.01.02', name: 'Технологическая подготовка производства', kind: 'МДК', module: 'ПМ.01',
    });
    const [module] = await query<{ name: string }>(sb.db, "SELECT m.name FROM subject s JOIN subject m ON m.id = s.module_id JOIN program p ON p.id = s.program_id WHERE p.code = '15.02.16' AND s.code = 'МДК.01.02'");
    expect(module.name).toBe(TM_PM);

    sb.ok(['program', 'add', 'ПРОФ-1', 'Местная программа', '--duration', '1']);
    sb.ok(['subject', 'add', 'ПМ.07', 'Модуль', '--kind', 'ПМ', '--program', 'ПРОФ-1']);
    expect(sb.ok(['subject', 'add', 'УП.07', 'Практика', '--kind', 'УП', '--module', 'ПМ.07', '--json']).json()).toMatchObject({ program: 'ПРОФ-1', module: 'ПМ.07' });
  });
});

describe('staff', () => {
  it('imports the fixture (Windows-1251, ;); a second run changes nothing; a change is audited', async () => {
    sb = new Sandbox().init();
    const first = sb.ok(['staff', 'import', STAFF_FIXTURE, '--json']).json();
    expect(first).toMatchObject({ rows: 12, created: 12, updated: 0, unchanged: 0, rejected: [] });
    const staff = sb.ok(['staff', 'list', '--json']).json();
    expect(staff).toHaveLength(12);
    expect(staff.find((s: any) => s.lastName === 'Лебедева').positions).toEqual(['Заместитель директора по УМР']);
    expect(staff.find((s: any) => s.lastName === 'Попов').positions).toEqual(['Администратор', 'Преподаватель']);
    expect(staff.find((s: any) => s.lastName === 'Фёдоров')).toMatchObject({ birthDate: '1972-04-19', phone: expect.stringMatching(/^\+7 914 /) });
    expect(sb.ok(['staff', 'list', '--position', 'curator', '--json']).json()).toHaveLength(4);

    const audits = await count(sb.db, 'audit');
    expect(sb.ok(['staff', 'import', STAFF_FIXTURE, '--json']).json()).toMatchObject({ created: 0, updated: 0, unchanged: 12 });
    expect(await count(sb.db, 'audit')).toBe(audits);

    const text = new TextDecoder('windows-1251').decode(readFileSync(STAFF_FIXTURE)).replace('Новикова Мария Андреевна;Преподаватель;', 'Новикова Мария Андреевна;Преподаватель, Куратор группы;');
    writeFileSync(sb.path('staff.csv'), cp1251(text));
    expect(sb.ok(['staff', 'import', 'staff.csv', '--json']).json()).toMatchObject({ created: 0, updated: 1, unchanged: 11 });
    const [change] = await query<{ before: string; after: string }>(sb.db, "SELECT before, after FROM audit WHERE entity = 'staff' AND action = 'update'");
    expect(JSON.parse(change.before).positions).toEqual(['Преподаватель']);
    expect(JSON.parse(change.after).positions).toEqual(['Куратор группы', 'Преподаватель']);
  });

  it('a bad СНИЛС: exit 3 naming the row, nothing written; --skip-invalid writes the rest', async () => {
    sb = new Sandbox().init();
    const csv = [
      'Фамилия;Имя;Отчество;Должность;СНИЛС',
      'Орлова;Вера;Павловна;Преподаватель;123-456-789 64',
      'Белов;Антон;Игоревич;Преподаватель;123-456-789 65',
      'Зайцев;Пётр;;Завхоз;',
    ].join('\n');
    writeFileSync(sb.path('staff.csv'), csv);
    const audits = await count(sb.db, 'audit');
    const r = sb.run(['staff', 'import', 'staff.csv']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('row 3, СНИЛС «123-456-789 65»: checksum does not match');
    expect(r.stderr).toContain('row 4, Должность «Завхоз»');
    expect(await count(sb.db, 'person')).toBe(0);
    expect(await count(sb.db, 'audit')).toBe(audits);

    const skipped = sb.ok(['staff', 'import', 'staff.csv', '--skip-invalid', '--errors', 'rejects.xlsx', '--json']).json();
    expect(skipped).toMatchObject({ created: 1 });
    expect(skipped.rejected.map((x: any) => [x.row, x.column])).toEqual([
      [3, 'СНИЛС'],
      [4, 'Должность'],
    ]);
    const XLSX = await import('xlsx');
    const rejects = XLSX.utils.sheet_to_json<string[]>(Object.values(XLSX.read(readFileSync(sb.path('rejects.xlsx'))).Sheets)[0], { header: 1 });
    expect(rejects.map((r) => [r[0], r[5]])).toEqual([
      ['Фамилия', 'Error'],
      ['Белов', 'СНИЛС: checksum does not match'],
      ['Зайцев', expect.stringMatching(/^Должность: unknown position/)],
    ]);
    expect(await count(sb.db, 'staff')).toBe(1);
  });

  it('add, show by name or id; a namesake is ambiguous and listed with ids', () => {
    sb = new Sandbox().init();
    const a = sb.ok(['staff', 'add', '--name', 'Иванова Мария Петровна', '--position', 'teacher', '--birth-date', '01.02.1980', '--json']).json();
    const b = sb.ok(['staff', 'add', '--name', 'Иванова Мария Петровна', '--birth-date', '1990-05-06', '--snils', '112-233-445 95', '--json']).json();
    expect(a).toMatchObject({ name: 'Иванова Мария Петровна', positions: ['Преподаватель'], birthDate: '1980-02-01' });
    expect(sb.ok(['staff', 'show', String(b.id), '--json']).json()).toMatchObject({ id: b.id, snils: '112-233-445 95', curatorOf: [] });
    const ambiguous = sb.run(['staff', 'show', 'иванова мария петровна']);
    expect(ambiguous.code).toBe(3);
    expect(ambiguous.stderr).toContain(String(a.id));
    expect(ambiguous.stderr).toContain(String(b.id));
    expect(sb.run(['staff', 'add', '--name', 'Иванова Мария Петровна', '--birth-date', '01.02.1980']).code).toBe(3);
    expect(sb.run(['staff', 'add', '--name', 'Петров', '--snils', '1']).code).toBe(3);
  });
});

describe('groups', () => {
  function ready(): Sandbox {
    const s = withPrograms();
    s.ok(['staff', 'import', STAFF_FIXTURE]);
    return s;
  }

  it('create, list, show and update', () => {
    sb = ready();
    const created = sb.ok(['group', 'create', 'ИС-21', '--program', '09.02.07', '--course', '1', '--curator', 'Смирнова Анна Петровна', '--json']).json();
    expect(created).toMatchObject({ name: 'ИС-21', year: '2025/2026', program: '09.02.07', course: 1, curator: 'Смирнова Анна Петровна' });
    sb.ok(['group', 'create', 'ТМ-41', '--program', '15.02.16', '--course', '4']);
    expect(sb.ok(['group', 'list', '--json']).json().map((g: any) => g.name)).toEqual(['ИС-21', 'ТМ-41']);
    expect(sb.ok(['group', 'show', 'ис-21', '--json']).json()).toMatchObject({ id: created.id, programName: 'Информационные системы и программирование', curatorId: created.curatorId });
    expect(sb.ok(['group', 'show', 'ИС-21']).stdout).toContain('Смирнова Анна Петровна');
    expect(sb.ok(['staff', 'show', 'Смирнова Анна Петровна', '--json']).json().curatorOf).toEqual([{ year: '2025/2026', group: 'ИС-21' }]);

    const updated = sb.ok(['group', 'update', 'ИС-21', '--name', 'ИС-22', '--course', '2', '--no-curator', '--json']).json();
    expect(updated).toMatchObject({ id: created.id, name: 'ИС-22', course: 2, curator: null });
    const warned = sb.ok(['group', 'update', 'ИС-22', '--curator', 'Кузнецова Ольга Викторовна']);
    expect(warned.stderr).toContain('Куратор группы');
    expect(sb.ok(['group', 'show', 'ИС-22', '--json']).json().curator).toBe('Кузнецова Ольга Викторовна');
    // An update that changes nothing writes nothing, not even an audit record.
    const records = sb.ok(['log', '--entity', 'group', '--json']).json().length;
    expect(sb.ok(['group', 'update', 'ИС-22', '--course', '2']).stdout).toContain('Group ИС-22 already reads so; nothing was written.');
    expect(sb.ok(['log', '--entity', 'group', '--json']).json()).toHaveLength(records);
  });

  it.each([
    ['an unknown program', ['group', 'create', 'ИС-31', '--program', '09.99.99', '--course', '1'], '09.99.99'],
    ['a course beyond the program', ['group', 'create', 'ИС-51', '--program', '09.02.07', '--course', '5'], 'course 5'],
    ['course 0', ['group', 'create', 'ИС-01', '--program', '09.02.07', '--course', '0'], 'course'],
    ['a duplicate name in the year', ['group', 'create', 'ис-21', '--program', '15.02.16', '--course', '2'], 'ИС-21'],
    ['an unknown curator', ['group', 'create', 'ИС-23', '--program', '09.02.07', '--course', '1', '--curator', 'Нет Такого'], 'Нет Такого'],
    ['an unknown year', ['group', 'create', 'ИС-24', '--program', '09.02.07', '--course', '1', '--year', '2030/2031'], '2030/2031'],
    ['a course beyond the program on update', ['group', 'update', 'ИС-21', '--course', '9'], 'course 9'],
  ])('refuses %s: exit 3, the store unchanged', async (_what, args, named) => {
    sb = ready();
    sb.ok(['group', 'create', 'ИС-21', '--program', '09.02.07', '--course', '1']);
    const before = { groups: await query(sb.db, 'SELECT * FROM study_group'), audits: await count(sb.db, 'audit') };
    const r = sb.run(args);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(named);
    expect(await query(sb.db, 'SELECT * FROM study_group')).toEqual(before.groups);
    expect(await count(sb.db, 'audit')).toBe(before.audits);
  });

  it('refuses a curator who is not staff', async () => {
    sb = ready();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(sb.db);
    const { lastInsertRowid } = db.prepare("INSERT INTO person (last_name, first_name, name_key, created_at) VALUES ('Родитель', 'Иван', 'родитель иван', '2025-09-01')").run();
    db.close();
    const r = sb.run(['group', 'create', 'ИС-21', '--program', '09.02.07', '--course', '1', '--curator', String(lastInsertRowid)]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('not a staff member');
    expect(await count(sb.db, 'study_group')).toBe(0);
  });
});

describe('one language at a time', () => {
  const COMMANDS = [
    ['program'], ['program', 'add'], ['program', 'list'],
    ['subject'], ['subject', 'add'], ['subject', 'list'],
    ['plan'], ['plan', 'import'], ['plan', 'show'],
    ['staff'], ['staff', 'add'], ['staff', 'import'], ['staff', 'list'], ['staff', 'show'],
    ['group'], ['group', 'create'], ['group', 'list'], ['group', 'show'], ['group', 'update'],
    ['report', 'movement'],
  ];

  /** What is left of a help page once commander's own words, flags, command lines and field names are taken out. */
  function ownWords(help: string): string {
    return help
      .split('\n')
      .filter((line) => !/^\s*(Использование:|\$ registrar)/.test(line))
      .join('\n')
      .replace(/\((по умолчанию|варианты|поля):\s[^)]*\)/g, '')
      .replace(/--?[a-z][\w-]*/g, '')
      .replace(/<[^>]*>|\[(параметры|команда)\]/g, '')
      .replace(/\b[a-z]+(_[a-z]+)+\b/g, '');
  }

  it('under LANG=ru every help page of the structure commands is Russian', () => {
    sb = new Sandbox({ LANG: 'ru_RU.UTF-8' });
    for (const command of COMMANDS) {
      const help = sb.ok([...command, '--help']).stdout;
      if (command.length > 1 || command[0] === 'report') expect(help, command.join(' ')).toContain('Примеры:');
      // No run of three English words (codes such as NN.NN.NN or UD, PM, MDK are not words).
      expect(ownWords(help), command.join(' ')).not.toMatch(/\b[A-Z]?[a-z]{2,}[\s,;:]+[A-Z]?[a-z]{2,}[\s,;:]+[A-Z]?[a-z]{2,}\b/);
      expect(ownWords(help), command.join(' ')).not.toMatch(/\b(the|of|a|an|and|or|to|with|by|from|for|only|this|is)\s/);
      expect(ownWords(help), command.join(' ')).toMatch(/[а-яё]{4,}/i);
    }
  });

  it('table headers and messages follow the language; the book of movement is Russian in ru and English in en', () => {
    sb = withPrograms();
    sb.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1']);
    sb.ok(['student', 'add', '--name', 'Петрова Анна Сергеевна', '--birth-date', '2009-05-02', '--sex', 'Ж', '--group', 'ИС-25', '--order-no', '12-к', '--order-date', '25.08.2025']);
    const ru = { env: { LANG: 'ru_RU.UTF-8' } };
    expect(sb.ok(['program', 'list'], ru).stdout).toContain('квалификация');
    expect(sb.ok(['program', 'list']).stdout).toContain('qualification');
    expect(sb.ok(['group', 'list'], ru).stdout).toContain('куратор');
    expect(sb.ok(['group', 'show', 'ИС-25'], ru).stdout).toContain('Учебный год');
    expect(sb.run(['group', 'show', 'ИС-99'], ru).stderr).toContain('Нет группы ИС-99');
    expect(sb.run(['group', 'show', 'ИС-99']).stderr).toContain('No group ИС-99');

    const en = sb.ok(['report', 'movement', '--from', '01.08.2025', '--to', '31.12.2025', '--json']).json();
    expect(en).toMatchObject({ title: 'Book of student movement', rows: [{ kind: 'enroll', kindName: 'enrolment', student: 'Петрова Анна Сергеевна' }], totals: { n: 'Total' } });
    expect(en.columns.map((c: any) => c.header)).toEqual(['№', 'Order date', 'Order no.', 'Order', 'Student', 'From group', 'To group', 'Grounds']);
    const rus = sb.ok(['report', 'movement', '--from', '01.08.2025', '--to', '31.12.2025', '--json'], ru).json();
    expect(rus).toMatchObject({ title: 'Книга движения обучающихся', rows: [{ kindName: 'о зачислении' }], totals: { n: 'Итого' } });
    expect(sb.ok(['report', 'movement'], ru).stdout).toContain('Дата приказа');
    expect(sb.ok(['report', 'movement']).stdout).toContain('Order date');
  });
});

describe('JSON keys are camelCase', () => {
  function nonCamel(value: unknown, path = '$'): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => nonCamel(v, `${path}[${i}]`));
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, v]) => [...(/^[a-z][a-zA-Z0-9]*$/.test(key) ? [] : [`${path}.${key}`]), ...nonCamel(v, `${path}.${key}`)]);
  }

  it('in every result and error of the structure commands, nested objects included', () => {
    sb = withPrograms();
    const outputs: unknown[] = [];
    const json = (args: string[]) => {
      const r = sb.run([...args, '--json']);
      outputs.push(JSON.parse(r.code === 0 ? r.stdout : r.stderr));
      return r;
    };
    json(['program', 'list']);
    json(['program', 'add', '09.02.99', 'X', '--duration', 'никогда']);
    json(['plan', 'import', PLAN_FIXTURE]);
    json(['plan', 'show', '--program', '09.02.07', '--course', '2']);
    json(['subject', 'list', '--program', '09.02.07']);
    json(['subject', 'add', 'ОП.77', 'Новый', '--kind', 'УД', '--program', '09.02.07']);
    json(['subject', 'add', 'ОП.78', 'Новый', '--kind', 'УД']);
    json(['staff', 'import', STAFF_FIXTURE]);
    json(['staff', 'add', '--name', 'Иванова Мария Петровна', '--birth-date', '01.02.1980', '--position', 'teacher']);
    json(['staff', 'add', '--name', 'Петров', '--snils', '1']);
    json(['staff', 'list']);
    json(['staff', 'show', 'Смирнова Анна Петровна']);
    json(['group', 'create', 'ИС-21', '--program', '09.02.07', '--course', '1', '--curator', 'Смирнова Анна Петровна']);
    json(['group', 'update', 'ИС-21', '--course', '2']);
    json(['group', 'update', 'ИС-21']);
    json(['group', 'list']);
    json(['group', 'show', 'ИС-21']);
    json(['report', 'movement']);
    writeFileSync(sb.path('bad.csv'), 'Фамилия;Имя;СНИЛС\nБелов;Антон;123-456-789 65\n');
    json(['staff', 'import', 'bad.csv']);
    expect(outputs.flatMap((o) => nonCamel(o))).toEqual([]);
    expect(outputs[12]).toMatchObject({ programName: 'Информационные системы и программирование', curatorId: expect.any(Number) });
  });
});
