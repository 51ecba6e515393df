/**
 * Working-day arithmetic over the production calendar. A WorkCalendar is built once per run
 * from the user's entries; each calendar year is classified on first use and cached, so
 * asking about one date is a map lookup.
 */
import { addDays, yearOf, type IsoDate } from './dates.js';
import { classifyYear, plainDay, type CalendarOverride, type DayInfo, type YearCalendar } from './productionCalendar.js';

export interface CalendarEntry extends DayInfo {
  date: IsoDate;
}

export class WorkCalendar {
  private readonly years = new Map<number, YearCalendar>();
  private readonly overridesByYear = new Map<number, CalendarOverride[]>();

  constructor(overrides: readonly CalendarOverride[] = []) {
    for (const o of overrides) {
      const year = yearOf(o.date);
      const list = this.overridesByYear.get(year);
      if (list) list.push(o);
      else this.overridesByYear.set(year, [o]);
    }
  }

  /** A calendar year classified with the user's entries; `source` tells decree from fallback. */
  year(year: number): YearCalendar {
    let classified = this.years.get(year);
    if (!classified) {
      classified = classifyYear(year, this.overridesByYear.get(year));
      this.years.set(year, classified);
    }
    return classified;
  }

  dayKind(date: IsoDate): DayInfo {
    return this.year(yearOf(date)).special.get(date) ?? plainDay(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    const { kind } = this.dayKind(date);
    return kind === 'working' || kind === 'short';
  }

  /**
   * "Within N working days after D": counting starts the day after D and the deadline is the
   * N-th working day; N = 0 gives D itself.
   */
  dueDate(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`dueDate: n must be a whole number ≥ 0, got ${n}`);
    let day = date;
    for (let left = n; left > 0; ) {
      day = addDays(day, 1);
      if (this.isWorkingDay(day)) left--;
    }
    return day;
  }

  /** Working days in (after, upTo]: how many have passed since `after` by `upTo`. */
  workingDaysBetween(after: IsoDate, upTo: IsoDate): number {
    let count = 0;
    for (let day = addDays(after, 1); day <= upTo; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /**
   * The days of [from, to] that are not a plain working weekday or weekend: holidays, days
   * off, working Saturdays, shortened days and every user entry, in date order.
   */
  specialDays(from: IsoDate, to: IsoDate): CalendarEntry[] {
    const found: CalendarEntry[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) {
      for (const [date, info] of this.year(y).special) {
        if (from <= date && date <= to) found.push({ date, ...info });
      }
    }
    return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** Calendar years of [from, to] with no decree data, where the Labour Code rule applies. */
  fallbackYears(from: IsoDate, to: IsoDate): number[] {
    const years: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) {
      if (this.year(y).source === 'labour-code') years.push(y);
    }
    return years;
  }
}
