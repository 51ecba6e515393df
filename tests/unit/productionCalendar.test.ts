import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, isoOf, weekday } from '../../src/domain/dates.js';
import { classifyYear } from '../../src/domain/productionCalendar.js';
import { WorkCalendar } from '../../src/domain/workdays.js';

const cal = new WorkCalendar();
const kindOf = (date: string) => cal.dayKind(date).kind;

const FIXED: [string, string][] = [
  ['01-01', 'Новогодние каникулы'], ['01-02', 'Новогодние каникулы'], ['01-03', 'Новогодние каникулы'],
  ['01-04', 'Новогодние каникулы'], ['01-05', 'Новогодние каникулы'], ['01-06', 'Новогодние каникулы'],
  ['01-07', 'Рождество Христово'], ['01-08', 'Новогодние каникулы'],
  ['02-23', 'День защитника Отечества'], ['03-08', 'Международный женский день'],
  ['05-01', 'Праздник Весны и Труда'], ['05-09', 'День Победы'], ['06-12', 'День России'],
  ['11-04', 'День народного единства'],
];

/** The decree facts of DOMAIN.md. */
const DECREES = {
  2024: {
    decree: { number: '1314', date: '2023-08-10' },
    daysOff: ['2024-04-29', '2024-04-30', '2024-05-10', '2024-12-30', '2024-12-31'],
    workingSaturdays: ['2024-04-27', '2024-11-02', '2024-12-28'],
    shortDays: ['2024-02-22', '2024-03-07', '2024-04-27', '2024-05-08', '2024-06-11', '2024-11-02', '2024-12-28'],
  },
  2025: {
    decree: { number: '1335', date: '2024-10-04' },
    daysOff: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'],
    workingSaturdays: ['2025-11-01'],
    shortDays: ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'],
  },
  2026: {
    decree: { number: '1466', date: '2025-09-24' },
    daysOff: ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31'],
    workingSaturdays: [],
    shortDays: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
  },
};

describe('built-in decree years', () => {
  for (const [yearText, facts] of Object.entries(DECREES)) {
    const year = Number(yearText);
    describe(yearText, () => {
      it('names its decree', () => {
        const y = cal.year(year);
        expect(y.source).toBe('decree');
        expect(y.decree).toEqual(facts.decree);
      });

      it('has every art. 112 holiday, named in Russian', () => {
        for (const [md, name] of FIXED) expect(cal.dayKind(`${year}-${md}`)).toEqual({ kind: 'holiday', name, source: 'builtin' });
      });

      it('has the decree days off', () => {
        for (const d of facts.daysOff) {
          expect(cal.dayKind(d)).toMatchObject({ kind: 'day_off', name: 'Перенесённый выходной', source: 'builtin' });
          expect(cal.isWorkingDay(d)).toBe(false);
        }
      });

      it('has the working Saturdays', () => {
        for (const d of facts.workingSaturdays) {
          expect(weekday(d)).toBe(6);
          expect(cal.isWorkingDay(d)).toBe(true);
          expect(cal.dayKind(d).name).toMatch(/^Рабочая суббота/);
        }
      });

      it('has the shortened days, which are working days', () => {
        for (const d of facts.shortDays) {
          expect(kindOf(d)).toBe('short');
          expect(cal.isWorkingDay(d)).toBe(true);
        }
      });

      it('has nothing else: every other weekday works and every other weekend rests', () => {
        const listed = new Set([...FIXED.map(([md]) => `${year}-${md}`), ...facts.daysOff, ...facts.workingSaturdays, ...facts.shortDays]);
        for (let d = isoOf(year, 1, 1); d <= isoOf(year, 12, 31); d = addDays(d, 1)) {
          if (!listed.has(d)) expect(kindOf(d)).toBe(weekday(d) <= 5 ? 'working' : 'weekend');
        }
      });
    });
  }

  it('the named checks hold', () => {
    expect(kindOf('2026-05-01')).toBe('holiday');
    expect(kindOf('2026-05-11')).toBe('day_off');
    expect(cal.isWorkingDay('2025-11-01')).toBe(true);
    expect(cal.isWorkingDay('2024-04-27')).toBe(true);
  });

  it('a decree replaces the automatic transfer: 24 February and 10 March 2025 are working days', () => {
    expect(weekday('2025-02-23')).toBe(7);
    expect(weekday('2025-03-08')).toBe(6);
    expect(kindOf('2025-02-24')).toBe('working');
    expect(kindOf('2025-03-10')).toBe('working');
  });
});

