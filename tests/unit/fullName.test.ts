import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitFullName } from '../../src/domain/fullName.js';
import { setLang, t } from '../../src/core/i18n.js';

const word = fc
  .tuple(fc.constantFrom(...'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ'), fc.array(fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщыьэюя'), { minLength: 1, maxLength: 10 }))
  .map(([h, t]) => h + t.join(''));

describe('splitFullName', () => {
  afterEach(() => setLang('en'));

  it('splits two, three and the Turkic four words', () => {
    expect(splitFullName('Иванов Иван Иванович')).toEqual({ ok: true, last: 'Иванов', first: 'Иван', middle: 'Иванович' });
    expect(splitFullName('  Иванов   Иван ')).toEqual({ ok: true, last: 'Иванов', first: 'Иван' });
    expect(splitFullName('Петрова-Водкина Анна Сергеевна')).toEqual({ ok: true, last: 'Петрова-Водкина', first: 'Анна', middle: 'Сергеевна' });
    expect(splitFullName('Алиев Руслан Рашид оглы')).toEqual({ ok: true, last: 'Алиев', first: 'Руслан', middle: 'Рашид оглы' });
    expect(splitFullName('Алиева Айгуль Рашид КЫЗЫ')).toEqual({ ok: true, last: 'Алиева', first: 'Айгуль', middle: 'Рашид кызы' });
    expect(splitFullName('Токтогулов Бакыт Асан уулу').ok).toBe(true);
  });

  it('title-cases names typed in one case, keeps mixed case', () => {
    expect(splitFullName('ИВАНОВ ИВАН ИВАНОВИЧ')).toEqual({ ok: true, last: 'Иванов', first: 'Иван', middle: 'Иванович' });
    expect(splitFullName('петрова-водкина анна')).toEqual({ ok: true, last: 'Петрова-Водкина', first: 'Анна' });
    expect(splitFullName('ДиКаприо Леонардо')).toEqual({ ok: true, last: 'ДиКаприо', first: 'Леонардо' });
  });

  it('refuses initials, one word, empty and ambiguous names with the reason', () => {
    for (const s of ['Павлов Г.Р.', 'Павлов Г. Р.', 'Г.Р. Павлов', 'Павлов Г.', 'Павлов Г Р', 'Павлов Григорий Р.']) {
      expect(splitFullName(s), s).toEqual({ ok: false, reason: t('name_initials') });
    }
    expect(splitFullName('Павлов')).toEqual({ ok: false, reason: t('name_one_word') });
    expect(splitFullName('  ')).toEqual({ ok: false, reason: t('name_empty') });
    const ambiguous = splitFullName('Петрова Водкина Анна Сергеевна');
    expect(ambiguous).toEqual({ ok: false, reason: t('name_ambiguous', { words: 4 }) });
    expect(splitFullName('Алиев Руслан оглы')).toMatchObject({ ok: false });
    setLang('ru');
    expect(splitFullName('Петрова Водкина Анна Сергеевна')).toMatchObject({ ok: false, reason: expect.stringContaining('Фамилия, Имя, Отчество') });
    expect(splitFullName('Павлов Г.Р.')).toMatchObject({ reason: expect.stringContaining('инициалы') });
  });

  it('gives back the words of any two or three word name, in order (property)', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 3 }), fc.boolean(), (words, upper) => {
        const typed = words.join(' ');
        const r = splitFullName(upper ? typed.toUpperCase() : typed);
        expect(r).toEqual({ ok: true, last: words[0], first: words[1], ...(words[2] ? { middle: words[2] } : {}) });
      }),
    );
  });
});
