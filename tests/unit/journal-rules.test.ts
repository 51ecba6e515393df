import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDebt, markForAverage, parseGrade, parseThresholds, suggestGrade, weightedAverage, type WeightedMark } from '../../src/domain/grading.js';
import { ATTENDANCE_CODES, MARK_VALUES, parseAttendanceCode, parseGridCell, parseMark, type MarkValue } from '../../src/domain/journal.js';
import { decideLock, editDeadline, gradeDeadline, lockFor, type PeriodSpan } from '../../src/domain/locks.js';
import { periodShortfalls } from '../../src/domain/periodClose.js';
import { studentRefKey } from '../../src/domain/journalRows.js';

const m = (...values: MarkValue[]): WeightedMark[] => values.map((value) => ({ value, weight: 1 }));

describe('mark scale and attendance codes', () => {
  it('takes the scale and its spellings, nothing else', () => {
    for (const v of MARK_VALUES) expect(parseMark(v)).toBe(v);
    expect(parseMark('Зачёт')).toBe('зач');
    expect(parseMark(' незачет ')).toBe('незач');
    for (const bad of ['6', '0', '4+', '', 'н', '5/н']) expect(parseMark(bad)).toBeUndefined();
  });
  it('н is ОТ; codes in any case; others refused', () => {
    expect(parseAttendanceCode('н')).toBe('ОТ');
    expect(parseAttendanceCode('Н')).toBe('ОТ');
    for (const c of ATTENDANCE_CODES) expect(parseAttendanceCode(c.toLowerCase())).toBe(c);
    expect(parseAttendanceCode('X')).toBeUndefined();
  });
  it('period marks include н/а and осв', () => {
    expect(parseGrade('н/а')).toBe('н/а');
    expect(parseGrade('Осв.')).toBe('осв');
    expect(parseGrade('6')).toBeUndefined();
    expect(isDebt('2') && isDebt('н/а') && !isDebt('3')).toBe(true);
  });
});

describe('grid cells', () => {
  it('reads marks, н, codes and н with a reason', () => {
    expect(parseGridCell('')).toEqual({ kind: 'empty' });
    expect(parseGridCell('5')).toEqual({ kind: 'mark', mark: '5' });
    expect(parseGridCell('н')).toEqual({ kind: 'absence', code: 'ОТ' });
    expect(parseGridCell('н/Б')).toEqual({ kind: 'absence', code: 'Б' });
    expect(parseGridCell('н / УП')).toEqual({ kind: 'absence', code: 'УП' });
    expect(parseGridCell('ОП')).toEqual({ kind: 'absence', code: 'ОП' });
  });
  it('refuses a mark beside an absence, and junk', () => {
    expect(parseGridCell('5/н')).toEqual({ kind: 'invalid', reason: 'grid_cell_mark_and_absence' });
    expect(parseGridCell('н/5')).toEqual({ kind: 'invalid', reason: 'grid_cell_mark_and_absence' });
    expect(parseGridCell('н/ОП').kind).toBe('invalid');
    expect(parseGridCell('abc').kind).toBe('invalid');
  });
  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string(), (s) => ['empty', 'mark', 'absence', 'invalid'].includes(parseGridCell(s).kind)));
  });
});

