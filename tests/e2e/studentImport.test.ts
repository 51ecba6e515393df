import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { query, ROOT, Sandbox } from './harness.js';

const FIXTURE_CSV = join(ROOT, 'fixtures', 'enrolment.csv');
const FIXTURE_XLSX = join(ROOT, 'fixtures', 'enrolment.xlsx');
const ORDER = ['--order-no', '12-к', '--order-date', '25.08.2025'];
/** A date refused names the forms accepted (README, Imports). */
const NOT_A_DATE = 'not a date; accepted: 14.03.2009, 5.3.2009, 2009-03-14, 14/03/2009, 14-03-2009, 14.03.2009 г., 14.03.2009 0:00:00';
/** The fixture's bad rows, checked by hand against fixtures/enrolment.csv. */
const BAD_ROWS = [
  { row: 7, column: 'СНИЛС', value: '112-233-445 96', reason: 'checksum does not match' },
  { row: 15, column: 'Дата рождения', value: '31.02.2009', reason: NOT_A_DATE },
  { row: 22, column: 'Фамилия', value: '', reason: 'required' },
  { row: 23, column: 'Пол', value: 'Ы', reason: 'expected М or Ж' },
  { row: 32, column: 'СНИЛС', value: '100-210-794 69', reason: 'the same person as row 2' },
  { row: 39, column: 'Группа', value: 'ИС-99', reason: 'no such group in the year 2025/2026 (another year: --year)' },
  // Changed on purpose (issue 8 point 6): a formula is not a name; the row is refused, not stored.
  { row: 40, column: 'Фамилия', value: '=HYPERLINK("http://x";"Иван")', reason: 'may hold only letters, spaces, hyphens, apostrophes and dots' },
];

/** Windows-1251 bytes for text in Russian (what Excel saves as "CSV (разделители - запятые)"). */
function cp1251(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
    if (ch === 'Ё') return 0xa8;
    if (ch === 'ё') return 0xb8;
    if (ch === '№') return 0xb9;
    throw new Error(`no cp1251 byte for ${ch}`);
  }));
}

let sb: Sandbox;
afterEach(() => sb?.cleanup());

function college(): Sandbox {
  return new Sandbox().enrolmentGroups();
}

const count = async (db: string, table: string) => (await query<{ n: number }>(db, `SELECT count(*) AS n FROM "${table}"`))[0].n;

