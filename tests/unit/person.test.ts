import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  AGE_LIMITS,
  nameKey,
  normalizeName,
  normalizePhone,
  parseSex,
  personKey,
  splitFullName,
  validateBirthDate,
  validateEmail,
  validatePhone,
  validName,
} from '../../src/domain/person.js';

describe('normalizeName', () => {
  it('capitalises words typed in one case', () => {
    expect(normalizeName('ИВАНОВ')).toBe('Иванов');
    expect(normalizeName('петров-водкин')).toBe('Петров-Водкин');
    expect(normalizeName('  анна   мария ')).toBe('Анна Мария');
    expect(normalizeName("O'BRIEN")).toBe("O'Brien");
    expect(normalizeName("мар'яна")).toBe("Мар'яна");
    expect(normalizeName('РАФИК ОГЛЫ')).toBe('Рафик оглы');
  });
  it('keeps mixed case and ё as typed', () => {
    expect(normalizeName('ДиКаприо')).toBe('ДиКаприо');
    expect(normalizeName('McDonald')).toBe('McDonald');
    expect(normalizeName('СЕМЁН')).toBe('Семён');
    expect(normalizeName('Семен')).toBe('Семен');
  });
  it('composes a letter and a combining mark (NFC)', () => {
    expect(normalizeName('и\u0306ван')).toBe('Йван');
  });
});

describe('splitFullName', () => {
  it('splits three, two and compound parts', () => {
    expect(splitFullName('Иванов Иван Иванович')).toEqual({ last: 'Иванов', first: 'Иван', middle: 'Иванович' });
    expect(splitFullName(' Smith  John ')).toEqual({ last: 'Smith', first: 'John' });
    expect(splitFullName('Мамедов Эльчин Рафик оглы')).toEqual({ last: 'Мамедов', first: 'Эльчин', middle: 'Рафик оглы' });
    expect(splitFullName('Алиева Айгуль Рашид Кызы')).toEqual({ last: 'Алиева', first: 'Айгуль', middle: 'Рашид Кызы' });
  });
  it('refuses one word and ambiguous longer names', () => {
    expect(splitFullName('Иванов')).toBeUndefined();
    expect(splitFullName('   ')).toBeUndefined();
    expect(splitFullName('Иванов Иван Иванович Петров')).toBeUndefined();
  });
});

