import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { checkGroup, ensureYearWritable, groupNamed, groupNameKey, mayCurate, normalizeGroupName } from '../../src/domain/groups.js';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const context = { year: '2025/2026', others: [{ id: 1, name: 'ИС-21' }, { id: 2, name: 'ТМ-41' }], program: { code: '09.02.07', duration_months: 46 } };

describe('group names', () => {
  it('fold case, ё, spaces, Latin look-alikes and hyphens; the exact name wins', () => {
    expect(groupNameKey(' ис-21 ')).toBe(groupNameKey('ИС-21'));
    expect(groupNameKey('Ёлки 1')).toBe(groupNameKey('елки  1'));
    // Names that look the same are one name: a Latin C inside ИС, a non-breaking or en dash.
    expect(groupNameKey('ИC-21')).toBe(groupNameKey('ИС-21'));
    expect(groupNameKey('ИС\u201121')).toBe(groupNameKey('ИС-21'));
    expect(groupNameKey('ИС\u201321')).toBe(groupNameKey('ИС-21'));
    // A wholly Latin name stays Latin: IT-21 is not ІТ or ИТ.
    expect(groupNameKey('IT-21')).toBe('IT-21');
    expect(normalizeGroupName('  ИС   21 ')).toBe('ИС 21');
    const groups = [{ name: 'ИС-21' }, { name: 'ис-21' }];
    expect(groupNamed(groups, 'ис-21')).toBe(groups[1]);
    expect(groupNamed(groups, 'Ис-21')).toBe(groups[0]);
    expect(groupNamed(groups, 'ТМ-41')).toBeUndefined();
  });
});

describe('checkGroup', () => {
  it('accepts a new name and a course within the program', () => {
    expect(() => checkGroup({ name: 'ИС-22', course: 4 }, context)).not.toThrow();
    expect(() => checkGroup({ id: 1, name: 'ис-21', course: 2 }, context)).not.toThrow();
  });

  it('refuses an empty name, a duplicate in the year and a course beyond the program (exit 3)', () => {
    expect(refusal(() => checkGroup({ name: '', course: 1 }, context))).toMatchObject({ code: 'bad_group_name', exitCode: 3 });
    // A name fits a printed column: 30 characters at most (counted as characters, not UTF-16 units).
    expect(() => checkGroup({ name: 'Я'.repeat(30), course: 1 }, context)).not.toThrow();
    expect(refusal(() => checkGroup({ name: 'Я'.repeat(31), course: 1 }, context))).toMatchObject({ code: 'group_name_too_long', exitCode: 3 });
    expect(refusal(() => checkGroup({ name: 'ис-21', course: 1 }, context))).toMatchObject({ code: 'group_exists', details: { group: 'ИС-21', year: '2025/2026' } });
    const beyond = refusal(() => checkGroup({ name: 'ИС-51', course: 5 }, context));
    expect(beyond).toMatchObject({ code: 'bad_course', details: { course: 5, program: '09.02.07' } });
    expect(beyond.message).toContain('course 5');
  });

  it('a closed year is frozen (exit 4); a curator needs a curator position to pass without a warning', () => {
    expect(refusal(() => ensureYearWritable({ name: '2024/2025', status: 'closed' }))).toMatchObject({ code: 'year_closed', exitCode: 4 });
    expect(() => ensureYearWritable({ name: '2025/2026', status: 'open' })).not.toThrow();
    expect(mayCurate(['Преподаватель', 'Куратор группы'])).toBe(true);
    expect(mayCurate(['Преподаватель'])).toBe(false);
  });
});
