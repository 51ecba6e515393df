import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GRADE_VALUES, type GradeValue } from '../../src/domain/grading.js';
import { ATTENDANCE_CODES } from '../../src/domain/journal.js';
import { addAbsence, addSummaries, averageOfGrades, countMarks, NO_MISSED_HOURS, percent, standingOf, summarize } from '../../src/domain/reportRules.js';
import { monthsOf } from '../../src/reports/attendance.js';
import { bandOf } from '../../src/reports/statement.js';

describe('standingOf (CLI.md "Reports")', () => {
  it('names each standing by its marks, in order of precedence', () => {
    expect(standingOf(['5', '5', 'зач'])).toBe('excellent');
    expect(standingOf(['5', '4', 'зач'])).toBe('good');
    expect(standingOf(['5', '3', '4'])).toBe('withOneThree');
    expect(standingOf(['3', '3', '5'])).toBe('other');
    expect(standingOf(['5', '2', 'н/а'])).toBe('failing');
    expect(standingOf(['5', 'незач'])).toBe('failing');
    expect(standingOf(['5', '1'])).toBe('failing');
    expect(standingOf(['5', 'н/а'])).toBe('notAssessed');
    expect(standingOf(['5', null])).toBe('notAssessed');
    expect(standingOf(['осв', 'осв'])).toBe('released');
    expect(standingOf(['осв', '5'])).toBe('excellent');
  });

  it('a student is successful exactly when every counted mark is positive', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<GradeValue | null>(...GRADE_VALUES, null), { minLength: 1, maxLength: 8 }), (marks) => {
        const s = standingOf(marks);
        const counted = marks.filter((m) => m !== 'осв');
        const allPositive = counted.length > 0 && counted.every((m) => m === '5' || m === '4' || m === '3' || m === 'зач');
        if (s === 'released') expect(counted).toHaveLength(0);
        else expect(['excellent', 'good', 'withOneThree', 'other'].includes(s)).toBe(allPositive);
      }),
    );
  });
});

describe('summarize', () => {
  it('the rates of the CLI.md example: 25 students, 23 successful, 12 with only 5 and 4', () => {
    const standings = [...Array(3).fill('excellent'), ...Array(9).fill('good'), ...Array(2).fill('withOneThree'), ...Array(9).fill('other'), ...Array(2).fill('failing')];
    expect(summarize(standings)).toEqual({ students: 25, successful: 23, successRate: 92, qualityRate: 48, excellent: 3, good: 9, withOneThree: 2, failing: 2, notAssessed: 0 });
  });

  it('leaves released students out of N; no students gives 0, not NaN', () => {
    expect(summarize(['excellent', 'released'])).toMatchObject({ students: 1, successRate: 100, qualityRate: 100 });
    expect(summarize([])).toMatchObject({ students: 0, successRate: 0, qualityRate: 0 });
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
  });

  it("the organisation's figures are those of all its students together", () => {
    const groups = fc.array(fc.array(fc.constantFrom('excellent', 'good', 'withOneThree', 'other', 'failing', 'notAssessed', 'released' as const), { maxLength: 30 }), { maxLength: 6 });
    fc.assert(
      fc.property(groups, (gs) => {
        expect(addSummaries(gs.map((g) => summarize(g)))).toEqual(summarize(gs.flat()));
      }),
    );
  });
});

describe('counts and averages', () => {
  it('counts a 1 with the 2s, leaves осв and missing marks out', () => {
    expect(countMarks(['5', '4', '1', '2', 'н/а', 'осв', null, 'зач'])).toEqual({ '5': 1, '4': 1, '3': 0, '2': 2, 'н/а': 1, зач: 1, незач: 0 });
  });

  it('averages the five-point marks only, to two decimals', () => {
    expect(averageOfGrades(['5', '4', '5', 'зач', 'н/а'])).toBe(4.67);
    expect(averageOfGrades(['осв', null])).toBeNull();
  });
});

describe('missed hours', () => {
  it('Б illness, УП excused, НП and ОТ unexcused (hours), ОП late (a count), ОСВ left out', () => {
    const marks: [(typeof ATTENDANCE_CODES)[number], number][] = [['Б', 2], ['УП', 4], ['НП', 2], ['ОТ', 2], ['ОП', 2], ['ОСВ', 2]];
    const total = marks.reduce((t, [code, hours]) => addAbsence(t, code, hours), NO_MISSED_HOURS);
    expect(total).toEqual({ missedHours: 10, illnessHours: 2, excusedHours: 4, unexcusedHours: 4, lateCount: 1 });
  });

  it('the missed hours are always the sum of their kinds', () => {
    const mark = fc.tuple(fc.constantFrom(...ATTENDANCE_CODES), fc.integer({ min: 1, max: 8 }));
    fc.assert(
      fc.property(fc.array(mark), (marks) => {
        const t = marks.reduce((sum, [c, h]) => addAbsence(sum, c, h), NO_MISSED_HOURS);
        expect(t.missedHours).toBe(t.illnessHours + t.excusedHours + t.unexcusedHours);
      }),
    );
  });

  it('lists the months of a range', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf('2025-09-01', '2025-09-30')).toEqual(['2025-09']);
  });
});

describe('bands of a statement', () => {
  it('groups by the curriculum form; practices together whatever their form', () => {
    expect(bandOf('УД', 'экзамен')).toBe('exam');
    expect(bandOf('ПМ', 'квалификационный экзамен')).toBe('exam');
    expect(bandOf('УД', 'дифзачёт')).toBe('diff');
    expect(bandOf('УД', 'зачёт')).toBe('credit');
    expect(bandOf('МДК', 'курсовая')).toBe('coursework');
    expect(bandOf('УП', 'дифзачёт')).toBe('practice');
    expect(bandOf('УД', null)).toBe('other');
  });
});
