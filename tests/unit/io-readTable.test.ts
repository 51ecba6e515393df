import { describe, it, expect, afterAll, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as XLSX from 'xlsx';
import fc from 'fast-check';
import { readTable } from '../../src/io/readTable.js';
import { csvText, writeTable } from '../../src/io/writeTable.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registrar-io-read-'));
let n = 0;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, `${n++}-${name}`);
  fs.writeFileSync(p, content);
  return p;
}

/** Test-only Windows-1251 encoder: ASCII, А–я, Ё, ё. */
function cp1251(s: string): Buffer {
  return Buffer.from(
    [...s].map((ch) => {
      const c = ch.codePointAt(0)!;
      if (c < 0x80) return c;
      if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`no cp1251 byte for ${ch}`);
    }),
  );
}

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string; exitCode: number; details: unknown }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string; exitCode: number; details: unknown };
  }
  throw new Error('expected a rejection');
}

const SAMPLE = 'Фамилия;Имя;Группа\nИванов;Пётр;ИС-21\nСёмина;Анна;ИС-22\n';

describe('readTable: CSV encodings and delimiters', () => {
  it('reads UTF-8 with ;', async () => {
    const t = await readTable(file('a.csv', SAMPLE), {});
    expect(t).toMatchObject({ format: 'csv', encoding: 'utf8', delimiter: ';', headers: ['Фамилия', 'Имя', 'Группа'] });
    expect(t.rows).toEqual([
      { row: 2, cells: ['Иванов', 'Пётр', 'ИС-21'] },
      { row: 3, cells: ['Сёмина', 'Анна', 'ИС-22'] },
    ]);
  });

  it('reads UTF-8 with BOM and , and strips the BOM', async () => {
    const t = await readTable(file('b.csv', '\ufeff' + SAMPLE.replaceAll(';', ',')), {});
    expect(t).toMatchObject({ encoding: 'utf8', delimiter: ',', headers: ['Фамилия', 'Имя', 'Группа'] });
    expect(t.rows[1].cells).toEqual(['Сёмина', 'Анна', 'ИС-22']);
  });

  it('reads Windows-1251 with tabs', async () => {
    const t = await readTable(file('c.txt', cp1251(SAMPLE.replaceAll(';', '\t').replaceAll('\n', '\r\n'))), {});
    expect(t).toMatchObject({ encoding: 'cp1251', delimiter: '\t', headers: ['Фамилия', 'Имя', 'Группа'] });
    expect(t.rows.map((r) => r.cells[1])).toEqual(['Пётр', 'Анна']);
    expect(t.rows[1].cells[0]).toBe('Сёмина');
  });

  it('reads Windows-1251 with ; and , too', async () => {
    for (const d of [';', ',']) {
      const t = await readTable(file('d.csv', cp1251(SAMPLE.replaceAll(';', d))), {});
      expect(t).toMatchObject({ encoding: 'cp1251', delimiter: d });
      expect(t.rows[0].cells).toEqual(['Иванов', 'Пётр', 'ИС-21']);
    }
  });

  it('--encoding overrides detection', async () => {
    const bytes = cp1251(SAMPLE);
    const err = await rejection(readTable(file('e.csv', bytes), { encoding: 'utf8' }));
    // Changed on purpose (issue 9): a wrong encoding is one refusal naming the encoding tried.
    expect(err.code).toBe('encoding_implausible');
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain('utf8');
    const forced = await rejection(readTable(file('f.csv', Buffer.from('Имя\nЁж\n')), { encoding: 'cp1251' }));
    expect(forced.code).toBe('encoding_implausible'); // UTF-8 bytes read as cp1251: refused, never stored as mojibake
    expect(forced.message).toContain('cp1251');
    const dos = await readTable(file('g.csv', Buffer.from([0x88, 0xac, 0xef, 0x0a, 0x8f, 0xa5, 0xe2, 0xe0, 0x0a])), { encoding: 'dos' });
    expect(dos).toMatchObject({ encoding: 'cp866', headers: ['Имя'], rows: [{ row: 2, cells: ['Петр'] }] });
  });

  it('reads UTF-16 with a BOM (Excel\'s "Unicode text", tab-separated)', async () => {
    const t = await readTable(file('u16.txt', Buffer.from('\ufeffФамилия\tИмя\r\nЁлкин\tИлья\r\n', 'utf16le')), {});
    expect(t).toMatchObject({ encoding: 'utf16le', delimiter: '\t', headers: ['Фамилия', 'Имя'], rows: [{ row: 2, cells: ['Ёлкин', 'Илья'] }] });
  });

  it('counts delimiters only outside quotes in the header; ties go ; , tab', async () => {
    const quoted = await readTable(file('q.csv', '"Фамилия, имя, отчество";Группа\n"Иванов, Пётр";ИС-21\n'), {});
    expect(quoted.delimiter).toBe(';');
    expect(quoted.headers).toEqual(['Фамилия, имя, отчество', 'Группа']);
    expect(quoted.rows[0].cells).toEqual(['Иванов, Пётр', 'ИС-21']);

    expect((await readTable(file('one.csv', 'ФИО\nИванов, Пётр\n'), {})).delimiter).toBe(';');
    expect((await readTable(file('tie.csv', 'a,b;c\n1,2;3\n'), {})).delimiter).toBe(';');
    expect((await readTable(file('tie2.csv', 'a,b\tc\n'), {})).delimiter).toBe(',');
    // A line that splits differently from the others does not outvote them: two lines split into 2 by `,`.
    expect((await readTable(file('hdr.csv', 'a,b\n1;2;3;4;5,6\n'), {})).delimiter).toBe(',');
  });

  it('is not misled by a title row above the table that holds another candidate', async () => {
    const lessons = 'Журнал ИС-25, сентябрь\nДата;Группа;Предмет;Преподаватель;Часы;Тема;Домашнее задание\n01.09.2025;ИС-25;УД.01;Новикова Мария Андреевна;2;Введение;§ 1\n';
    const t = await readTable(file('les.csv', lessons), {});
    expect(t.delimiter).toBe(';');
    expect(t.rows[0].cells).toEqual(['Дата', 'Группа', 'Предмет', 'Преподаватель', 'Часы', 'Тема', 'Домашнее задание']);
    // Commas in the table's cells count for nothing: they split the lines into different numbers of fields.
    const topics = 'Журнал, группа ИС-25, сентябрь 2025\r\n\r\nДата;Группа;Тема\r\n22.09.2025;ИС-25;Числа, дроби\r\n23.09.2025;ИС-25;Функции, графики, пределы\r\n';
    expect((await readTable(file('topics.csv', topics), {})).delimiter).toBe(';');
    // A tab-separated table under two titles with commas and semicolons.
    const tabs = 'Ведомость; группа ИС-25\nСеместр 1, 2025\nФамилия\tИмя\tОценка\nИванов\tИван\t5\nПетров\tПётр\t4\n';
    expect((await readTable(file('tabs.csv', tabs), {})).delimiter).toBe('\t');
  });

  it('takes the delimiter from the header row the user names on, not from the title rows above it', async () => {
    // Three titles split alike by `,` outvote a header and one row: --header-row leaves them out of the vote.
    const text = 'Журнал оценок, группа ИС-25\r\nСентябрь, 2025\r\nПреподаватель, Новикова М. А.\r\nДата;Группа;Предмет\r\n22.09.2025;ИС-25;ОУД.04\r\n';
    expect((await readTable(file('title.csv', text), {})).delimiter).toBe(',');
    const named = await readTable(file('title.csv', text), { headerRow: 4 });
    expect(named.delimiter).toBe(';');
    expect(named.headers).toEqual(['Дата', 'Группа', 'Предмет']);
    expect(named.rows.map((r) => r.cells)).toEqual([['22.09.2025', 'ИС-25', 'ОУД.04']]);
  });

  it('detects the delimiter a table was written with, under title lines that do not hold it (property)', async () => {
    // Small letters only: a letter soup of both cases can read as a wrong encoding (plausibleText).
    const letters = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcXYZ0123456789 .-§№';
    const text = (alphabet: string, minLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength: 12 });
    const filled = (s: string) => s.trim() !== '';
    const files = fc
      .tuple(fc.constantFrom(';', ',', '\t'), fc.integer({ min: 2, max: 8 }), fc.integer({ min: 2, max: 10 }))
      .chain(([delimiter, columns, lines]) =>
        fc.record({
          delimiter: fc.constant(delimiter),
          // Cells may hold any candidate, quotes and line breaks (the writer quotes them); each row has a filled cell.
          table: fc.array(fc.array(text(letters + ';,\t"\n', 0), { minLength: columns, maxLength: columns }).filter((row) => row.some(filled)), { minLength: lines, maxLength: lines }),
          // Fewer title lines than table lines, holding any candidate but the table's.
          titles: fc.array(text(letters + [';', ',', '\t'].filter((d) => d !== delimiter).join(''), 1).filter(filled), { maxLength: lines - 1 }),
        }),
      );
    await fc.assert(
      fc.asyncProperty(files, async ({ delimiter, table, titles }) => {
        const csv = titles.map((title) => title + '\n').join('') + csvText(table, { delimiter, plain: true });
        expect((await readTable(file('prop.csv', csv), {})).delimiter).toBe(delimiter);
      }),
      { numRuns: 200 },
    );
  });
});

