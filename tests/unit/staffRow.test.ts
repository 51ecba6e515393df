import { describe, expect, it } from 'vitest';
import { parseStaffRow, type StaffField } from '../../src/domain/staffRow.js';
import { missingNameColumns } from '../../src/domain/studentRow.js';

const TODAY = '2025-10-01';
const parse = (cells: Partial<Record<StaffField, string>>) => parseStaffRow((f) => cells[f], TODAY);

describe('parseStaffRow', () => {
  it('splits a full name and reads several positions; what is not given stays undefined', () => {
    expect(parse({ full_name: ' смирнова анна петровна ', position: 'Преподаватель; куратор группы', snils: '112-233-445 95' })).toEqual({
      draft: { card: { last_name: 'Смирнова', first_name: 'Анна', middle_name: 'Петровна', snils: '112-233-445 95', phone: undefined, email: undefined, birth_date: undefined }, positions: ['Преподаватель', 'Куратор группы'] },
      problems: [],
      warnings: [],
    });
  });

  it('reads names, СНИЛС, phone and e-mail as student import does: reasons for a ФИО, notes as warnings, odd optional cells kept in an import', () => {
    expect(parse({ full_name: 'Павлов Г.Р.' }).problems).toEqual([{ field: 'full_name', value: 'Павлов Г.Р.', reason: 'initials, not a name: write the first name and patronymic in full' }]);
    const kept = parseStaffRow((f) => ({ full_name: 'Сидoренко Анна', snils: '1234567819', phone: '12-34', email: 'anna(at)mail' } as Partial<Record<StaffField, string>>)[f], TODAY, { keepUnreadableOptional: true });
    expect(kept.draft?.card).toMatchObject({ last_name: 'Сидоренко', snils: '012-345-678 19', phone: '12-34', email: 'anna(at)mail' });
    expect(kept.warnings.map((w) => w.field)).toEqual(['full_name', 'snils', 'phone', 'email']);
    // staff add (no keep) refuses them: the person typing is there to fix them.
    expect(parse({ full_name: 'Сидоренко Анна', phone: '12-34', email: 'anna(at)mail' }).problems.map((p) => p.field)).toEqual(['phone', 'email']);
  });

  it('takes separate name columns, which then need a first name', () => {
    expect(parse({ last_name: 'Зайцев', first_name: 'Пётр' }).draft?.card).toMatchObject({ last_name: 'Зайцев', first_name: 'Пётр' });
    expect(parse({ last_name: 'Зайцев', full_name: 'Зайцев Пётр' }).problems).toEqual([{ field: 'first_name', value: '', reason: 'required' }]);
  });

  it('lists every problem, with no draft', () => {
    const { draft, problems } = parse({ full_name: 'Белов', position: 'Завхоз', snils: '123-456-789 65', birth_date: '31.02.1980' });
    expect(draft).toBeUndefined();
    expect(problems.map((p) => p.field)).toEqual(['full_name', 'position', 'snils', 'birth_date']);
  });
});

describe('missingNameColumns', () => {
  it('a ФИО column, or both Фамилия and Имя', () => {
    const has = (...columns: string[]) => (f: string) => columns.includes(f);
    expect(missingNameColumns(has('full_name'))).toEqual([]);
    expect(missingNameColumns(has('last_name', 'first_name'))).toEqual([]);
    expect(missingNameColumns(has('last_name'))).toEqual(['first_name']);
    expect(missingNameColumns(has())).toEqual(['last_name', 'first_name']);
  });
});
