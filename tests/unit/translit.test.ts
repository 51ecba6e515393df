import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loginBase, transliterate } from '../../src/domain/translit.js';

// The ICAO Doc 9303 table, written out by hand from the passport rules.
const TABLE: [string, string][] = [
  ['а', 'a'], ['б', 'b'], ['в', 'v'], ['г', 'g'], ['д', 'd'], ['е', 'e'], ['ё', 'e'],
  ['ж', 'zh'], ['з', 'z'], ['и', 'i'], ['й', 'i'], ['к', 'k'], ['л', 'l'], ['м', 'm'],
  ['н', 'n'], ['о', 'o'], ['п', 'p'], ['р', 'r'], ['с', 's'], ['т', 't'], ['у', 'u'],
  ['ф', 'f'], ['х', 'kh'], ['ц', 'ts'], ['ч', 'ch'], ['ш', 'sh'], ['щ', 'shch'], ['ъ', 'ie'],
  ['ы', 'y'], ['ь', ''], ['э', 'e'], ['ю', 'iu'], ['я', 'ia'],
];

const RUSSIAN = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';

describe('transliterate', () => {
  it('covers the whole Russian alphabet', () => {
    expect(TABLE.map(([c]) => c).join('')).toBe(RUSSIAN);
  });

  it.each(TABLE)('%s → "%s", in either case', (cyr, lat) => {
    expect(transliterate(cyr)).toBe(lat);
    expect(transliterate(cyr.toUpperCase())).toBe(lat);
  });

  it('transliterates whole words', () => {
    expect(transliterate('Щеглова')).toBe('shcheglova');
    expect(transliterate('Подъячев')).toBe('podieiachev');
    expect(transliterate('Фёдор Ильич')).toBe('fedor ilich');
    expect(transliterate('Хрущёв')).toBe('khrushchev');
  });

  it('passes Latin letters and digits through, lower-cased', () => {
    expect(transliterate('Smith 2б')).toBe('smith 2b');
  });

  it('reads a decomposed й and ё (letter plus combining mark)', () => {
    expect(transliterate('Сергеи\u0306 Се\u0308мин')).toBe('sergei semin');
  });
});

describe('loginBase', () => {
  it('is the surname plus both initials', () => {
    expect(loginBase('Щеглова', 'Юлия', 'Сергеевна')).toBe('shcheglovais');
    expect(loginBase('Иванов', 'Иван', 'Иванович')).toBe('ivanovii');
  });

  it('takes only the first initial without a middle name', () => {
    expect(loginBase('Петров-Водкин', 'Кузьма')).toBe('petrovvodkink');
    expect(loginBase('Ким', 'Анна', '')).toBe('kima');
  });

  it('drops spaces, hyphens, apostrophes and accents', () => {
    expect(loginBase("Д'Артаньян", 'Шарль')).toBe('dartanians');
    expect(loginBase('Müller', 'José', 'Ли Мин')).toBe('mullerjl');
  });

  it('is empty for a name without letters', () => {
    expect(loginBase('-', '', '')).toBe('');
  });

  const cyrillicName = fc.string({
    unit: fc.constantFrom(...RUSSIAN, ...RUSSIAN.toUpperCase(), ' ', '-', "'"),
    maxLength: 20,
  });

  it('is always lower-case ASCII letters, non-empty when the surname has a sounding letter', () => {
    fc.assert(
      fc.property(cyrillicName, cyrillicName, fc.option(cyrillicName, { nil: undefined }), (last, first, middle) => {
        const base = loginBase(last, first, middle);
        expect(base).toMatch(/^[a-z]*$/);
        // ь is the one letter ICAO writes as nothing
        if (/[а-ъыэюяё]/.test(last.toLowerCase())) expect(base.length).toBeGreaterThan(0);
      }),
    );
  });
});