describe('average and suggested mark', () => {
  it('the examples of the issue', () => {
    expect(weightedAverage(m('5', '4', '4', '3'))).toBe(4);
    expect(suggestGrade(m('5', '4', '4', '3')).suggested).toBe('4');
    expect(markForAverage(4.5)).toBe('5');
    expect(markForAverage(4.49)).toBe('4');
    expect(markForAverage(2.49)).toBe('2');
    expect(markForAverage(2.5)).toBe('3');
    expect(markForAverage(3.5)).toBe('4');
  });
  it('weights count; pass/fail marks do not enter the average', () => {
    expect(weightedAverage([{ value: '5', weight: 2 }, { value: '2', weight: 1 }])).toBe(4);
    expect(weightedAverage(m('5', 'зач', 'незач'))).toBe(5);
    expect(weightedAverage(m('зач'))).toBeNull();
    expect(suggestGrade(m('зач', 'зач', 'незач')).suggested).toBe('зач');
    expect(suggestGrade(m('незач', 'незач', 'зач')).suggested).toBe('незач');
    expect(suggestGrade([]).suggested).toBeNull();
  });
  it('a subject assessed by a зачёт gets зач where the average passes (3 or better), else незач', () => {
    expect(suggestGrade(m('5', '4'), undefined, true)).toMatchObject({ average: 4.5, suggested: 'зач' });
    expect(suggestGrade(m('3', '2'), undefined, true).suggested).toBe('зач');
    expect(suggestGrade(m('2', '2', '3'), undefined, true).suggested).toBe('незач');
    expect(suggestGrade(m('зач', 'незач'), undefined, true).suggested).toBe('зач');
  });
  it('thresholds from the setting, defaults otherwise', () => {
    expect(parseThresholds('4.6,3.6,2.6')).toEqual([4.6, 3.6, 2.6]);
    expect(parseThresholds('nonsense')).toEqual([4.5, 3.5, 2.5]);
    expect(markForAverage(4.55, parseThresholds('4.6,3.6,2.6'))).toBe('4');
  });
  const marks = fc.array(fc.record({ value: fc.constantFrom<MarkValue>('5', '4', '3', '2', '1'), weight: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 40 });
  it('the average lies between the lowest and the highest mark', () => {
    fc.assert(
      fc.property(marks, (ms) => {
        const avg = weightedAverage(ms)!;
        const points = ms.map((x) => Number(x.value));
        return avg >= Math.min(...points) - 0.005 && avg <= Math.max(...points) + 0.005;
      }),
    );
  });
  it('the rule is monotonic: a higher average never gives a lower mark', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 5, noNaN: true }), fc.double({ min: 1, max: 5, noNaN: true }), (a, b) => (a <= b ? Number(markForAverage(a)) <= Number(markForAverage(b)) : true)));
  });
  it('under a зачёт the suggestion fails exactly where the five-point one is a debt', () => {
    fc.assert(fc.property(marks, (ms) => (suggestGrade(ms, undefined, true).suggested === 'незач') === isDebt(suggestGrade(ms).suggested!)));
  });
  it('one more 5 never lowers the suggestion', () => {
    fc.assert(fc.property(marks, (ms) => Number(suggestGrade([...ms, { value: '5', weight: 1 }]).suggested) >= Number(suggestGrade(ms).suggested)));
  });
});

