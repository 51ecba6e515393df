import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findHeaderRow, isTotalRow, sepHint } from '../../src/domain/tableShape.js';
import { STUDENT_FIELDS } from '../../src/domain/studentRow.js';
import type { FieldSpec } from '../../src/domain/fields.js';
import { setLang } from '../../src/core/i18n.js';

// A copy of the student fields' shape, so the tests do not move when studentRow.ts changes.
const FIELDS = {
  last_name: { aliases: ['Фамилия'] },
  first_name: { aliases: ['Имя'] },
  middle_name: { aliases: ['Отчество'] },
  full_name: { aliases: ['ФИО', 'Ф.И.О.'] },
  birth_date: { aliases: ['Дата рождения', 'Д.р.'] },
  sex: { aliases: ['Пол'] },
  snils: { aliases: ['СНИЛС', 'Номер СНИЛС'] },
  group: { aliases: ['Группа', 'Класс'] },
  order_no: { aliases: ['Номер приказа', '№ приказа', 'Приказ'] },
  order_date: { aliases: ['Дата приказа'] },
} satisfies Record<string, FieldSpec>;

const DATA = ['Иванов', 'Иван', 'Иванович', '14.03.2009', 'М', 'ИС-25'];

describe('findHeaderRow', () => {
  afterEach(() => setLang('en'));

  it('takes the first row when it is the header', () => {
    const r = findHeaderRow([['Фамилия', 'Имя', 'Дата рождения'], ['Иванов', 'Иван', '14.03.2009']], FIELDS);
    expect(r).toMatchObject({ found: true, index: 0, first: 0, matched: 3, columns: { last_name: 0, first_name: 1, birth_date: 2 } });
  });

  it('skips title rows, blank rows and a sep= line', () => {
    const rows = [
      ['sep=;'],
      ['Список обучающихся группы ИС-25', '', '', ''],
      [''],
      ['', 'на 01.09.2025'],
      ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Группа'],
      DATA,
    ];
    expect(findHeaderRow(rows, FIELDS)).toMatchObject({ found: true, index: 4, first: 4, matched: 6, headers: rows[4] });
  });

  it('combines a header split over two rows: ФИО over Фамилия | Имя | Отчество, Приказ over номер | дата', () => {
    const rows = [
      ['Список группы ИС-25'],
      ['№', 'ФИО', '', '', 'Дата рождения', 'Приказ о зачислении', ''],
      ['', 'Фамилия', 'Имя', 'Отчество', '', 'номер', 'дата'],
      ['1', ...DATA.slice(0, 4), '12-к', '01.09.2025'],
    ];
    const r = findHeaderRow(rows, FIELDS);
    expect(r).toMatchObject({
      found: true,
      index: 2,
      first: 1,
      columns: { last_name: 1, first_name: 2, middle_name: 3, birth_date: 4, order_no: 5, order_date: 6 },
      headers: ['№', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Номер приказа', 'Дата приказа'],
      labels: ['№', 'ФИО / Фамилия', 'ФИО / Имя', 'ФИО / Отчество', 'Дата рождения', 'Приказ о зачислении / номер', 'Приказ о зачислении / дата'],
    });
  });

  it('finds a split header under a single merged title cell', () => {
    const rows = [['ФИО', '', ''], ['Фамилия', 'Имя', 'Отчество'], DATA.slice(0, 3)];
    expect(findHeaderRow(rows, FIELDS)).toMatchObject({ found: true, index: 1, columns: { last_name: 0, first_name: 1, middle_name: 2 } });
  });

  it('works with the real student fields', () => {
    const rows = [['Список'], ['ФИО', 'Дата рождения', 'Пол', 'СНИЛС'], ['Иванов Иван', '14.03.2009', 'М', '']];
    expect(findHeaderRow(rows, STUDENT_FIELDS)).toMatchObject({ found: true, index: 1, matched: 4 });
  });

  it('does not take a data row or a title for the header', () => {
    const r = findHeaderRow([['Список обучающихся'], DATA, DATA], FIELDS);
    expect(r).toMatchObject({ found: false });
  });

  it('describes what it looked for and the closest row', () => {
    setLang('ru');
    const r = findHeaderRow([['Список'], ['ФИ', 'Пол', 'Год'], DATA], FIELDS, { maxScan: 10 });
    expect(r.found).toBe(false);
    if (r.found) return;
    expect(r.lookedFor).toContain('в первых 10 строках');
    expect(r.lookedFor).toContain('Фамилия, Имя, Отчество, ФИО');
    expect(r.best).toMatchObject({ index: 1, matched: 1, cells: ['ФИ', 'Пол', 'Год'] });
    expect(r.best!.description).toContain('строка 2');
  });

  it('finds the header wherever it is among the first rows, behind any titles (property)', () => {
    const title = fc.oneof(fc.constant(['Список обучающихся группы ИС-25']), fc.constant(['']), fc.constant(['sep=;']), fc.constant(['Колледж', '', '', '']));
    fc.assert(
      fc.property(fc.array(title, { maxLength: 10 }), fc.shuffledSubarray(['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Группа', 'СНИЛС'], { minLength: 2 }), (titles, header) => {
        const r = findHeaderRow([...titles, header, DATA], FIELDS);
        expect(r).toMatchObject({ found: true, index: titles.length, matched: header.length });
      }),
    );
  });
});

describe('sepHint', () => {
  it("reads Excel's delimiter line", () => {
    expect(sepHint('sep=;')).toBe(';');
    expect(sepHint('"sep=,"')).toBe(',');
    expect(sepHint('SEP=\t')).toBe('\t');
    expect(sepHint('\uFEFFsep=;;;')).toBe(';');
    expect(sepHint('Фамилия;Имя')).toBeUndefined();
    expect(sepHint('sep=;x')).toBeUndefined();
  });
});

describe('isTotalRow', () => {
  it('recognises a total row', () => {
    for (const cells of [['Итого: 7'], ['Всего', '', '25'], ['ИТОГО обучающихся 25'], ['', 'Итого:', '7 чел.'.replace(' чел.', '')], ['Total', '12']]) {
      expect(isTotalRow(cells), cells.join('|')).toBe(true);
    }
  });
  it('never takes a row that starts with a name for a total (property)', () => {
    const name = fc.array(fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщыьэюя'), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.constantFrom('Итого', 'Всего', 'ИТОГО', 'Иван', 'Всеволод'), name, fc.array(fc.constantFrom('14.03.2009', 'М', '7', '')), (start, rest, cells) => {
        expect(isTotalRow([start + rest, ...cells])).toBe(false);
      }),
    );
  });

  it('does not take a student for a total', () => {
    for (const cells of [DATA, ['Всеволодов', 'Иван'], ['Итогов', 'Пётр', '14.03.2009'], ['Итого', 'Иванов'], [], ['', '']]) {
      expect(isTotalRow(cells), cells.join('|')).toBe(false);
    }
  });
});