describe('Labour Code fallback (no decree data)', () => {
  it('says it is the fallback', () => {
    expect(cal.year(2027)).toMatchObject({ source: 'labour-code' });
    expect(cal.year(2027).decree).toBeUndefined();
    expect(cal.fallbackYears('2025-06-01', '2028-02-01')).toEqual([2027, 2028]);
  });

  it('keeps the fixed holidays', () => {
    for (const [md, name] of FIXED) expect(cal.dayKind(`2027-${md}`)).toMatchObject({ kind: 'holiday', name });
  });

  it('moves a weekend holiday to the next working day', () => {
    expect(weekday('2027-05-09')).toBe(7);
    expect(kindOf('2027-05-10')).toBe('day_off');
    expect(weekday('2027-05-01')).toBe(6);
    expect(kindOf('2027-05-03')).toBe('day_off');
    expect(weekday('2027-06-12')).toBe(6);
    expect(kindOf('2027-06-14')).toBe('day_off');
  });

  it('moves nothing for a holiday on a weekday', () => {
    expect(weekday('2027-11-04')).toBe(4);
    expect(kindOf('2027-11-05')).toBe('working');
  });

  it('never moves the January holidays', () => {
    expect(weekday('2028-01-01')).toBe(6);
    expect(kindOf('2028-01-10')).toBe('working');
    const januaryDaysOff = [...classifyYear(2028).special].filter(([date, d]) => date.startsWith('2028-01') && d.kind === 'day_off');
    expect(januaryDaysOff).toEqual([]);
  });

  it('a Saturday holiday moves past Sunday to Monday', () => {
    expect(weekday('2028-11-04')).toBe(6);
    expect(kindOf('2028-11-06')).toBe('day_off');
  });

  it('shortens the working day immediately before a holiday (art. 95), 31 December included', () => {
    expect(kindOf('2027-02-22')).toBe('short');
    expect(kindOf('2027-04-30')).toBe('short');
    expect(kindOf('2027-06-11')).toBe('short');
    expect(kindOf('2027-11-03')).toBe('short');
    expect(kindOf('2027-12-31')).toBe('short');
    expect(kindOf('2027-03-05')).toBe('working'); // 8 March 2027 is a Monday: the day before is Sunday
  });
});

describe('dueDate', () => {
  it('counts from the day after, skipping holidays and days off', () => {
    expect(cal.dueDate('2026-04-30', 3)).toBe('2026-05-06');
    expect(cal.dueDate('2026-05-08', 1)).toBe('2026-05-12');
    expect(cal.dueDate('2026-05-08', 0)).toBe('2026-05-08');
  });

  it('crosses year boundaries, into years with and without decree data', () => {
    expect(cal.dueDate('2025-12-30', 1)).toBe('2026-01-12');
    expect(cal.dueDate('2024-12-27', 1)).toBe('2024-12-28'); // working Saturday
    expect(cal.dueDate('2024-12-28', 1)).toBe('2025-01-09');
    expect(cal.dueDate('2026-12-30', 1)).toBe('2027-01-11');
    expect(cal.dueDate('2026-12-30', 2)).toBe('2027-01-12');
  });

  it('rejects a negative or fractional count', () => {
    expect(() => cal.dueDate('2026-01-01', -1)).toThrow(RangeError);
    expect(() => cal.dueDate('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('the deadline is a working day after the date with exactly n working days up to it', () => {
    const base = '2022-01-01';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 9 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const d = addDays(base, offset);
        const due = cal.dueDate(d, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(due > d).toBe(true);
        expect(cal.workingDaysBetween(d, due)).toBe(n);
        expect(cal.workingDaysBetween(d, addDays(due, -1))).toBe(n - 1);
      }),
    );
  });
});

describe('user entries', () => {
  const user = new WorkCalendar([
    { date: '2026-05-01', kind: 'working' },
    { date: '2026-05-04', kind: 'day_off', name: 'Перенесённый выходной' },
    { date: '2026-05-16', kind: 'working', name: 'Рабочая суббота' },
    { date: '2027-01-11', kind: 'holiday', name: 'Местный праздник' },
    { date: '2026-09-01', kind: 'short', name: null },
  ]);

  it('win over the built-in calendar', () => {
    expect(user.dayKind('2026-05-01')).toEqual({ kind: 'working', source: 'user' });
    expect(user.dayKind('2026-05-04')).toEqual({ kind: 'day_off', name: 'Перенесённый выходной', source: 'user' });
    expect(user.isWorkingDay('2026-05-16')).toBe(true);
    expect(user.dayKind('2027-01-11')).toMatchObject({ kind: 'holiday', source: 'user' });
    expect(user.isWorkingDay('2026-09-01')).toBe(true);
  });

  it('change deadlines', () => {
    expect(user.dueDate('2026-04-30', 3)).toBe('2026-05-06'); // 1 May works, 4 May is off
    expect(user.dueDate('2026-12-30', 1)).toBe('2027-01-12');
  });

  it('are listed with the special days, in order', () => {
    const days = user.specialDays('2026-04-29', '2026-05-17');
    expect(days.map((d) => [d.date, d.kind, d.source])).toEqual([
      ['2026-04-30', 'short', 'builtin'],
      ['2026-05-01', 'working', 'user'],
      ['2026-05-04', 'day_off', 'user'],
      ['2026-05-08', 'short', 'builtin'],
      ['2026-05-09', 'holiday', 'builtin'],
      ['2026-05-11', 'day_off', 'builtin'],
      ['2026-05-16', 'working', 'user'],
    ]);
  });
});

describe('specialDays', () => {
  it('spans years and lists the Russian names', () => {
    const days = cal.specialDays('2025-12-30', '2026-01-12');
    expect(days.map((d) => `${d.date} ${d.name}`)).toEqual([
      '2025-12-31 Перенесённый выходной',
      ...['01', '02', '03', '04', '05', '06'].map((d) => `2026-01-${d} Новогодние каникулы`),
      '2026-01-07 Рождество Христово',
      '2026-01-08 Новогодние каникулы',
      '2026-01-09 Перенесённый выходной',
    ]);
  });
});
