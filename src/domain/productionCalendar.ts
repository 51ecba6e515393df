/**
 * The Russian production calendar (производственный календарь): which days of a calendar
 * year are holidays, days off, working or shortened. Built-in data comes from the yearly
 * government decrees; a year without one falls back to the Labour Code (art. 95, 112).
 */
import { addDays, isoOf, weekday, yearOf, type IsoDate } from './dates.js';

/** Kinds a decree or a user entry can give a day (the store's `calendar_day.kind`). */
export type SpecialKind = 'holiday' | 'day_off' | 'working' | 'short';
/** What a day is: a plain weekday is `working`, a plain Saturday/Sunday `weekend`; `short` is a working day. */
export type DayKind = SpecialKind | 'weekend';

export interface DayInfo {
  kind: DayKind;
  name?: string;
  /** `user` for the store's own entries, else `builtin` (decree, Labour Code, weekday). */
  source: 'builtin' | 'user';
}

/** One of the user's entries; it wins over whatever the built-in calendar says. */
export interface CalendarOverride {
  date: IsoDate;
  kind: SpecialKind;
  name?: string | null;
}

export interface DecreeRef {
  /** Постановление Правительства РФ number, e.g. `1466`. */
  number: string;
  date: IsoDate;
}

/** A decree's list for its year: it replaces the Labour Code's automatic transfers. */
interface DecreeYear {
  decree: DecreeRef;
  /** Days off besides weekends and the fixed holidays. */
  daysOff: IsoDate[];
  workingSaturdays: IsoDate[];
  /** Shortened pre-holiday working days (one hour shorter, art. 95). */
  shortDays: IsoDate[];
}

const DECREES: Record<number, DecreeYear> = {
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

/** Non-working holidays of Labour Code art. 112 as [month, day, name]. */
const FIXED_HOLIDAYS: [number, number, string][] = [
  [1, 1, 'Новогодние каникулы'],
  [1, 2, 'Новогодние каникулы'],
  [1, 3, 'Новогодние каникулы'],
  [1, 4, 'Новогодние каникулы'],
  [1, 5, 'Новогодние каникулы'],
  [1, 6, 'Новогодние каникулы'],
  [1, 7, 'Рождество Христово'],
  [1, 8, 'Новогодние каникулы'],
  [2, 23, 'День защитника Отечества'],
  [3, 8, 'Международный женский день'],
  [5, 1, 'Праздник Весны и Труда'],
  [5, 9, 'День Победы'],
  [6, 12, 'День России'],
  [11, 4, 'День народного единства'],
];

const DAY_OFF_NAME = 'Перенесённый выходной';
const WORKING_SATURDAY_NAME = 'Рабочая суббота';
const SHORT_DAY_NAME = 'Предпраздничный день';

/** One calendar year classified: only the days that differ from a plain week are listed. */
export interface YearCalendar {
  year: number;
  source: 'decree' | 'labour-code';
  /** The decree the built-in data comes from; absent when the Labour Code rule was used. */
  decree?: DecreeRef;
  special: Map<IsoDate, DayInfo>;
}

/** A day that nothing special applies to: Monday–Friday work, Saturday–Sunday rest. */
export function plainDay(date: IsoDate): DayInfo {
  return { kind: weekday(date) <= 5 ? 'working' : 'weekend', source: 'builtin' };
}

/**
 * Classify a calendar year: the fixed holidays, then the decree's days (or, without a
 * decree, the Labour Code's transfers and pre-holiday days), then the user's entries on top.
 * Overrides for other years are ignored.
 */
export function classifyYear(year: number, overrides: readonly CalendarOverride[] = []): YearCalendar {
  const special = new Map<IsoDate, DayInfo>();
  const holidays = FIXED_HOLIDAYS.map(([m, d, name]) => ({ date: isoOf(year, m, d), month: m, name }));
  for (const h of holidays) special.set(h.date, { kind: 'holiday', name: h.name, source: 'builtin' });
  const isWorking = (date: IsoDate) => {
    const kind = (special.get(date) ?? plainDay(date)).kind;
    return kind === 'working' || kind === 'short';
  };

  const decreeYear = DECREES[year];
  if (decreeYear) {
    for (const date of decreeYear.daysOff) special.set(date, { kind: 'day_off', name: DAY_OFF_NAME, source: 'builtin' });
    for (const date of decreeYear.workingSaturdays) special.set(date, { kind: 'working', name: WORKING_SATURDAY_NAME, source: 'builtin' });
    for (const date of decreeYear.shortDays) {
      const name = weekday(date) === 6 ? `${WORKING_SATURDAY_NAME}, ${SHORT_DAY_NAME.toLowerCase()}` : SHORT_DAY_NAME;
      special.set(date, { kind: 'short', name, source: 'builtin' });
    }
  } else {
    // Art. 112: a holiday on a weekend moves the day off to the next working day; the
    // January ones do not move (only a decree places them).
    for (const h of holidays) {
      if (h.month === 1 || weekday(h.date) <= 5) continue;
      let day = addDays(h.date, 1);
      while (!isWorking(day)) day = addDays(day, 1);
      special.set(day, { kind: 'day_off', name: DAY_OFF_NAME, source: 'builtin' });
    }
    // Art. 95: the working day immediately before a holiday is one hour shorter. 31 December
    // precedes 1 January of the next year.
    for (const holiday of [...holidays.map((h) => h.date), isoOf(year + 1, 1, 1)]) {
      const eve = addDays(holiday, -1);
      if (yearOf(eve) === year && isWorking(eve)) special.set(eve, { kind: 'short', name: SHORT_DAY_NAME, source: 'builtin' });
    }
  }

  for (const o of overrides) {
    if (yearOf(o.date) === year) special.set(o.date, { kind: o.kind, ...(o.name ? { name: o.name } : {}), source: 'user' });
  }
  return decreeYear ? { year, source: 'decree', decree: decreeYear.decree, special } : { year, source: 'labour-code', special };
}