describe('locks', () => {
  const S1: PeriodSpan = { name: '2025/2026:S1', start: '2025-09-01', end: '2025-12-28', status: 'open' };
  const facts = (today: string, periods: PeriodSpan[] = [S1]) => ({ today, periods, editWindowDays: 10, gradeWindowDays: 10 });
  it('(a) the edit window: 10 days after the lesson, then only with a reason', () => {
    expect(editDeadline('2025-09-22', 10)).toBe('2025-10-02');
    expect(lockFor({ kind: 'lesson', date: '2025-09-22' }, facts('2025-10-02'))).toBeUndefined();
    expect(lockFor({ kind: 'lesson', date: '2025-09-22' }, facts('2025-10-03'))).toMatchObject({ rule: 'edit_window', passed: '2025-10-02', overridable: true });
    expect(decideLock({ kind: 'lesson', date: '2025-09-22' }, facts('2025-10-03'), 'служебная записка')).toMatchObject({ allowed: true, overridden: { rule: 'edit_window' } });
    expect(decideLock({ kind: 'lesson', date: '2025-09-22' }, facts('2025-10-03'), '  ')).toMatchObject({ allowed: false });
  });
  it('(b) period marks: 10 days after the period ends, then only with a reason', () => {
    expect(gradeDeadline('2025-12-28', 10)).toBe('2026-01-07');
    const target = { kind: 'grade' as const, date: '2025-12-28', periodEnd: '2025-12-28' };
    expect(lockFor(target, facts('2026-01-07'))).toBeUndefined();
    expect(lockFor(target, facts('2026-01-08'))).toMatchObject({ rule: 'grade_window', passed: '2026-01-07' });
    expect(decideLock(target, facts('2026-01-08'), 'приказ 3')).toMatchObject({ allowed: true });
  });
  it('(c) a closed period: never, override or not', () => {
    const closed = { ...S1, status: 'closed' as const, closedAt: '2026-01-10T09:00:00.000Z' };
    const d = decideLock({ kind: 'lesson', date: '2025-10-01' }, facts('2025-10-02', [closed]), 'please');
    expect(d).toMatchObject({ allowed: false, refusal: { rule: 'period_closed', passed: '2026-01-10', period: '2025/2026:S1', overridable: false } });
    expect(lockFor({ kind: 'lesson', date: '2026-01-12' }, facts('2026-01-12', [closed]))).toBeUndefined();
  });
  it('property: with a closed period covering the date nothing passes; otherwise an override always passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.boolean(), (lessonOffset, todayOffset, closed) => {
        const day = (n: number) => new Date(Date.UTC(2025, 8, 1) + n * 86400000).toISOString().slice(0, 10);
        const period = { ...S1, end: day(100), status: closed ? ('closed' as const) : ('open' as const) };
        const date = day(lessonOffset);
        const d = decideLock({ kind: 'lesson', date }, facts(day(todayOffset), [period]), 'reason');
        return closed && date <= period.end ? !d.allowed : d.allowed;
      }),
    );
  });
});

describe('what closing a period must list', () => {
  const over = { today: '2025-12-29', periodEnd: '2025-12-28' } as const;
  it('lists groups without marks, lessons without topics, absences without a reason; nothing when complete', () => {
    expect(periodShortfalls({ ...over, groupSubjects: [{ group: 'ИС-25', subject: 'ОУД.04', studentsWithoutMark: 0 }], lessonsWithoutTopic: [], absencesWithoutReason: [] })).toEqual([]);
    const s = periodShortfalls({
      ...over,
      groupSubjects: [{ group: 'ТМ-25', subject: 'ОУД.01', studentsWithoutMark: 3 }, { group: 'ИС-25', subject: 'ОУД.04', studentsWithoutMark: 1 }],
      lessonsWithoutTopic: [{ group: 'ИС-25', subject: 'ОУД.04', date: '2025-09-22', number: 1 }],
      absencesWithoutReason: [{ group: 'ИС-25', subject: 'ОУД.04', date: '2025-09-23', student: 'Лебедев Даниил' }],
    });
    expect(s.map((x) => x.kind)).toEqual(['period_marks_missing', 'period_marks_missing', 'topic_missing', 'absence_without_reason']);
    expect(s[0]).toMatchObject({ group: 'ИС-25' });
  });
  it('a period not over yet comes first; its last day is over enough', () => {
    const none = { groupSubjects: [], lessonsWithoutTopic: [], absencesWithoutReason: [] };
    expect(periodShortfalls({ ...none, today: '2025-10-20', periodEnd: '2025-12-28' })).toEqual([{ kind: 'period_not_over', end: '2025-12-28' }]);
    expect(periodShortfalls({ ...none, today: '2025-12-28', periodEnd: '2025-12-28' })).toEqual([]);
  });
});

describe('student references', () => {
  it('id, СНИЛС or name', () => {
    expect(studentRefKey('17')).toEqual({ kind: 'id', id: 17 });
    expect(studentRefKey('100-210-794 69')).toEqual({ kind: 'snils', snils: '100-210-794 69' });
    expect(studentRefKey(' Лебедев  Даниил Ёлкин ')).toEqual({ kind: 'name', name: 'лебедев даниил елкин' });
  });
});