describe('student import: the secretary\'s list (Windows-1251, ;, Russian headers, bad rows)', () => {
  it('refuses the whole file (exit 3), naming exactly the bad rows with column, value and reason', async () => {
    sb = college();
    const r = sb.run(['student', 'import', FIXTURE_CSV, ...ORDER]);
    expect(r.code).toBe(3);
    for (const bad of BAD_ROWS) expect(r.stderr).toContain(`row ${bad.row}, ${bad.column}`);
    expect(r.stderr.match(/^  row \d+/gm)).toHaveLength(BAD_ROWS.length);
    expect(await count(sb.db, 'student')).toBe(0);
    expect(await count(sb.db, 'person')).toBe(0);
    expect(await count(sb.db, 'order')).toBe(0);

    const json = sb.run(['student', 'import', FIXTURE_CSV, ...ORDER, '--json']);
    expect(json.code).toBe(3);
    const error = JSON.parse(json.stderr).error;
    expect(error.code).toBe('invalid_rows');
    expect(error.details).toEqual(BAD_ROWS);
  });

  it('--skip-invalid imports every other row under one order; importing again changes nothing', async () => {
    sb = college();
    const first = sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid', '--json']).json();
    expect(first).toMatchObject({ rows: 39, created: 32, updated: 0, unchanged: 0, order: { number: '12-к', date: '2025-08-25' } });
    expect(first.rejected).toEqual(BAD_ROWS);
    expect(await count(sb.db, 'student')).toBe(32);
    const orders = await query<any>(sb.db, 'SELECT number, date, kind, (SELECT count(*) FROM order_item i WHERE i.order_id = o.id) AS items FROM "order" o');
    expect(orders).toEqual([{ number: '12-к', date: '2025-08-25', kind: 'enroll', items: 32 }]);
    const cards = await query<any>(sb.db, "SELECT s.enroll_order_id IS NOT NULL AS has_order, count(*) AS n FROM student s GROUP BY 1");
    expect(cards).toEqual([{ has_order: 1, n: 32 }]);
    const audits = await count(sb.db, 'audit');

    const again = sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid', '--json']).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 32 });
    const xlsx = sb.ok(['student', 'import', FIXTURE_XLSX, ...ORDER, '--skip-invalid', '--json']).json();
    expect(xlsx).toMatchObject({ rows: 39, created: 0, updated: 0, unchanged: 32 });
    expect(xlsx.rejected.map((r: any) => r.row)).toEqual(BAD_ROWS.map((r) => r.row));
    expect(await count(sb.db, 'student')).toBe(32);
    expect(await count(sb.db, 'audit')).toBe(audits);
  });

  it('--errors writes the rejected rows as they were plus a reason; fixed, they import', async () => {
    sb = college();
    sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid', '--errors', 'rejects.csv']);
    const rejects = readFileSync(sb.path('rejects.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rejects[0]).toBe('Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа;Телефон;Error');
    expect(rejects).toHaveLength(1 + BAD_ROWS.length);
    expect(rejects[1]).toBe('Кравцов;Игорь;Петрович;12.05.2009;М;112-233-445 96;ИС-25;;СНИЛС: checksum does not match');

    // The secretary fixes two rows and imports the rejects file again.
    const fixed = readFileSync(sb.path('rejects.csv'), 'utf8').replace('112-233-445 96', '112-233-445 95').replace('31.02.2009', '28.02.2009');
    writeFileSync(sb.path('fixed.csv'), fixed);
    const r = sb.run(['student', 'import', 'fixed.csv', ...ORDER, '--skip-invalid', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ created: 2 });
    expect(r.stderr).toMatch(/Error/); // the reason column is reported as ignored
  });

  it('--dry-run decides everything and writes nothing', async () => {
    sb = college();
    const audits = await count(sb.db, 'audit');
    const r = sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid', '--dry-run', '--json']).json();
    expect(r).toMatchObject({ created: 32, dryRun: true });
    // The table says what would be, not what was.
    expect(sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid', '--dry-run']).stdout).toContain('order 12-к of 25.08.2025: 32 to enrol');
    expect(await count(sb.db, 'person')).toBe(0);
    expect(await count(sb.db, 'audit')).toBe(audits);
  });

  it('refuses a formula-like name with the reason; nothing of it is stored', async () => {
    sb = college();
    const r = sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid']);
    expect(r.stdout + r.stderr).toMatch(/row 40, Фамилия «=HYPERLINK.*»: may hold only letters/);
    expect(await query<any>(sb.db, "SELECT last_name FROM person WHERE snils = '200-300-805 65'")).toEqual([]);
    expect(await query<any>(sb.db, "SELECT count(*) AS n FROM person WHERE last_name LIKE '%HYPERLINK%'")).toEqual([{ n: 0 }]);
  });
});

describe('student import: files as they come', () => {
  it('reads tab-separated UTF-8 with BOM and English headers, quoted fields with line breaks, numbering rows as Excel does', async () => {
    sb = college();
    const text = '\uFEFFlast_name\tfirst_name\tmiddle_name\tbirth_date\tsex\tsnils\tgroup\tphone\n' +
      'Петров\tПётр\t"Петрович\nмладший"\t2009-01-02\tmale\t112-233-445 95\tИС-25\t\n' +
      'Сидорова\tАнна\t\t31.02.2009\tfemale\t\tИС-25\t\n';
    writeFileSync(sb.path('list.tsv'), text);
    const r = sb.run(['student', 'import', 'list.tsv', ...ORDER, '--json']);
    expect(r.code).toBe(3);
    // the record with an embedded line break is row 2; the next record is row 3
    expect(JSON.parse(r.stderr).error.details).toEqual([{ row: 3, column: 'birth_date', value: '31.02.2009', reason: NOT_A_DATE }]);
  });

  it('a NUL pasted into one cell refuses that row, naming it; the rest of the file imports with --skip-invalid', async () => {
    sb = college();
    const rows = Array.from({ length: 40 }, (_, i) => `Петров;${['Пётр', 'Павел', 'Иван', 'Олег'][i % 4]};Петрович;${String((i % 28) + 1).padStart(2, '0')}.0${Math.floor(i / 28) + 1}.2009;М;;ИС-25`);
    writeFileSync(sb.path('nul.csv'), ['Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа', ...rows, 'Жуков;Иван;Иван\u0000ович;01.02.2009;М;;ИС-25'].join('\n') + '\n');
    const refused = sb.run(['student', 'import', 'nul.csv', ...ORDER, '--json']);
    expect(refused.code).toBe(3);
    // The value as printed: the control character written out, never sent to the terminal.
    expect(JSON.parse(refused.stderr).error.details).toEqual([{ row: 42, column: 'Отчество', value: 'Иван\\u0000ович', reason: 'contains control characters (such as NUL or a terminal escape sequence)' }]);
    expect(sb.ok(['student', 'import', 'nul.csv', ...ORDER, '--skip-invalid', '--json']).json()).toMatchObject({ created: 40, rejected: [{ row: 42 }] });
  });

  it('a later list whose СНИЛС belongs to someone else (another name and birth date) is refused, the card left as it was', async () => {
    sb = college();
    const header = 'Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа';
    writeFileSync(sb.path('o1.csv'), `${header}\nОрлов;Иван;Иванович;01.02.2009;М;123-456-789 64;ИС-25\n`);
    sb.ok(['student', 'import', 'o1.csv', '--order-no', '1-к', '--order-date', '25.08.2025']);
    writeFileSync(sb.path('o2.csv'), `${header}\nОрлова;Мария;Ивановна;03.03.2008;Ж;123-456-789 64;ИС-25\n`);
    const r = sb.run(['student', 'import', 'o2.csv', '--order-no', '2-к', '--order-date', '26.08.2025', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr).error.details).toEqual([
      { row: 2, column: 'СНИЛС', value: '123-456-789 64', reason: 'this СНИЛС is on file for Орлов Иван Иванович, born 01.02.2009: another name and birth date, so another person; check the СНИЛС' },
    ]);
    expect(sb.ok(['student', 'show', '123-456-789 64', '--json']).json()).toMatchObject({ lastName: 'Орлов', firstName: 'Иван', birthDate: '2009-02-01' });
  });

  it('a СНИЛС on a twin\'s row (same surname and birth date, another first name) is refused; a married surname is an update', async () => {
    sb = college();
    const header = 'Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа';
    writeFileSync(sb.path('t1.csv'), `${header}\nВолкова;Анна;Петровна;01.02.2008;Ж;123-456-789 64;ИС-25\nВолкова;Мария;Петровна;01.02.2008;Ж;;ИС-25\n`);
    sb.ok(['student', 'import', 't1.csv', '--order-no', '1-к', '--order-date', '25.08.2025']);
    writeFileSync(sb.path('t2.csv'), `${header}\nВолкова;Мария;Петровна;01.02.2008;Ж;123-456-789 64;ИС-25\n`);
    const twin = sb.run(['student', 'import', 't2.csv', '--order-no', '1-к', '--order-date', '25.08.2025', '--json']);
    expect(twin.code).toBe(3);
    expect(JSON.parse(twin.stderr).error.details).toEqual([
      {
        row: 2, column: 'СНИЛС', value: '123-456-789 64',
        reason: 'this СНИЛС is on file for Волкова Анна Петровна, born 01.02.2008: another first name, so most likely another person (a twin, a sibling); check the СНИЛС, or change the name first with `registrar student update`',
      },
    ]);
    expect(sb.ok(['student', 'show', '123-456-789 64', '--json']).json()).toMatchObject({ lastName: 'Волкова', firstName: 'Анна' });
    writeFileSync(sb.path('t3.csv'), `${header}\nСоколова;Анна;Петровна;01.02.2008;Ж;123-456-789 64;ИС-25\n`);
    expect(sb.ok(['student', 'import', 't3.csv', '--order-no', '1-к', '--order-date', '25.08.2025', '--json']).json()).toMatchObject({ updated: 1 });
    expect(sb.ok(['student', 'show', '123-456-789 64', '--json']).json()).toMatchObject({ lastName: 'Соколова', firstName: 'Анна' });
  });

  it('a row of the same enrolment in another group is refused, not reported unchanged', async () => {
    sb = college();
    writeFileSync(sb.path('f1.csv'), 'Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа\nКим;Анна;;02.02.2009;Ж;;ИС-25\n');
    sb.ok(['student', 'import', 'f1.csv', '--order-no', '1-к', '--order-date', '25.08.2025']);
    writeFileSync(sb.path('f5.csv'), 'ФИО;Дата рождения;Пол;Группа\nКим Анна;02.02.2009;Ж;ИС-24\n');
    const r = sb.run(['student', 'import', 'f5.csv', '--order-no', '1-к', '--order-date', '25.08.2025', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr).error.details).toEqual([
      { row: 2, column: 'Группа', value: 'ИС-24', reason: 'this order enrolled the student into ИС-25, not this group: the group may differ only by a transfer order' },
    ]);
    // The same row in its own group is that enrolment: unchanged.
    writeFileSync(sb.path('f6.csv'), 'ФИО;Дата рождения;Пол;Группа\nКим Анна;02.02.2009;Ж;ис-25\n');
    expect(sb.ok(['student', 'import', 'f6.csv', '--order-no', '1-к', '--order-date', '25.08.2025', '--json']).json()).toMatchObject({ unchanged: 1 });
  });

  it('a header with no rows under it imports nothing and says so; missing columns name the file', async () => {
    sb = college();
    writeFileSync(sb.path('empty.csv'), 'Фамилия;Имя;Дата рождения;Пол;Группа\n');
    const empty = sb.ok(['student', 'import', 'empty.csv', '--order-no', '1-к', '--order-date', '25.08.2025']);
    expect(empty.stderr).toContain('warning: empty.csv has a header and no rows under it: nothing to import');
    writeFileSync(sb.path('names.csv'), 'Фамилия;Имя\nИванов;Иван\n');
    const missing = sb.run(['student', 'import', 'names.csv', '--order-no', '1-к', '--order-date', '25.08.2025']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('names.csv: missing required column(s): Дата рождения (birth_date), Пол (sex)');
  });

  it('refuses a two-digit year naming the accepted forms', async () => {
    sb = college();
    writeFileSync(sb.path('yy.csv'), 'Фамилия;Имя;Дата рождения;Пол;Группа\nИванов;Иван;07.07.09;М;ИС-25\n');
    const r = sb.run(['student', 'import', 'yy.csv', ...ORDER, '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stderr).error.details).toEqual([{ row: 2, column: 'Дата рождения', value: '07.07.09', reason: NOT_A_DATE }]);
  });

  it('refuses a file in an encoding it does not read (KOI8-R), naming the encoding detected and those it reads', async () => {
    sb = college();
    // KOI8-R bytes, by inverting Node's decoder (Node has no encoder for it).
    const decoder = new TextDecoder('koi8-r');
    const koi8 = new Map(Array.from({ length: 256 }, (_, b) => [decoder.decode(Uint8Array.of(b)), b] as const));
    const list = 'Фамилия;Имя;Отчество;Дата рождения;Пол;Группа\nИванов;Иван;Иванович;01.01.2009;М;ИС-25\nПетрова;Анна;Сергеевна;02.02.2009;Ж;ИС-25\n';
    writeFileSync(sb.path('koi8.csv'), Buffer.from([...list].map((ch) => koi8.get(ch)!)));
    const r = sb.run(['student', 'import', 'koi8.csv', ...ORDER]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('koi8.csv: read as cp1251, the encoding it looks most like, the text is garbled');
    expect(r.stderr).toContain('registrar reads utf8, cp1251, cp866, utf16');
    expect(r.stderr).not.toContain('Missing required column');
    const json = sb.run(['student', 'import', 'koi8.csv', ...ORDER, '--json']);
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'encoding_implausible', details: { encoding: 'cp1251', detected: true } });
    expect(await query<any>(sb.db, 'SELECT count(*) AS n FROM person')).toEqual([{ n: 0 }]);
  });

  it('names a missing required column before reading any row', async () => {
    sb = college();
    writeFileSync(sb.path('nosex.csv'), cp1251('Фамилия;Имя;Дата рождения;Группа\nИванов;Иван;01.01.2009;ИС-25\n'));
    const r = sb.run(['student', 'import', 'nosex.csv', ...ORDER]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Пол (sex)');
    expect(r.stderr).not.toMatch(/row 2/);
    const noOrder = sb.run(['student', 'import', 'nosex.csv']);
    expect(noOrder.stderr).toContain('Номер приказа (order_no; or give --order-no)');
  });

  it('takes orders from columns: one order per number and date, each carrying its students', async () => {
    sb = college();
    writeFileSync(sb.path('orders.csv'), cp1251(
      'Ф.И.О.;Д.р.;ПОЛ;Группа;№ приказа;Дата приказа;Примечание\n' +
      'Иванов Иван Иванович;01.01.2009;м;ИС-25;10-к;20.08.2025;из колледжа\n' +
      'Петрова Анна Сергеевна;02.02.2009;ж;ИС-25;10-к;20.08.2025;\n' +
      'Сидоров Олег Петрович;03.03.2008;м;ИС-24;11-к;21.08.2025;\n'));
    const r = sb.ok(['student', 'import', 'orders.csv', '--json']);
    expect(r.json()).toMatchObject({ created: 3, order: null, orders: [{ number: '10-к', date: '2025-08-20', students: 2 }, { number: '11-к', date: '2025-08-21', students: 1 }], ignoredColumns: ['Примечание'] });
    expect(r.stderr).toMatch(/Примечание/);
    expect(await query(sb.db, 'SELECT number, kind FROM "order" ORDER BY number')).toEqual([{ number: '10-к', kind: 'enroll' }, { number: '11-к', kind: 'enroll' }]);
  });

  it('--map names columns it cannot guess; --group fills a missing group column', async () => {
    sb = college();
    writeFileSync(sb.path('odd.csv'), 'Студент,Родился,Пол\nИванов Иван Иванович,01.01.2009,М\n');
    expect(sb.run(['student', 'import', 'odd.csv', ...ORDER, '--group', 'ИС-25']).code).toBe(3);
    const r = sb.ok(['student', 'import', 'odd.csv', ...ORDER, '--group', 'ИС-25', '--map', 'Студент=full_name,Родился=birth_date', '--json']).json();
    expect(r.created).toBe(1);
    expect(await query(sb.db, 'SELECT last_name, first_name, middle_name, birth_date FROM person')).toEqual([{ last_name: 'Иванов', first_name: 'Иван', middle_name: 'Иванович', birth_date: '2009-01-01' }]);
  });

  it('the same person twice without СНИЛС (name and birth date) rejects the later row, naming the earlier', async () => {
    sb = college();
    writeFileSync(sb.path('dup.csv'), 'Фамилия;Имя;Отчество;Дата рождения;Пол;Группа\nИванов;Иван;Иванович;01.01.2009;М;ИС-25\nИВАНОВ;иван;Иванович;2009-01-01;М;ИС-24\n');
    const r = sb.run(['student', 'import', 'dup.csv', ...ORDER, '--json']);
    expect(JSON.parse(r.stderr).error.details).toEqual([{ row: 3, column: 'Фамилия', value: 'Иванов', reason: 'the same person as row 2' }]);
  });

  it('matches people already in the store: changed fields are updated with before/after; active elsewhere is a transfer', async () => {
    sb = college();
    const list = 'Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Группа;Телефон\nЩеглова;Юлия;Сергеевна;14.03.2009;Ж;112-233-445 95;ИС-25;+7 914 220-11-33\n';
    writeFileSync(sb.path('a.csv'), list);
    sb.ok(['student', 'import', 'a.csv', ...ORDER]);
    writeFileSync(sb.path('b.csv'), list.replace('+7 914 220-11-33', '8 914 555 44 33').replace('Щеглова', 'Щеглова-Ким'));
    const r = sb.ok(['student', 'import', 'b.csv', ...ORDER, '--json']).json();
    expect(r).toMatchObject({ created: 0, updated: 1 });
    expect(r.changes[0]).toMatchObject({ row: 2, before: { lastName: 'Щеглова', phone: '+7 914 220-11-33' }, after: { lastName: 'Щеглова-Ким', phone: '+7 914 555-44-33' } });
    const [audit] = await query<any>(sb.db, "SELECT after FROM audit WHERE entity = 'student' AND action = 'import' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(audit.after).updated[0].before.phone).toBe('+7 914 220-11-33');

    writeFileSync(sb.path('c.csv'), list.replace('ИС-25', 'ИС-24'));
    const moved = sb.run(['student', 'import', 'c.csv', '--order-no', '13-к', '--order-date', '26.08.2025', '--json']);
    expect(moved.code).toBe(3);
    expect(JSON.parse(moved.stderr).error.details[0].reason).toMatch(/already active in group ИС-25: that is a transfer order/);
  });

  it('re-importing the enrolment list after later orders changes nothing: the row is that enrolment', async () => {
    sb = college();
    sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid']);
    sb.ok(['order', 'expel', '--no', '45-к', '--date', '2025-09-20', 'Щеглова Юлия Сергеевна']);
    sb.ok(['order', 'transfer', '--no', '46-к', '--date', '2025-09-21', '--group', 'ИС-24', 'Белова Надежда Олеговна']);
    const again = sb.ok(['student', 'import', FIXTURE_CSV, ...ORDER, '--skip-invalid', '--json']).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 32 });
    // under another enrolment order the same rows are conflicts: a restore and a transfer
    const other = sb.run(['student', 'import', FIXTURE_CSV, '--order-no', '50-к', '--order-date', '01.10.2025', '--skip-invalid', '--json']).json();
    const reasons = other.rejected.filter((r: any) => ![7, 15, 22, 23, 32, 39, 40].includes(r.row)).map((r: any) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/expelled|отчислен/), expect.stringMatching(/transfer order/)]));
  });

  it('an encoding forced wrong shows up as missing columns, not as garbage in the store', async () => {
    sb = college();
    writeFileSync(sb.path('utf.csv'), 'Фамилия;Имя;Дата рождения;Пол;Группа\nИванов;Иван;01.01.2009;М;ИС-25\n');
    const r = sb.run(['student', 'import', 'utf.csv', ...ORDER, '--encoding', 'cp1251']);
    expect(r.code).toBe(3);
    expect(await count(sb.db, 'person')).toBe(0);
    sb.ok(['student', 'import', 'utf.csv', ...ORDER, '--encoding', 'utf8']);
  });
});
