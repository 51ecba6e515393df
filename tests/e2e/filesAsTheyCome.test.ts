// Issue 9 (files as they come) and issue 8 point 6 (text bounded and clean), end to end: each
// file is built here for its case; assertions read the store afterwards, field by field.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { query, Sandbox } from './harness.js';
import { readZipDirectory } from '../../src/io/xlsxLimits.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup?.());

function college(): Sandbox {
  const s = new Sandbox().init();
  s.ok(['program', 'add', '09.02.07', 'Информационные системы и программирование', '--duration', '3г10м']);
  s.ok(['group', 'create', 'ИС-25', '--program', '09.02.07', '--course', '1']);
  return s;
}

const ORDER = ['--order-no', '12-к', '--order-date', '25.08.2025'];
const people = (s: Sandbox) =>
  query<{ last_name: string; first_name: string; middle_name: string | null; birth_date: string; snils: string | null; phone: string | null }>(
    s.db,
    'SELECT last_name, first_name, middle_name, birth_date, snils, phone FROM person ORDER BY id',
  );

/** cp866 bytes (Excel's "CSV (MS-DOS)") for ASCII and А–я. */
function cp866(text: string): Buffer {
  return Buffer.from([...text].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) return c;
    if (c >= 0x410 && c <= 0x43f) return c - 0x410 + 0x80;
    if (c >= 0x440 && c <= 0x44f) return c - 0x440 + 0xe0;
    throw new Error(`no cp866 byte for ${ch}`);
  }));
}

function workbook(sheets: { name: string; rows: unknown[][]; hidden?: boolean; hiddenRows?: number[] }[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows);
    if (s.hiddenRows) ws['!rows'] = s.rows.map((_, i) => (s.hiddenRows!.includes(i + 1) ? { hidden: true } : {}));
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ? 1 : 0 })) } as XLSX.WBProps as never;
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', cellStyles: true }) as Buffer;
}