describe('readTable: CSV structure and row numbers', () => {
  it('handles embedded delimiters, doubled quotes and line breaks; rows count records, not lines', async () => {
    const csv = [
      'Фамилия;Адрес;Примечание',
      'Иванов;"г. Ленск; ул. Мира, 1";"сказал ""да"""',
      'Петров;"строка 1',
      'строка 2',
      '',
      'строка 4";x',
      'Сидоров;ул. Ленина;',
    ].join('\r\n');
    const t = await readTable(file('multi.csv', csv), {});
    expect(t.rows).toEqual([
      { row: 2, cells: ['Иванов', 'г. Ленск; ул. Мира, 1', 'сказал "да"'] },
      { row: 3, cells: ['Петров', 'строка 1\r\nстрока 2\r\n\r\nстрока 4', 'x'] },
      { row: 4, cells: ['Сидоров', 'ул. Ленина', ''] },
    ]);
  });

  it('drops empty lines but keeps numbering, including before the header', async () => {
    const t = await readTable(file('gaps.csv', '\n;;\nФамилия;Имя\n\nИванов;Иван\n ; \u00a0\nПетров;Пётр\n\n'), {});
    expect(t.headers).toEqual(['Фамилия', 'Имя']);
    expect(t.delimiter).toBe(';');
    expect(t.rows).toEqual([
      { row: 5, cells: ['Иванов', 'Иван'] },
      { row: 7, cells: ['Петров', 'Пётр'] },
    ]);
  });

  it('trims cells, non-breaking spaces included, and pads short rows', async () => {
    const t = await readTable(file('trim.csv', ' Фамилия \u00a0;\tИмя;Отчество\n\u00a0Иванов ;" Иван "\n'), {});
    expect(t.headers).toEqual(['Фамилия', 'Имя', 'Отчество']);
    expect(t.rows[0].cells).toEqual(['Иванов', 'Иван', '']);
  });

  it('keeps extra cells beyond the header', async () => {
    const t = await readTable(file('wide.csv', 'a;b\n1;2;3\n'), {});
    expect(t.rows[0].cells).toEqual(['1', '2', '3']);
  });

  it('reports an unclosed quote with the file and the line where it opened', async () => {
    const p = file('bad.csv', 'Фамилия;Имя\nИванов;Иван\n\nПетров;"Пётр\nСидоров;Сидор\n');
    const err = await rejection(readTable(p, {}));
    expect(err.code).toBe('csv_malformed');
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(p);
    expect(err.details).toMatchObject({ file: p, line: 4 });
    expect(err.message).toContain('line 4');
  });

  it('refuses a file without a header', async () => {
    for (const content of ['', '\n\n', ' ; \n']) {
      const err = await rejection(readTable(file('empty.csv', content), {}));
      expect(err.code).toBe('no_header');
    }
  });

  it('refuses a missing file and a directory', async () => {
    expect((await rejection(readTable(path.join(dir, 'nope.csv'), {}))).code).toBe('file_not_found');
    expect((await rejection(readTable(dir, {}))).code).toBe('file_unreadable');
  });

  it('refuses a file over maxBytes, naming the file, the limit and the setting that raises it', async () => {
    const p = file('big.csv', 'a;b\n' + '1;2\n'.repeat(100));
    const err = await rejection(readTable(p, { maxBytes: 100 }));
    expect(err.code).toBe('file_too_large');
    expect(err.message).toBe(`${p} is larger than the limit of 100 B (setting import.maxMegabytes)`);
    expect(err.details).toMatchObject({ file: p, limit: 100 });
    await expect(readTable(p, { maxBytes: 1000 })).resolves.toMatchObject({ format: 'csv' });
    // Large limits are stated in MiB.
    const big = file('big2.csv', 'a;b\n' + 'x'.repeat(1.5 * 1024 * 1024));
    expect((await rejection(readTable(big, { maxBytes: 1024 * 1024 }))).message).toContain('1 MiB');
  });

  it('refuses old .xls and OLE (password-protected) files', async () => {
    expect((await rejection(readTable(file('old.xls', 'a;b\n'), {}))).code).toBe('format_unsupported');
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    expect((await rejection(readTable(file('secret.xlsx', ole), {}))).code).toBe('format_unsupported');
  });

  it('refuses a picture, a PDF or an archive as what it is, not as text in an unknown encoding', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
    const refused = await rejection(readTable(file('list.csv', png), {}));
    expect(refused).toMatchObject({ code: 'not_a_table', exitCode: 3, details: { kind: 'PNG' } });
    expect(refused.message).toMatch(/list\.csv is not a table: it is a PNG file/);
    expect((await rejection(readTable(file('scan.xlsx', '%PDF-1.7\n' + 'x'.repeat(100)), {}))).details).toMatchObject({ kind: 'PDF' });
    // Text that merely begins with such letters is still read as text.
    await expect(readTable(file('gif.csv', 'GIF;Имя\nx;y\n'), {})).resolves.toMatchObject({ format: 'csv' });
  });
});

