import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../../src/core/i18n.js';
import fc from 'fast-check';
import { checkNewYear, checkYearEnd, checkYearStart, parseNewYearName, parseYearName, resizePeriod, splitYear, statusLabel, yearDateProblems, type PeriodScheme } from '../../src/domain/academicYear.js';
import { addDays, daysBetween, parseDate } from '../../src/domain/dates.js';

describe('academic year names', () => {
  it('accepts consecutive years', () => {
    expect(parseYearName('2025/2026')).toEqual({ first: 2025, second: 2026 });
  });
  it('rejects non-consecutive years and other shapes', () => {
    expect(parseYearName('2025/2027')).toHaveProperty('error');
    expect(parseYearName('2025')).toHaveProperty('error');
  });
  it('checks that the dates belong to the named years', () => {
    expect(yearDateProblems('2025/2026', '2025-09-01', '2026-06-30')).toEqual([]);
    expect(yearDateProblems('2025/2026', '2026-09-01', '2026-06-30')).toHaveLength(2);
  });
});

describe('splitting a year into periods', () => {
  it('splits 2025/2026 into two semesters meeting in the middle', () => {
    // 01.09.2025–30.06.2026 is 303 days; round(303/2) = 152 days for S1: 01.09 + 151 = 30.01.2026.
    expect(splitYear('2025-09-01', '2026-06-30', 'semesters')).toEqual([
      { code: 'S1', name: '1 семестр', start: '2025-09-01', end: '2026-01-30' },
      { code: 'S2', name: '2 семестр', start: '2026-01-31', end: '2026-06-30' },
    ]);
  });

  it('names quarters and trimesters', () => {
    expect(splitYear('2025-09-01', '2026-05-31', 'quarters').map((p) => `${p.code} ${p.name}`)).toEqual(['Q1 1 четверть', 'Q2 2 четверть', 'Q3 3 четверть', 'Q4 4 четверть']);
    expect(splitYear('2025-09-01', '2026-05-31', 'trimesters').map((p) => p.code)).toEqual(['T1', 'T2', 'T3']);
  });

  it('covers any year exactly: contiguous, no gaps, no overlaps, near-equal lengths', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 8, max: 400 }), fc.constantFrom<PeriodScheme>('semesters', 'trimesters', 'quarters'), (start, length, scheme) => {
        const end = addDays(start, length - 1);
        const periods = splitYear(start, end, scheme);
        expect(periods[0].start).toBe(start);
        expect(periods[periods.length - 1].end).toBe(end);
        for (let i = 1; i < periods.length; i++) expect(periods[i].start).toBe(addDays(periods[i - 1].end, 1));
        const lengths = periods.map((p) => daysBetween(p.start, p.end) + 1);
        expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('moving period boundaries', () => {
  const semesters = splitYear('2025-09-01', '2026-06-30', 'semesters');

  it('moves the neighbour with the boundary', () => {
    const result = resizePeriod(semesters, 'S1', { end: '2025-12-28' });
    expect(result).toEqual([
      { code: 'S1', name: '1 семестр', start: '2025-09-01', end: '2025-12-28' },
      { code: 'S2', name: '2 семестр', start: '2025-12-29', end: '2026-06-30' },
    ]);
  });
  it('refuses to move the year start or end through a period', () => {
    expect(resizePeriod(semesters, 'S1', { start: '2025-09-02' })).toHaveProperty('error');
    expect(resizePeriod(semesters, 'S2', { end: '2026-06-29' })).toHaveProperty('error');
  });
  it('refuses to empty a neighbour', () => {
    expect(resizePeriod(semesters, 'S1', { end: '2026-06-30' })).toHaveProperty('error');
  });
});

describe('dates', () => {
  it('parses ISO and Russian forms of real dates only', () => {
    expect(parseDate('2025-09-01')).toBe('2025-09-01');
    expect(parseDate('01.09.2025')).toBe('2025-09-01');
    expect(parseDate('1.9.2025')).toBe('2025-09-01');
    expect(parseDate('31.02.2025')).toBeUndefined();
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
    expect(parseDate('29.02.2025')).toBeUndefined();
    expect(parseDate('2025-13-01')).toBeUndefined();
    expect(parseDate('tomorrow')).toBeUndefined();
  });
});

describe('a new year, checked before anything is written', () => {
  afterEach(() => setLang('en'));

  it('takes only 2025/2026 when strict (init), and normalises 2025-2026 otherwise (year create)', () => {
    expect(parseNewYearName('2025/2026')).toEqual({ first: 2025, second: 2026 });
    expect(parseNewYearName('2025-2026')).toHaveProperty('error');
    expect(parseNewYearName('2025/2027')).toHaveProperty('error');
    expect(checkNewYear('2025-2026', {})).toEqual({ name: '2025/2026', start: '2025-09-01', end: '2026-06-30' });
    expect(() => checkNewYear('2025-2026', {}, { strict: true })).toThrow(expect.objectContaining({ code: 'bad_year', exitCode: 3 }));
    expect(() => checkNewYear('foo', {}, { strict: true })).toThrow(expect.objectContaining({ code: 'bad_year' }));
  });

  it('lists every problem with the dates, as JSON details', () => {
    try {
      checkNewYear('2025/2026', { start: '2026-09-01', end: '2026-06-30' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad_year_dates', exitCode: 3 });
      expect((error as { details: string[] }).details).toHaveLength(2);
    }
  });

  it("checks the wizard's answers one by one", () => {
    expect(checkYearStart('01.09.2025', 2025)).toEqual({ date: '2025-09-01' });
    expect(checkYearStart('31.02.2025', 2025)).toHaveProperty('error');
    expect(checkYearStart('01.09.2024', 2025)).toHaveProperty('error');
    expect(checkYearEnd('30.06.2026', '2025-09-01', 2026)).toEqual({ date: '2026-06-30' });
    expect(checkYearEnd('2026-02-30', '2025-09-01', 2026)).toHaveProperty('error');
    expect(checkYearEnd('2026-06-30', '2026-07-01', 2026)).toMatchObject({ error: expect.stringContaining('01.07.2026') });
    setLang('ru');
    expect(checkYearStart('31.02.2025', 2025)).toEqual({ error: '«31.02.2025» — не дата (2025-09-01 или 01.09.2025)' });
  });

  it('prints statuses in the current language', () => {
    expect([statusLabel('open'), statusLabel('closed'), statusLabel('planned')]).toEqual(['open', 'closed', 'planned']);
    setLang('ru');
    expect([statusLabel('open'), statusLabel('closed'), statusLabel('planned')]).toEqual(['открыт', 'закрыт', 'планируется']);
  });
});