describe('validName', () => {
  it('accepts letters with inner hyphen, apostrophe and space, normalised', () => {
    expect(validName(' ПЕТРОВ-ВОДКИН ')).toEqual({ ok: true, value: 'Петров-Водкин' });
    expect(validName("d'artagnan")).toEqual({ ok: true, value: "D'Artagnan" });
    expect(validName('Рафик оглы')).toEqual({ ok: true, value: 'Рафик оглы' });
    expect(validName('Jean-Luc')).toEqual({ ok: true, value: 'Jean-Luc' });
  });
  it('says why it refuses', () => {
    expect(validName('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(validName('Иван2')).toEqual({ ok: false, reason: 'contains digits' });
    expect(validName('Иван!')).toEqual({ ok: false, reason: 'may hold only letters, spaces, hyphens, apostrophes and dots' });
    expect(validName('-Иван')).toEqual({ ok: false, reason: 'misplaced hyphen or apostrophe' });
    expect(validName('Иван--Петров')).toEqual({ ok: false, reason: 'misplaced hyphen or apostrophe' });
    // a Latin «a» at the end of a Cyrillic name
    // Changed on purpose (issue 9): a Latin look-alike inside a Cyrillic word is folded, with a note.
    expect(validName('Иванова'.slice(0, 6) + 'a')).toMatchObject({ ok: true, value: 'Иванова' });
    expect(validName('Иванов-Smith')).toEqual({ ok: false, reason: 'mixes Cyrillic and Latin letters' });
  });
  it('refuses a formula as not letters, digits or not', () => {
    const reason = 'may hold only letters, spaces, hyphens, apostrophes and dots';
    expect(validName('=HYPERLINK("http://x";"Иван")')).toEqual({ ok: false, reason });
    expect(validName('=1+2')).toEqual({ ok: false, reason });
    expect(validName('@SUM(A1)')).toEqual({ ok: false, reason });
  });
});

describe('parseSex', () => {
  it('reads the usual spellings', () => {
    for (const s of ['М', 'м', 'муж', 'муж.', 'Мужской', 'M', 'm', 'male', 'Male']) expect(parseSex(s)).toBe('М');
    for (const s of ['Ж', 'ж', 'жен', 'ЖЕНСКИЙ', 'F', 'f', 'female']) expect(parseSex(s)).toBe('Ж');
  });
  it('refuses anything else', () => {
    for (const s of ['', 'x', 'мж', '1', 'constructor']) expect(parseSex(s)).toBeUndefined();
  });
});

describe('validateBirthDate', () => {
  const today = '2025-09-01';
  it('accepts a plausible date in either format', () => {
    expect(validateBirthDate('15.03.2008', { today })).toEqual({ ok: true, value: '2008-03-15' });
    // exactly 10 today: the lowest student age
    expect(validateBirthDate('2015-09-01', { today })).toEqual({ ok: true, value: '2015-09-01' });
  });
  it('refuses what is not a date, the future and implausible ages', () => {
    // The refusal names the forms a date is written in.
    const notADate = 'not a date; accepted: 14.03.2009, 5.3.2009, 2009-03-14, 14/03/2009, 14-03-2009, 14.03.2009 г., 14.03.2009 0:00:00';
    expect(validateBirthDate('31.02.2008', { today })).toEqual({ ok: false, reason: notADate });
    expect(validateBirthDate('вчера', { today })).toEqual({ ok: false, reason: notADate });
    // A two-digit year is never guessed.
    expect(validateBirthDate('07.07.09', { today })).toEqual({ ok: false, reason: notADate });
    expect(validateBirthDate('2025-09-02', { today })).toEqual({ ok: false, reason: 'in the future' });
    expect(validateBirthDate('2022-01-01', { today })).toEqual({ ok: false, reason: 'implausible age: 3' });
    // one day short of 10
    expect(validateBirthDate('2015-09-02', { today })).toEqual({ ok: false, reason: 'implausible age: 9' });
    expect(validateBirthDate('1940-01-01', { today })).toEqual({ ok: false, reason: 'implausible age: 85' });
  });
  it('takes the limits of a role', () => {
    expect(validateBirthDate('1940-01-01', { today, ...AGE_LIMITS.staff }).ok).toBe(true);
    expect(validateBirthDate('2012-01-01', { today, ...AGE_LIMITS.staff })).toEqual({ ok: false, reason: 'implausible age: 13' });
    expect(validateBirthDate('1920-01-01', { today, ...AGE_LIMITS.guardian })).toEqual({ ok: true, value: '1920-01-01' });
    expect(validateBirthDate('2012-01-01', { today, ...AGE_LIMITS.guardian })).toEqual({ ok: false, reason: 'implausible age: 13' });
  });
});

describe('phone', () => {
  it('normalises Russian numbers', () => {
    for (const s of ['89123456789', '+7 (912) 345-67-89', '7 912 345 67 89', '8-912-345-67-89', '9123456789', ' +79123456789 ']) {
      expect(normalizePhone(s)).toBe('+7 912 345-67-89');
    }
    expect(normalizePhone('8 (495) 123-45-67')).toBe('+7 495 123-45-67');
  });
  it('refuses anything else, with a reason', () => {
    for (const s of ['', '4951234567', '+8 912 345 67 89', '+380 44 123 4567', '8912345678', '89123456789 доб. 12', '8.912.345.67.89']) {
      expect(normalizePhone(s)).toBeUndefined();
    }
    expect(validatePhone('12345')).toEqual({ ok: false, reason: 'not a Russian phone number' });
    expect(validatePhone('89123456789')).toEqual({ ok: true, value: '+7 912 345-67-89' });
  });
});

describe('validateEmail', () => {
  it('accepts a sane address, trimmed', () => {
    expect(validateEmail(' ivanov.i@college.ru ')).toEqual({ ok: true, value: 'ivanov.i@college.ru' });
    expect(validateEmail('a+b@mail.example.com').ok).toBe(true);
  });
  it('refuses the rest', () => {
    for (const s of ['', 'ivanov', 'ivanov@', '@college.ru', 'a@b@college.ru', 'ivanov@college', 'iva nov@college.ru', 'ivanov@.ru', 'ivanov@college.', 'ivanov@college..ru']) {
      expect(validateEmail(s)).toEqual({ ok: false, reason: 'not an email address' });
    }
  });
});

describe('personKey', () => {
  it('uses the СНИЛС in any format when there is one', () => {
    const a = personKey({ last: 'Иванов', first: 'Иван', snils: '11223344595' });
    expect(a).toBe('snils:112-233-445 95');
    expect(personKey({ last: 'Петров', first: 'Пётр', snils: '112 233 445-95', birthDate: '2008-01-01' })).toBe(a);
  });
  it('else the name, case- and ё-insensitive, and the birth date in either format', () => {
    const key = personKey({ last: 'Семёнов', first: 'Пётр', middle: 'Петрович', birthDate: '2008-03-15', snils: null });
    expect(key).toBe('name:семенов петр петрович|2008-03-15');
    expect(personKey({ last: 'СЕМЕНОВ ', first: ' ПЕТР', middle: 'ПЕТРОВИЧ', birthDate: '15.03.2008', snils: '' })).toBe(key);
  });
  it('tells apart different birth dates and missing patronymics', () => {
    const base = { last: 'Иванов', first: 'Иван', birthDate: '2008-03-15' };
    expect(personKey(base)).toBe('name:иванов иван|2008-03-15');
    expect(personKey({ ...base, birthDate: '2008-03-16' })).not.toBe(personKey(base));
    expect(personKey({ ...base, middle: 'Иванович' })).not.toBe(personKey(base));
  });
});

describe('nameKey folded part by part', () => {
  it('equals folding the joined name, for any parts (property)', () => {
    const part = fc.string({ unit: fc.constantFrom(...'АаЁёЕеИи Σσς\u00a0\tZz-'), maxLength: 8 });
    fc.assert(
      fc.property(part, part, fc.option(part, { nil: null }), (last, first, middle) => {
        const joined = [last, first, middle ?? ''].join(' ').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
        expect(nameKey(last, first, middle)).toBe(joined);
      }),
      { numRuns: 3000 },
    );
  });
});