describe('readTable: stdin', () => {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  afterEach(() => Object.defineProperty(process, 'stdin', original));
  const feed = (...chunks: Buffer[]) =>
    Object.defineProperty(process, 'stdin', { value: Readable.from(chunks), configurable: true });

  it('reads - as stdin', async () => {
    feed(cp1251('Фамилия,Имя\n'), cp1251('Ёлкин,Илья\n'));
    const t = await readTable('-', {});
    expect(t).toMatchObject({ format: 'csv', encoding: 'cp1251', delimiter: ',', headers: ['Фамилия', 'Имя'] });
    expect(t.rows).toEqual([{ row: 2, cells: ['Ёлкин', 'Илья'] }]);
  });

  it('bounds stdin by maxBytes', async () => {
    feed(Buffer.alloc(60, 'a'), Buffer.alloc(60, 'b'));
    expect((await rejection(readTable('-', { maxBytes: 100 }))).code).toBe('file_too_large');
  });
});

describe('readTable: XLSX', () => {
  /** Zone → its UTC offset in minutes on 1 January 2025, as getTimezoneOffset reports it. */
  const zones: Record<string, number> = {
    'Europe/Moscow': -180,
    'America/New_York': 300,
    'Asia/Kamchatka': -720,
    'Pacific/Pago_Pago': 660,
    UTC: 0,
  };
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  /** A workbook as Excel saves one: dates are serial numbers with a date format. */
  function workbook(sheets: Record<string, unknown[][]>): Buffer {
    const wb = XLSX.utils.book_new();
    for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  }

  it('round-trips what writeTable wrote: text, numbers, a numeric СНИЛС, guarded strings', async () => {
    const p = path.join(dir, 'round.xlsx');
    await writeTable(p, {
      name: 'Студенты',
      headers: ['Фамилия', 'СНИЛС', 'Средний балл', 'Комментарий', 'Дата рождения'],
      rows: [
        ['Иванов', 11223344595, 4.5, '=HYPERLINK("http://x")', '2008-03-30'],
        [],
        ['Ёлкин', 10000000001, -3, '+7 900 000-00-00', null],
      ],
    });
    const t = await readTable(p, {});
    expect(t.format).toBe('xlsx');
    expect(t.encoding).toBeUndefined();
    expect(t.headers).toEqual(['Фамилия', 'СНИЛС', 'Средний балл', 'Комментарий', 'Дата рождения']);
    expect(t.rows).toEqual([
      { row: 2, cells: ['Иванов', '11223344595', '4.5', '=HYPERLINK("http://x")', '2008-03-30'] },
      { row: 4, cells: ['Ёлкин', '10000000001', '-3', '+7 900 000-00-00', ''] },
    ]);
  });

  it('turns date cells into ISO dates whatever the time zone of writing and of reading', async () => {
    for (const [writeTz, writeOffset] of Object.entries(zones)) {
      process.env.TZ = writeTz;
      expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset(), 'TZ took effect').toBe(writeOffset);
      // A Date built in local time, as a program in that zone would; Excel itself stores serials.
      const bytes = workbook({
        Лист1: [
          ['Дата рождения', 'Дата приказа', 'Время', 'Число'],
          [new Date(2008, 2, 30), { t: 'n', v: 45901, z: 'dd.mm.yyyy' }, { t: 'n', v: 0.5, z: 'h:mm' }, 0.1 + 0.2],
          [{ t: 'n', v: 36526, z: 'm/d/yy' }, { t: 'n', v: 45657.99999, z: 'dd.mm.yyyy hh:mm' }, null, 1e21],
        ],
      });
      for (const readTz of Object.keys(zones)) {
        process.env.TZ = readTz;
        const t = await readTable(file('dates.xlsx', bytes), {});
        expect(t.rows, `written in ${writeTz}, read in ${readTz}`).toEqual([
          { row: 2, cells: ['2008-03-30', '2025-09-01', '12:00', '0.3'] },
          { row: 3, cells: ['2000-01-01', '2024-12-31', '', '1000000000000000000000'] },
        ]);
      }
    }
  });

  it('keeps numbers plain: no exponent, no grouping, leading zeros kept', async () => {
    const bytes = workbook({
      S: [
        ['a', 'b', 'c', 'd'],
        [{ t: 'n', v: 11223344595, z: '0.00E+00' }, { t: 'n', v: 1234567.891, z: '#,##0.00' }, { t: 'n', v: 12345, z: '000000' }, 1.5e-9],
      ],
    });
    const t = await readTable(file('num.xlsx', bytes), {});
    expect(t.rows[0].cells).toEqual(['11223344595', '1234567.891', '012345', '0.0000000015']);
  });

  it('reads the first sheet, or --sheet by name; an unknown sheet lists the names', async () => {
    const bytes = workbook({ Первый: [['a'], ['1']], Второй: [['b'], ['2']] });
    const p = file('sheets.xlsx', bytes);
    expect((await readTable(p, {})).headers).toEqual(['a']);
    expect(await readTable(p, { sheet: 'Второй' })).toMatchObject({ headers: ['b'], rows: [{ row: 2, cells: ['2'] }] });
    const err = await rejection(readTable(p, { sheet: 'Третий' }));
    expect(err.code).toBe('sheet_not_found');
    expect(err.message).toContain('Первый, Второй');
  });

  it('uses the sheet’s real row numbers: a header lower down, empty rows skipped', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      [],
      [],
      [null, 'Фамилия', 'Имя'],
      [],
      [null, 'Иванов', 'Иван'],
      [null, null, ' '],
      [null, 'Петров', 'Пётр'],
    ]);
    ws['!ref'] = 'B3:C7'; // as Excel records a table placed at B3 (SheetJS would say A1)
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const t = await readTable(file('offset.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), {});
    expect(t.headers).toEqual(['Фамилия', 'Имя']);
    expect(t.rows).toEqual([
      { row: 5, cells: ['Иванов', 'Иван'] },
      { row: 7, cells: ['Петров', 'Пётр'] },
    ]);
  });

  it('sniffs XLSX content whatever the extension; refuses a .xlsx that is not one', async () => {
    const bytes = workbook({ S: [['a'], [1]] });
    expect((await readTable(file('really.csv', bytes), {})).format).toBe('xlsx');
    expect((await rejection(readTable(file('fake.xlsx', 'a;b\n'), {}))).code).toBe('xlsx_invalid');
    expect((await rejection(readTable(file('broken.xlsx', Buffer.from('PK\x03\x04garbage')), {}))).code).toBe(
      'xlsx_invalid',
    );
  });

  it('refuses an empty sheet', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'S');
    const err = await rejection(readTable(file('empty.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer), {}));
    expect(err.code).toBe('no_header');
  });
});
