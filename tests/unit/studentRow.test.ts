import { describe, expect, it } from 'vitest';
import { parseStudentRow, type StudentField } from '../../src/domain/studentRow.js';

const TODAY = '2025-10-01';
const GOOD: Partial<Record<StudentField, string>> = {
  last_name: 'Щеглова',
  first_name: 'Юлия',
  middle_name: 'Сергеевна',
  birth_date: '14.03.2009',
  sex: 'Ж',
  snils: '112-233-445 95',
  group: 'ИС-25',
  order_no: '12-к',
  order_date: '25.08.2025',
};

function parse(change: Partial<Record<StudentField, string | undefined>>, defaults = {}) {
  const row: Partial<Record<StudentField, string | undefined>> = { ...GOOD, ...change };
  return parseStudentRow((f) => row[f], defaults, TODAY, { keepUnreadableOptional: true });
}

const reasonFor = (field: StudentField, change: Partial<Record<StudentField, string | undefined>>) =>
  parse(change).problems.find((p) => p.field === field)?.reason;

describe('a row of an enrolment list', () => {
  it('accepts a complete row and normalises it', () => {
    const r = parse({ last_name: 'ЩЕГЛОВА', snils: '11223344595', sex: 'жен', birth_date: '2009-03-14' });
    expect(r.problems).toEqual([]);
    expect(r.card).toMatchObject({ last_name: 'Щеглова', snils: '112-233-445 95', sex: 'Ж', birth_date: '2009-03-14' });
    expect(r.group).toBe('ИС-25');
    expect(r.order).toEqual({ number: '12-к', date: '2025-08-25' });
  });

  it('requires the surname, the first name, the birth date, the sex and the group', () => {
    for (const field of ['last_name', 'first_name', 'birth_date', 'sex', 'group'] as const) {
      expect(reasonFor(field, { [field]: '' }), field).toMatch(/required/);
    }
    expect(parse({ middle_name: '' }).problems).toEqual([]);
  });

  it('takes the group and order from the command line when the row has none', () => {
    const r = parse({ group: undefined, order_no: undefined, order_date: undefined }, { group: 'ИС-24', orderNo: '7', orderDate: '2025-08-30' });
    expect(r.group).toBe('ИС-24');
    expect(r.order).toEqual({ number: '7', date: '2025-08-30' });
  });

  it('splits a single ФИО column', () => {
    const r = parse({ last_name: undefined, first_name: undefined, middle_name: undefined, full_name: 'Мамедов Эльчин Рафик оглы' });
    expect(r.card).toMatchObject({ last_name: 'Мамедов', first_name: 'Эльчин', middle_name: 'Рафик оглы' });
    expect(reasonFor('full_name', { last_name: undefined, first_name: undefined, middle_name: undefined, full_name: 'Мамедов' })).toBeTruthy();
  });

  it('rejects dates that do not exist and implausible ages', () => {
    expect(reasonFor('birth_date', { birth_date: '31.02.2009' })).toMatch(/not a date/);
    expect(reasonFor('birth_date', { birth_date: '01.01.2024' })).toMatch(/age/);
    expect(reasonFor('birth_date', { birth_date: '01.01.2030' })).toMatch(/future/);
    expect(parse({ birth_date: '29.02.2008' }).problems).toEqual([]);
  });

  it('knows М/Ж and their spellings, nothing else', () => {
    expect(parse({ sex: 'male' }).card?.sex).toBe('М');
    expect(parse({ sex: 'F' }).card?.sex).toBe('Ж');
    expect(reasonFor('sex', { sex: 'Ы' })).toMatch(/М or Ж/);
  });

  it('checks the СНИЛС checksum; the СНИЛС may be absent', () => {
    expect(reasonFor('snils', { snils: '112-233-445 96' })).toMatch(/checksum/);
    expect(reasonFor('snils', { snils: '112-233-445' })).toMatch(/format/);
    expect(parse({ snils: '' }).card?.snils).toBeNull();
  });

  // Changed on purpose (issue 9 point 7, issue 8 point 6): optional fields never block a row;
  // a name that is not letters refuses it.
  it('keeps an unreadable phone or e-mail as typed, with a warning; splits two phones', () => {
    expect(parse({ phone: '8 (914) 220-11-33' }).card?.phone).toBe('+7 914 220-11-33');
    const phone = parse({ phone: '12345' });
    expect(phone.card?.phone).toBe('12345');
    expect(phone.warnings).toEqual([{ field: 'phone', value: '12345', reason: 'not a Russian phone number; kept as typed' }]);
    expect(parse({ phone: '89142201133, 8 914 220 11 44' }).card?.phone).toBe('+7 914 220-11-33, +7 914 220-11-44');
    expect(parse({ email: 'a@b.ru' }).card?.email).toBe('a@b.ru');
    const email = parse({ email: 'a@b' });
    expect(email.card?.email).toBe('a@b');
    expect(email.warnings[0]).toMatchObject({ field: 'email', reason: 'not an e-mail address; kept as typed' });
  });

  it('refuses a name that is not letters: formulas, control characters, megabytes', () => {
    const r = parse({ last_name: '=HYPERLINK("http://x";"Иван")' });
    expect(r.card).toBeUndefined();
    expect(r.problems).toEqual([{ field: 'last_name', value: '=HYPERLINK("http://x";"Иван")', reason: 'may hold only letters, spaces, hyphens, apostrophes and dots' }]);
    expect(reasonFor('last_name', { last_name: 'Иванов\u0000' })).toMatch(/control characters/);
    expect(reasonFor('last_name', { last_name: 'Иванов\u001b[2J' })).toMatch(/control characters/);
    expect(reasonFor('last_name', { last_name: 'Я'.repeat(4_000_000) })).toBe('too long: 4000000 characters, at most 100');
  });

  it('splits one ФИО cell, refusing initials and four plain words with the reason', () => {
    expect(parse({ last_name: undefined, first_name: undefined, middle_name: undefined, full_name: 'АЛИЕВ РУСЛАН РАШИД ОГЛЫ' }).card).toMatchObject({ last_name: 'Алиев', first_name: 'Руслан', middle_name: 'Рашид оглы' });
    expect(reasonFor('full_name', { last_name: undefined, first_name: undefined, middle_name: undefined, full_name: 'Павлов Г.Р.' })).toMatch(/initials, not a name/);
    expect(reasonFor('full_name', { last_name: undefined, first_name: undefined, middle_name: undefined, full_name: 'Петрова Водкина Анна Сергеевна' })).toMatch(/separate columns/);
  });

  it('folds Latin look-alikes in names and groups, with a warning', () => {
    const r = parse({ last_name: 'Сидoренко', group: 'ИC-25' });
    expect(r.card?.last_name).toBe('Сидоренко');
    expect(r.group).toBe('ИС-25');
    expect(r.warnings.map((w) => w.field)).toEqual(['last_name', 'group']);
  });

  it('restores a СНИЛС whose leading zeros Excel dropped, with a note', () => {
    // 012-345-678 XX: control of 012345678 = (0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2+8*1) = 120 → 120 mod 101 = 19
    const r = parse({ snils: '1234567819' });
    expect(r.card?.snils).toBe('012-345-678 19');
    expect(r.warnings[0]).toMatchObject({ field: 'snils' });
    expect(reasonFor('snils', { snils: '1,23457E+10' })).toMatch(/scientific/);
  });

  it('names an order date that is not a date', () => {
    expect(reasonFor('order_date', { order_date: '32.08.2025' })).toMatch(/not a date/);
  });

  it('reports every problem of a row, not just the first', () => {
    expect(parse({ last_name: '', sex: 'X', snils: '1' }).problems.map((p) => p.field).sort()).toEqual(['last_name', 'sex', 'snils']);
  });
});
