import { describe, expect, it } from 'vitest';
import { matchStaff, planStaffImport, StaffIndex, staffNamed, type KnownStaff, type StaffDirectory } from '../../src/domain/staff.js';
import type { StaffDraft } from '../../src/domain/staffRow.js';

const person = (id: number, last: string, first: string, middle: string | null, extra: Partial<KnownStaff> = {}): KnownStaff => ({
  id, last_name: last, first_name: first, middle_name: middle, birth_date: null, sex: null, snils: null, phone: null, email: null, positions: [], ...extra,
});

const draft = (card: Partial<StaffDraft['card']> & { last_name: string; first_name: string }, positions: StaffDraft['positions'] = []): StaffDraft => ({ card, positions });

const SMIRNOVA = person(1, 'Смирнова', 'Анна', 'Петровна', { snils: '112-233-445 95', positions: ['Преподаватель'] });
const IVANOVA_80 = person(2, 'Иванова', 'Мария', 'Петровна', { birth_date: '1980-02-01' });
const IVANOVA_90 = person(3, 'Иванова', 'Мария', 'Петровна', { birth_date: '1990-05-06' });
const PARENT = { ...person(4, 'Родитель', 'Иван', null, { snils: '123-456-789 64' }) };

function directory(staff: KnownStaff[] = [SMIRNOVA, IVANOVA_80, IVANOVA_90], others: KnownStaff[] = [PARENT]): StaffDirectory {
  return { staff, bySnils: new Map([...staff, ...others].filter((p) => p.snils).map((p) => [p.snils!, p])) };
}

describe('matchStaff', () => {
  const index = () => new StaffIndex(directory());

  it('the same СНИЛС is the same person: a staff member, or a person on file who is not staff', () => {
    expect(matchStaff(index(), { last_name: 'Другая', first_name: 'Фамилия', snils: '112-233-445 95' })).toMatchObject({ kind: 'staff', staff: { id: 1 } });
    expect(matchStaff(index(), { last_name: 'Родитель', first_name: 'Иван', snils: '123-456-789 64' })).toMatchObject({ kind: 'person', person: { id: 4 } });
  });

  it('else the full name (case and ё aside), told apart by the birth date; a namesake with another СНИЛС is someone else', () => {
    expect(matchStaff(index(), { last_name: 'СМИРНОВА', first_name: 'анна', middle_name: 'Петровна' })).toMatchObject({ kind: 'staff', staff: { id: 1 } });
    expect(matchStaff(index(), { last_name: 'Смирнова', first_name: 'Анна', middle_name: 'Петровна', snils: '000-000-001 01' })).toEqual({ kind: 'new' });
    expect(matchStaff(index(), { last_name: 'Иванова', first_name: 'Мария', middle_name: 'Петровна', birth_date: '1990-05-06' })).toMatchObject({ kind: 'staff', staff: { id: 3 } });
    const both = matchStaff(index(), { last_name: 'Иванова', first_name: 'Мария', middle_name: 'Петровна' });
    expect(both.kind).toBe('ambiguous');
    expect(both.kind === 'ambiguous' && both.candidates.map((c) => c.id)).toEqual([2, 3]);
    expect(matchStaff(index(), { last_name: 'Родитель', first_name: 'Иван' })).toEqual({ kind: 'new' });
  });
});

