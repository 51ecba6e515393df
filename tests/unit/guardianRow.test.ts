import { describe, expect, it } from 'vitest';
import { parseGuardianRow, validRelation, type GuardianField } from '../../src/domain/guardianRow.js';

const GOOD: Partial<Record<GuardianField, string>> = {
  student_snils: '112-233-445 95',
  full_name: 'Иванова Мария Петровна',
  relation: 'мать',
};

function parse(change: Partial<Record<GuardianField, string | undefined>>, studentInRow = true) {
  const row: Partial<Record<GuardianField, string | undefined>> = { ...GOOD, ...change };
  return parseGuardianRow((f) => row[f], { studentInRow });
}

describe('validRelation', () => {
  it('lower case, single spaces', () => {
    expect(validRelation(' Законный  Представитель ')).toEqual({ ok: true, value: 'законный представитель' });
  });

  it('refuses an empty cell and anything but words', () => {
    expect(validRelation('  ')).toEqual({ ok: false, reason: 'required' });
    expect(validRelation('=1+1')).toEqual({ ok: false, reason: 'expected words such as мать, отец, опекун' });
  });
});

describe('a row of a list of parents', () => {
  it('accepts a complete row: the card, the relation and the student', () => {
    expect(parse({ relation: 'Мать', phone: '8 912 000-11-22', email: 'maria@example.ru', snils: '11223344595' })).toEqual({
      card: { last_name: 'Иванова', first_name: 'Мария', middle_name: 'Петровна', birth_date: null, sex: null, snils: '112-233-445 95', phone: '+7 912 000-11-22', email: 'maria@example.ru' },
      relation: 'мать',
      student: { field: 'student_snils', value: '112-233-445 95', snils: '112-233-445 95' },
      problems: [],
      warnings: [],
    });
  });

  it('refuses a relation that is not words', () => {
    const r = parse({ relation: '=1+1' });
    expect(r.card).toBeUndefined();
    expect(r.problems).toEqual([{ field: 'relation', value: '=1+1', reason: 'expected words such as мать, отец, опекун' }]);
  });

  // Changed on purpose (issue 8 point 6): a name part that is not letters refuses the row.
  it('normalises the guardian name; a part that is not letters refuses the row', () => {
    expect(parse({ full_name: 'ИВАНОВА мария' }).card).toMatchObject({ last_name: 'Иванова', first_name: 'Мария', middle_name: null });
    const r = parse({ full_name: 'Иванова Мар1я' });
    expect(r.card).toBeUndefined();
    expect(r.problems).toEqual([{ field: 'full_name', value: 'Иванова Мар1я', reason: 'contains digits' }]);
    expect(parse({ full_name: 'Павлова Г.Р.' }).problems[0].reason).toMatch(/initials, not a name/);
  });

  it('needs a surname and a first name for the guardian', () => {
    expect(parse({ full_name: 'Иванова' }).problems).toEqual([{ field: 'full_name', value: 'Иванова', reason: 'only one word: need at least a surname and a first name' }]);
    expect(parse({ full_name: undefined }).problems).toEqual([{ field: 'full_name', value: '', reason: 'required' }]);
  });

  it('normalises a phone, refuses one that is not Russian', () => {
    expect(parse({ phone: '+7 912 000 11 22' }).card?.phone).toBe('+7 912 000-11-22');
    expect(parse({ phone: '12345' }).problems).toEqual([{ field: 'phone', value: '12345', reason: 'not a Russian phone number' }]);
  });

  it('takes an email, refuses one that is not an address', () => {
    expect(parse({ email: ' maria@example.ru ' }).card?.email).toBe('maria@example.ru');
    expect(parse({ email: 'maria@example' }).problems).toEqual([{ field: 'email', value: 'maria@example', reason: 'not an email address' }]);
  });

  it('names the student by СНИЛС, else by full name and birth date', () => {
    expect(parse({ student_snils: '', student_name: 'Петрова Анна Сергеевна', student_birth_date: '02.05.2009' }).student).toEqual({
      field: 'student_name',
      value: 'Петрова Анна Сергеевна',
      name: { last: 'Петрова', first: 'Анна', middle: 'Сергеевна' },
      birthDate: '2009-05-02',
    });
    const apart = parse({}, false);
    expect(apart.student).toBeUndefined();
    expect(apart.problems).toEqual([]);
  });

  it('refuses a student reference that does not read, beside the other problems', () => {
    expect(parse({ student_snils: '123-456-789 65', phone: '12345' }).problems.map((p) => p.field)).toEqual(['phone', 'student_snils']);
    expect(parse({ student_snils: undefined }).problems).toEqual([{ field: 'student_name', value: '', reason: 'give the student’s СНИЛС or full name' }]);
    expect(parse({ student_snils: undefined, student_name: 'Петрова Анна' }).problems).toEqual([
      { field: 'student_birth_date', value: '', reason: 'required when the student has no СНИЛС in the row' },
    ]);
    const r = parse({ student_snils: undefined, student_name: 'Петрова Анна', student_birth_date: '31.02.2009', phone: '12345' });
    expect(r.card).toBeUndefined();
    expect(r.student).toBeUndefined();
    expect(r.problems.map((p) => p.field)).toEqual(['phone', 'student_birth_date']);
  });

  it('keeps a readable student beside other problems, so the lookup is reported too', () => {
    const r = parse({ phone: '12345' });
    expect(r.card).toBeUndefined();
    expect(r.student).toMatchObject({ snils: '112-233-445 95' });
  });
});