describe('files as they come: where the table starts and ends', () => {
  it('finds the header under title rows and a sep= line, leaves the total row out', async () => {
    sb = college();
    writeFileSync(sb.path('titled.csv'), 'sep=;\nСписок обучающихся группы ИС-25;;;;;\n;;;;;\nФамилия;Имя;Отчество;Дата рождения;Пол;Группа\nЩеглова;Юлия;Сергеевна;5.5.2009;Ж;ИС-25\nИтого: 1;;;;;\n');
    const r = sb.ok(['student', 'import', 'titled.csv', ...ORDER, '--json']).json();
    expect(r).toMatchObject({ rows: 1, created: 1, read: { headerRow: 3, totalRows: [5] } });
    expect(await people(sb)).toEqual([{ last_name: 'Щеглова', first_name: 'Юлия', middle_name: 'Сергеевна', birth_date: '2009-05-05', snils: null, phone: null }]);
  });

  it('reads a header split over two rows (ФИО merged over Фамилия | Имя | Отчество) from the first visible sheet that has the columns', async () => {
    sb = college();
    writeFileSync(sb.path('split.xlsx'), workbook([
      { name: 'Скрытый', hidden: true, rows: [['Фамилия', 'Имя', 'Дата рождения', 'Пол', 'Группа'], ['Тайнов', 'Иван', '01.01.2009', 'М', 'ИС-25']] },
      { name: 'Сводка', rows: [['Всего групп', 1]] },
      { name: 'Список', hiddenRows: [5], rows: [['Список обучающихся'], ['ФИО', null, null, 'Дата рождения', 'Пол', 'Группа'], ['Фамилия', 'Имя', 'Отчество'], ['Павлов', 'Глеб', 'Романович', '14.03.2009', 'М', 'ИС-25'], ['Скрытов', 'Олег', '', '14.03.2009', 'М', 'ИС-25']] },
    ]));
    const r = sb.ok(['student', 'import', 'split.xlsx', ...ORDER, '--json']).json();
    expect(r).toMatchObject({ created: 1, read: { sheet: 'Список', headerRow: 3, hiddenRows: [5], hidden: 'skip' } });
    expect((await people(sb)).map((p) => [p.last_name, p.first_name, p.middle_name])).toEqual([['Павлов', 'Глеб', 'Романович']]);
    // --hidden include takes the hidden row too.
    const again = sb.ok(['student', 'import', 'split.xlsx', ...ORDER, '--hidden', 'include', '--json']).json();
    expect(again).toMatchObject({ created: 1, unchanged: 1 });
  });

  it('names every sheet and what it lacks when none has the columns', () => {
    sb = college();
    writeFileSync(sb.path('none.xlsx'), workbook([{ name: 'А', rows: [['Фамилия', 'Имя'], ['Иванов', 'Иван']] }, { name: 'Б', rows: [['x', 'y']] }]));
    const r = sb.run(['student', 'import', 'none.xlsx', ...ORDER]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('«А» lacks');
    expect(r.stderr).toContain('«Б» lacks');
    expect(r.stderr).toContain('Группа (group; or give --group)');
  });
});

describe('files as they come: encodings', () => {
  it('reads cp866 and UTF-16 with a BOM; a forced wrong encoding is refused naming it', async () => {
    sb = college();
    const list = 'Фамилия;Имя;Дата рождения;Пол;Группа\r\nПетров;Иван;14.03.2009;М;ИС-25\r\n';
    writeFileSync(sb.path('dos.csv'), cp866(list));
    expect(sb.ok(['student', 'import', 'dos.csv', ...ORDER, '--json']).json()).toMatchObject({ created: 1 });
    writeFileSync(sb.path('u16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(list.replaceAll(';', '\t').replace('Петров', 'Сидоров'), 'utf16le')]));
    expect(sb.ok(['student', 'import', 'u16.txt', ...ORDER, '--json']).json()).toMatchObject({ created: 1 });
    expect((await people(sb)).map((p) => p.last_name)).toEqual(['Петров', 'Сидоров']);
    const wrong = sb.run(['student', 'import', 'dos.csv', ...ORDER, '--encoding', 'Windows-1251']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('cp1251');
    expect(sb.run(['student', 'import', 'dos.csv', '--encoding', 'koi8']).code).toBe(2);
  });
});

describe('files as they come: names, numbers, optional fields', () => {
  it('splits ФИО cells, refuses initials and four words with the reason, folds look-alikes, restores СНИЛС zeros, keeps an odd phone', async () => {
    sb = college();
    writeFileSync(sb.path('names.csv'), [
      'ФИО;Дата рождения;Пол;Группа;СНИЛС;Телефон',
      'АЛИЕВ РУСЛАН РАШИД ОГЛЫ;14.03.2009;М;ИC-25;;',
      'Сидoренко Анна Ивановна;2009-03-14T00:00:00;Ж;ИС-25;1234567819;12-34',
      'Павлов Г.Р.;14.03.2009;М;ИС-25;;',
      'Петрова Водкина Анна Сергеевна;14.03.2009;Ж;ИС-25;;',
    ].join('\n'));
    const r = sb.run(['student', 'import', 'names.csv', ...ORDER, '--skip-invalid', '--json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.rejected.map((x: { row: number; reason: string }) => [x.row, x.reason])).toEqual([
      [4, 'initials, not a name: write the first name and patronymic in full'],
      [5, '4 words: cannot tell the surname, first name and patronymic apart; use separate columns Фамилия, Имя, Отчество'],
    ]);
    expect(await people(sb)).toEqual([
      { last_name: 'Алиев', first_name: 'Руслан', middle_name: 'Рашид оглы', birth_date: '2009-03-14', snils: null, phone: null },
      { last_name: 'Сидоренко', first_name: 'Анна', middle_name: 'Ивановна', birth_date: '2009-03-14', snils: '012-345-678 19', phone: '12-34' },
    ]);
    expect(r.stderr).toMatch(/Latin letters inside a Cyrillic word/);
  });

  it('refuses a formula, NUL and escape sequences as names; a 4-million-character surname ends quickly in exit 3', async () => {
    sb = college();
    writeFileSync(sb.path('evil.csv'), 'Фамилия;Имя;Дата рождения;Пол;Группа\n=HYPERLINK("http://x");Иван;14.03.2009;М;ИС-25\nИванов\u001b[2J;Иван;14.03.2009;М;ИС-25\n');
    const r = sb.run(['student', 'import', 'evil.csv', ...ORDER]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('may hold only letters');
    expect(r.stderr).toContain('control characters');
    // A NUL byte never belongs in a list: the whole file is refused as unreadable text.
    writeFileSync(sb.path('nul.csv'), 'Фамилия;Имя;Дата рождения;Пол;Группа\nИванов\u0000;Иван;14.03.2009;М;ИС-25\n');
    expect(sb.run(['student', 'import', 'nul.csv', ...ORDER]).code).toBe(3);
    writeFileSync(sb.path('long.csv'), `Фамилия;Имя;Дата рождения;Пол;Группа\n${'Я'.repeat(4_000_000)};Иван;14.03.2009;М;ИС-25\n`);
    const started = Date.now();
    const long = sb.run(['student', 'import', 'long.csv', ...ORDER]);
    expect(long.code).toBe(3);
    expect(long.stderr.length).toBeLessThan(2000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await people(sb)).toEqual([]);
  });
});

describe('files as they come: admission into next year', () => {
  it('--year reaches the groups of another year; a missing group names the year it looked in', async () => {
    sb = college();
    const list = 'Фамилия;Имя;Дата рождения;Пол;Группа\nНовиков;Иван;14.03.2010;М;ИС-26\n';
    writeFileSync(sb.path('next.csv'), list);
    const r = sb.run(['student', 'import', 'next.csv', ...ORDER]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('no such group in the year 2025/2026');
    // Next year's group, and every command that names a group reaches it with --year.
    sb.ok(['year', 'create', '2026/2027']);
    sb.ok(['group', 'create', 'ИС-26', '--program', '09.02.07', '--course', '1', '--year', '2026/2027']);
    const admitted = sb.ok(['student', 'import', 'next.csv', '--year', '2026/2027', '--order-no', '3-к', '--order-date', '28.08.2026', '--json']).json();
    expect(admitted).toMatchObject({ created: 1 });
    expect(sb.ok(['group', 'show', 'ИС-26', '--year', '2026/2027', '--json']).json()).toMatchObject({ name: 'ИС-26', year: '2026/2027' });
    const listed = sb.ok(['student', 'list', '--group', 'ИС-26', '--year', '2026/2027', '--json']).json();
    expect(listed.map((x: { lastName: string }) => x.lastName)).toEqual(['Новиков']);
    // Credentials for next year's group: its students as of the year's first day (nobody is in it today).
    const issued = sb.ok(['credentials', 'issue', '--group', 'ИС-26', '--year', '2026/2027', '--out', 'ИС-26.html', '--json']).json();
    expect(issued).toMatchObject({ created: 1 });
    expect(sb.ok(['credentials', 'list', '--group', 'ИС-26', '--year', '2026/2027', '--json']).json()).toHaveLength(1);
    expect(sb.ok(['credentials', 'reset', '--yes', '--group', 'ИС-26', '--year', '2026/2027', '--out', 'reset.html', '--json']).json()).toMatchObject({ reset: 1 });
    // Without --year, the current year: the refusal names the year it looked in.
    for (const args of [['group', 'show', 'ИС-26'], ['student', 'list', '--group', 'ИС-26'], ['credentials', 'list', '--group', 'ИС-26']]) {
      const missing = sb.run(args);
      expect(missing.code, args.join(' ')).toBe(3);
      expect(missing.stderr, args.join(' ')).toContain('No group ИС-26 in 2025/2026');
    }
  });

  it('a date flag that is not a date names the forms it accepts (code bad_date, exit 3)', () => {
    sb = college();
    writeFileSync(sb.path('one.csv'), 'Фамилия;Имя;Дата рождения;Пол;Группа\nДатов;Иван;14.03.2009;М;ИС-25\n');
    const r = sb.run(['student', 'import', 'one.csv', '--order-no', '1', '--order-date', '31.02.2025']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--order-date: "31.02.2025" is not a date; accepted: 14.03.2009, 5.3.2009, 2009-03-14');
    const json = sb.run(['student', 'import', 'one.csv', '--order-no', '1', '--order-date', '14.03.09', '--json']);
    expect(JSON.parse(json.stdout || json.stderr)).toMatchObject({ error: { code: 'bad_date', details: { option: '--order-date', value: '14.03.09' } } });
  });
});

describe('files as they come: bounded work', () => {
  it('refuses files built to exhaust time or memory with exit 3 and a message', () => {
    sb = college();
    writeFileSync(sb.path('blank.csv'), 'Фамилия;Имя\r\n' + '\r\n'.repeat(2_000_000));
    const blank = sb.run(['student', 'import', 'blank.csv', ...ORDER]);
    expect(blank.code).toBe(3);
    expect(blank.stderr).toContain('more than 200000 rows');
    writeFileSync(sb.path('semis.csv'), ';;;;;;;;;;;;;;;;;;;\n'.repeat(3_000_000));
    expect(sb.run(['student', 'import', 'semis.csv', ...ORDER]).code).toBe(3);
    writeFileSync(sb.path('wide.csv'), 'Фамилия;Имя' + ';x'.repeat(5000) + '\n');
    expect(sb.run(['student', 'import', 'wide.csv', ...ORDER]).stderr).toContain('more than 1000 columns');
    // A workbook whose shared strings inflate far beyond their compressed size.
    const rows: unknown[][] = [['Фамилия', 'Имя']];
    for (let i = 0; i < 300; i++) rows.push([`${'а'.repeat(30_000)}${i}`, 'Иван']);
    writeFileSync(sb.path('bomb.xlsx'), workbook([{ name: 'S', rows }]));
    const bomb = sb.run(['student', 'import', 'bomb.xlsx', ...ORDER]);
    expect(bomb.code).toBe(3);
    expect(bomb.stderr).toMatch(/compressed \d+ times|unpacks to|characters, more than the limit/);
    sb.ok(['config', 'set', 'import.maxUnpackedMegabytes', '1']);
    writeFileSync(sb.path('big.xlsx'), workbook([{ name: 'S', rows: rows.slice(0, 60) }]));
    expect(sb.run(['student', 'import', 'big.xlsx', ...ORDER]).stderr).toMatch(/unpacks to .* more than the limit of/);
  });
});

describe('files as they come: staff import and guardian import read the same cells the same way', () => {
  // One crafted file, run through all three imports (each into its own store). The columns a
  // command does not know are ignored; `--map` names ФИО and СНИЛС for the guardian import,
  // whose own headers say «ФИО представителя», «СНИЛС представителя».
  const crafted = [
    'ФИО;Дата рождения;Пол;Группа;СНИЛС;Телефон;Email;СНИЛС обучающегося;Кем приходится',
    'Сидoренко Анна Ивановна;14.03.2005;Ж;ИС-25;1234567819;12-34;anna(at)mail;112-233-445 95;мать',
    'Павлов Г.Р.;14.03.2005;М;ИС-25;;;;112-233-445 95;отец',
    '=HYPERLINK("http://x") Иван Иванович;14.03.2005;М;ИС-25;;;;112-233-445 95;отец',
    'Петров Пётр Петрович;14.03.2005;М;ИС-25;1,12233E+10;;;112-233-445 95;отец',
  ].join('\n');
  const stored = (s: Sandbox) => query<{ last_name: string; snils: string | null; phone: string | null; email: string | null }>(s.db, "SELECT last_name, snils, phone, email FROM person WHERE last_name <> 'Ученикова' ORDER BY id");
  const reasons = (out: { rejected: { row: number; reason: string }[] }) => out.rejected.map((r) => [r.row, r.reason]);

  it('keeps an unreadable phone and e-mail with a warning, folds look-alikes, restores СНИЛС zeros and refuses the same names for the same reasons', async () => {
    const runs: { command: string; out: any; stderr: string; people: Awaited<ReturnType<typeof stored>> }[] = [];
    for (const command of ['student', 'staff', 'guardian']) {
      const s = college();
      if (command === 'guardian') s.ok(['student', 'add', '--last', 'Ученикова', '--first', 'Вера', '--birth-date', '01.02.2009', '--sex', 'Ж', '--snils', '112-233-445 95', '--group', 'ИС-25', ...ORDER]);
      writeFileSync(s.path('crafted.csv'), crafted);
      const args = command === 'student' ? ORDER : command === 'guardian' ? ['--map', 'ФИО=full_name,СНИЛС=snils'] : [];
      const r = s.run([command, 'import', 'crafted.csv', ...args, '--skip-invalid', '--json']);
      expect(r.code, `${command}: ${r.stderr}`).toBe(0);
      runs.push({ command, out: r.json().report ?? r.json(), stderr: r.stderr, people: await stored(s) });
      s.cleanup();
    }
    for (const { command, out, stderr, people } of runs) {
      expect(reasons(out), command).toEqual([
        [3, 'initials, not a name: write the first name and patronymic in full'],
        [4, expect.stringContaining('may hold only letters')],
        [5, expect.stringContaining('scientific notation')],
      ]);
      expect(people, command).toEqual([{ last_name: 'Сидоренко', snils: '012-345-678 19', phone: '12-34', email: 'anna(at)mail' }]);
      expect(stderr, command).toMatch(/Latin letters inside a Cyrillic word/);
      expect(stderr, command).toContain('Excel dropped the leading zeros');
      expect(stderr, command).toContain('not a Russian phone number; kept as typed');
      expect(stderr, command).toContain('not an e-mail address; kept as typed');
    }
  });
});

describe('files as they come: date cells in both of Excel’s date systems', () => {
  /** A workbook whose date cells are serial numbers in a date format, in the 1900 or the 1904 system. */
  function datedWorkbook(date1904: boolean, birth: number, order: number): Buffer {
    const ws = XLSX.utils.aoa_to_sheet([
      ['Фамилия', 'Имя', 'Дата рождения', 'Пол', 'Группа', 'Номер приказа', 'Дата приказа'],
      ['Датов', 'Иван', { t: 'n', v: birth, z: 'dd.mm.yyyy' }, 'М', 'ИС-25', '12-к', { t: 'n', v: order, z: 'd mmmm yyyy' }],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Список');
    wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904 } };
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  }

  it('reads 14.03.2009 and 25.08.2025 from a 1900 workbook (39886, 45894) and from a 1904 one (38424, 44432)', async () => {
    // By hand: 2009-01-01 is 39814 in the 1900 system, + 31 + 28 + 13 days = 39886; 2025-01-01 is
    // 45658, + 236 days = 45894. The 1904 system counts 1462 days fewer.
    for (const [date1904, birth, order] of [[false, 39886, 45894], [true, 38424, 44432]] as const) {
      sb = college();
      writeFileSync(sb.path('dated.xlsx'), datedWorkbook(date1904, birth, order));
      const r = sb.ok(['student', 'import', 'dated.xlsx', '--json']).json();
      expect(r, `date1904: ${date1904}`).toMatchObject({ created: 1, order: { number: '12-к', date: '2025-08-25' } });
      expect((await people(sb)).map((p) => p.birth_date), `date1904: ${date1904}`).toEqual(['2009-03-14']);
      sb.cleanup();
    }
  });
});

/**
 * The parts of a workbook SheetJS wrote (stored, uncompressed), for repacking: `edit` may
 * change any part's text, then every part is deflated at level 9 into a fresh ZIP.
 */
function repack(stored: Buffer, edit: (name: string, text: Buffer) => Buffer): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of readZipDirectory(stored)) {
    const nameLength = stored.readUInt16LE(e.localOffset + 26);
    const extraLength = stored.readUInt16LE(e.localOffset + 28);
    const start = e.localOffset + 30 + nameLength + extraLength;
    expect(e.method, 'SheetJS writes parts stored').toBe(0);
    const data = edit(e.name, stored.subarray(start, start + e.compressedSize));
    const packed = deflateRawSync(data, { level: 9 });
    const name = Buffer.from(e.name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(data), 14); head.writeUInt32LE(packed.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('files as they come: split headers, number formats, ZIP bombs', () => {
  it('reads a header split under a merged «Приказ о зачислении» over номер | дата, and names its columns in full', async () => {
    sb = college();
    const ws = XLSX.utils.aoa_to_sheet([
      ['Зачисление на 1 курс'],
      ['Фамилия', 'Имя', 'Дата рождения', 'Пол', 'Группа', 'Приказ о зачислении', null],
      [null, null, null, null, null, 'номер', 'дата'],
      ['Приказов', 'Олег', '14.03.2009', 'М', 'ИС-25', '12-к', '25.08.2025'],
      ['Датов', 'Пётр', '14.03.2009', 'М', 'ИС-25', '12-к', '31.02.2025'],
    ]);
    ws['!merges'] = [{ s: { r: 1, c: 5 }, e: { r: 1, c: 6 } }, ...[0, 1, 2, 3, 4].map((c) => ({ s: { r: 1, c }, e: { r: 2, c } }))];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Список');
    writeFileSync(sb.path('order.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = sb.run(['student', 'import', 'order.xlsx', '--skip-invalid', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = r.json();
    expect(out).toMatchObject({ created: 1, read: { headerRow: 3 }, order: { number: '12-к', date: '2025-08-25' } });
    expect(out.rejected).toEqual([{ row: 5, column: 'Приказ о зачислении / дата', value: '31.02.2025', reason: expect.stringContaining('accepted: 14.03.2009') }]);
  });

  it('reads a СНИЛС typed into a number cell formatted 000-000-000 00, its leading zero shown by the format', async () => {
    sb = college();
    // 012-345-678 19 as a number is 1234567819: Excel shows it with the zero through the format.
    const ws = XLSX.utils.aoa_to_sheet([
      ['Фамилия', 'Имя', 'Дата рождения', 'Пол', 'Группа', 'СНИЛС', 'Телефон'],
      ['Числов', 'Иван', '14.03.2009', 'М', 'ИС-25', { t: 'n', v: 1234567819, z: '000-000-000 00' }, { t: 'n', v: 9123456789, z: '+7 (000) 000-00-00' }],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    writeFileSync(sb.path('numbers.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = sb.ok(['student', 'import', 'numbers.xlsx', ...ORDER, '--json']).json();
    expect(r).toMatchObject({ created: 1, warnings: [] });
    expect(await people(sb)).toEqual([{ last_name: 'Числов', first_name: 'Иван', middle_name: null, birth_date: '2009-03-14', snils: '012-345-678 19', phone: '+7 912 345-67-89' }]);
  });

  it('refuses a workbook whose sheet is compressed more than 500 times (a ZIP bomb) before reading it: import and journal grid alike', () => {
    sb = college();
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Фамилия', 'Имя'], ['Иванов', 'Иван']]), 'S');
    // 8 MiB of spaces inside <sheetData>: valid XML, about 1000 times smaller once deflated.
    const bomb = repack(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer, (name, text) =>
      name.endsWith('sheet1.xml') ? Buffer.from(text.toString('utf8').replace('<sheetData>', `<sheetData>${' '.repeat(8 * 2 ** 20)}`)) : text,
    );
    const ratios = readZipDirectory(bomb).map((e) => e.uncompressedSize / e.compressedSize);
    expect(Math.max(...ratios)).toBeGreaterThan(500);
    writeFileSync(sb.path('bomb.xlsx'), bomb);
    for (const args of [['student', 'import', 'bomb.xlsx', ...ORDER], ['journal', 'import', 'bomb.xlsx', '--kind', 'marks', '--layout', 'grid']]) {
      const r = sb.run([...args, '--json']);
      expect(r.code, args.join(' ')).toBe(3);
      expect(JSON.parse(r.stdout || r.stderr).error.code, args.join(' ')).toBe('xlsx_ratio_too_high');
    }
  });
});