describe('planStaffImport', () => {
  it('plans creates, updates and unchanged rows without touching a store', () => {
    const plan = planStaffImport(
      [
        { row: 2, draft: draft({ last_name: 'Смирнова', first_name: 'Анна', middle_name: 'Петровна' }, ['Куратор группы', 'Преподаватель']) },
        { row: 3, draft: draft({ last_name: 'Иванова', first_name: 'Мария', middle_name: 'Петровна', birth_date: '1980-02-01' }) },
        { row: 4, draft: draft({ last_name: 'Новый', first_name: 'Пётр', phone: '+7 914 000-00-00' }, ['Преподаватель']) },
        { row: 5, draft: draft({ last_name: 'Родитель', first_name: 'Иван', snils: '123-456-789 64' }, ['Мастер производственного обучения']) },
      ],
      directory(),
      'full_name',
    );
    expect(plan.problems).toEqual([]);
    expect(plan.outcomes).toEqual([
      { row: 2, outcome: 'updated' },
      { row: 3, outcome: 'unchanged' },
      { row: 4, outcome: 'created' },
      { row: 5, outcome: 'created' },
    ]);
    expect(plan.writes.map((w) => [w.row, w.personId, Boolean(w.insert), w.addRole, w.positions])).toEqual([
      [2, 1, false, false, ['Куратор группы', 'Преподаватель']],
      [4, -1, true, true, ['Преподаватель']],
      [5, 4, false, true, ['Мастер производственного обучения']],
    ]);
    expect(plan.writes[0].before).toMatchObject({ positions: ['Преподаватель'] });
    expect(plan.writes[0].after).toMatchObject({ last_name: 'Смирнова', positions: ['Куратор группы', 'Преподаватель'] });
    expect(plan.writes[1].insert).toMatchObject({ last_name: 'Новый', middle_name: null, phone: '+7 914 000-00-00', snils: null });
  });

  it('refuses a row about the same person as an earlier one, and a row several staff members fit', () => {
    const plan = planStaffImport(
      [
        { row: 2, draft: draft({ last_name: 'Орлова', first_name: 'Вера' }) },
        { row: 3, draft: draft({ last_name: 'орлова', first_name: 'Вера' }) },
        { row: 4, draft: draft({ last_name: 'Иванова', first_name: 'Мария', middle_name: 'Петровна' }) },
      ],
      directory(),
      'last_name',
    );
    expect(plan.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'last_name'],
      [4, 'last_name'],
    ]);
    expect(plan.problems[0].reason).toContain('2');
    expect(plan.problems[1].reason).toContain('2, 3');
    expect(plan.outcomes).toEqual([{ row: 2, outcome: 'created' }]);
  });

  it('a later row about a person an earlier row creates updates that person', () => {
    const plan = planStaffImport(
      [
        { row: 2, draft: draft({ last_name: 'Белов', first_name: 'Антон', snils: '112-233-445 95'.replace('95', '96') }) },
        { row: 3, draft: draft({ last_name: 'Белов', first_name: 'Антон', phone: '+7 914 111-11-11' }) },
      ],
      directory([]),
      'full_name',
    );
    expect(plan.outcomes).toEqual([
      { row: 2, outcome: 'created' },
      { row: 3, outcome: 'updated' },
    ]);
    expect(plan.writes[1]).toMatchObject({ personId: -1, changes: { phone: '+7 914 111-11-11' } });
  });

  it('nothing to write when every row is as on file', () => {
    const plan = planStaffImport([{ row: 2, draft: draft({ last_name: 'Смирнова', first_name: 'Анна', middle_name: 'Петровна' }, ['Преподаватель']) }], directory(), 'full_name');
    expect(plan.writes).toEqual([]);
    expect(plan.outcomes).toEqual([{ row: 2, outcome: 'unchanged' }]);
  });
});

describe('staffNamed', () => {
  it('finds one by full name, several namesakes, or none', () => {
    const staff = [SMIRNOVA, IVANOVA_80, IVANOVA_90];
    expect(staffNamed(staff, 'смирнова анна петровна')).toMatchObject({ kind: 'found', staff: { id: 1 } });
    expect(staffNamed(staff, 'Иванова Мария Петровна')).toMatchObject({ kind: 'ambiguous' });
    expect(staffNamed(staff, 'Смирнова')).toEqual({ kind: 'not_found' });
    expect(staffNamed(staff, 'Нет Такого')).toEqual({ kind: 'not_found' });
  });
});
